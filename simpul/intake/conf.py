"""Settings of the intake module. Each is read at call time from Django settings
(``SIMPUL_INTAKE_*``) or else from the environment, so tests can override them and a
benchmark can raise the rate limits without editing settings.py."""

from __future__ import annotations

import os

from django.conf import settings

from simpul.conf import module_setting

_get = module_setting  # the one reader of module settings (simpul/conf.py)


def rate_ip() -> int:
    """Public reports accepted per client address per window."""
    return int(_get("SIMPUL_INTAKE_RATE_IP", 10))


def rate_global() -> int:
    """Public reports accepted from everyone together per window."""
    return int(_get("SIMPUL_INTAKE_RATE_GLOBAL", 500))


def rate_window() -> int:
    return int(_get("SIMPUL_INTAKE_RATE_WINDOW", 600))


def status_rate_code() -> int:
    """Failed PIN checks allowed per tracking code per window."""
    return int(_get("SIMPUL_INTAKE_STATUS_RATE_CODE", 5))


def status_rate_ip() -> int:
    """Status checks (failed or not) allowed per client address per window."""
    return int(_get("SIMPUL_INTAKE_STATUS_RATE_IP", 30))


def status_window() -> int:
    return int(_get("SIMPUL_INTAKE_STATUS_WINDOW", 900))


def pow_bits() -> int:
    """Proof-of-work difficulty in leading zero bits (0 = off)."""
    return int(_get("SIMPUL_INTAKE_POW_BITS", 0))


def pow_penalty() -> int:
    """With proof-of-work on, a submission without a valid solution counts this many times."""
    return int(_get("SIMPUL_INTAKE_POW_PENALTY", 5))


def proxy_count() -> int:
    """Trusted reverse proxies in front of the app (X-Forwarded-For handling); 0 = none."""
    return int(_get("SIMPUL_PROXY_COUNT", 0))


def webhook_secret() -> str:
    return str(getattr(settings, "SIMPUL_WEBHOOK_SECRET", "") or os.environ.get("SIMPUL_WEBHOOK_SECRET", ""))


def webhook_organisation_id() -> int | None:
    raw = _get("SIMPUL_WEBHOOK_ORGANISATION", "")
    return int(raw) if str(raw).strip() else None


WEBHOOK_MAX_SKEW = 300
