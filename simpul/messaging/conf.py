"""Settings of the messaging module (``SIMPUL_MESSAGING_*``), read at call time from Django
settings or else the environment, so tests can override them (docs/configuration.md)."""

from __future__ import annotations

from simpul.conf import module_setting

_get = module_setting  # the one reader of module settings (simpul/conf.py)


def whatsapp_api_url() -> str:
    """Base URL of the WhatsApp Business Cloud API (the Graph API with its version)."""
    return str(_get("SIMPUL_MESSAGING_WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")).rstrip("/")


def whatsapp_phone_number_id() -> str:
    return str(_get("SIMPUL_MESSAGING_WHATSAPP_PHONE_NUMBER_ID", ""))


def whatsapp_token() -> str:
    return str(_get("SIMPUL_MESSAGING_WHATSAPP_TOKEN", ""))


def sms_url() -> str:
    """The generic SMS gateway's send endpoint (JSON POST with a bearer token)."""
    return str(_get("SIMPUL_MESSAGING_SMS_URL", ""))


def sms_token() -> str:
    return str(_get("SIMPUL_MESSAGING_SMS_TOKEN", ""))


def default_channel() -> str:
    """The channel for a reporter who allowed messages on the form without choosing one."""
    return str(_get("SIMPUL_MESSAGING_DEFAULT_CHANNEL", "whatsapp"))


def default_window() -> str:
    """Allowed sending times when the reporter wrote none (organisation's time zone, every day)."""
    return str(_get("SIMPUL_MESSAGING_DEFAULT_WINDOW", "08.00-20.00"))


def timeout() -> float:
    """Seconds to wait for the provider (connect and read)."""
    return float(_get("SIMPUL_MESSAGING_TIMEOUT", 10.0))


def max_attempts() -> int:
    return int(_get("SIMPUL_MESSAGING_MAX_ATTEMPTS", 6))


def retry_base() -> int:
    """Seconds before the first retry; doubled for every further attempt (capped at one hour)."""
    return int(_get("SIMPUL_MESSAGING_RETRY_BASE", 60))


def stale_after() -> int:
    """A message claimed for sending longer ago than this (a worker died) is tried again."""
    return int(_get("SIMPUL_MESSAGING_STALE_AFTER", 600))
