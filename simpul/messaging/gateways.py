"""The gateway interface and its adapters. A gateway sends one text to one number and returns
the provider's message id, or raises :class:`GatewayError` saying whether trying again is safe.

* :class:`WhatsAppCloud` — the WhatsApp Business Cloud API: ``POST {api}/{phone-number-id}/messages``
  with a JSON body (``messaging_product``, ``to``, ``type: text``) and a bearer token.
* :class:`GenericHttpSms` — the one documented SMS contract: ``POST {url}`` with
  ``{"to", "text", "idempotency_key"}``, a bearer token and an ``Idempotency-Key`` header; the
  gateway answers 2xx with ``{"id": "..."}`` and must treat a repeated key as the same message.

Every request carries the message's idempotency key (header ``Idempotency-Key``; for WhatsApp
also ``biz_opaque_callback_data``). A gateway that honours the key (``idempotent = True``) is
retried after any failure; one that does not (the Cloud API documents no such key) is retried
only when the request certainly did not reach it (connection refused) or was refused before it
was handled (429, 5xx); after a timeout the message is marked failed as "uncertain" instead
of risking a second copy on the reporter's phone.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from simpul.messaging import conf


class GatewayError(Exception):
    """``code`` is short and non-identifying (stored); ``retry``: safe to try again;
    ``uncertain``: the provider may have accepted it (a timeout after sending)."""

    def __init__(self, code: str, *, retry: bool, uncertain: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.retry = retry
        self.uncertain = uncertain


@dataclass(frozen=True)
class Outgoing:
    to: str
    text: str
    idempotency_key: str


class Gateway(Protocol):
    idempotent: bool

    def send(self, message: Outgoing) -> str:
        """Send; return the provider's message id."""
        ...


def normalise_msisdn(number: str) -> str:
    """Digits in international form without "+" (0812... -> 62812...), as both APIs expect."""
    digits = "".join(c for c in number if c.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits


def _post(url: str, token: str, body: dict[str, Any], key: str) -> dict[str, Any]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting (https in production)
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Idempotency-Key": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=conf.timeout()) as response:  # noqa: S310
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:
        status = exc.code
        if status == 429 or status >= 500:
            raise GatewayError(f"http_{status}", retry=True) from None
        raise GatewayError(f"refused_{status}", retry=False) from None
    except TimeoutError:
        raise GatewayError("timeout", retry=True, uncertain=True) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise GatewayError("timeout", retry=True, uncertain=True) from None
        # Connection refused / name not resolved: nothing reached the provider.
        raise GatewayError("unreachable", retry=True) from None
    except (ConnectionError, OSError):
        raise GatewayError("connection_lost", retry=True, uncertain=True) from None
    try:
        parsed = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise GatewayError("bad_response", retry=True, uncertain=True) from None
    return parsed if isinstance(parsed, dict) else {}


class WhatsAppCloud:
    idempotent = False

    def __init__(self, api_url: str, phone_number_id: str, token: str) -> None:
        self.url = f"{api_url.rstrip('/')}/{phone_number_id}/messages"
        self.token = token

    def send(self, message: Outgoing) -> str:
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": normalise_msisdn(message.to),
            "type": "text",
            "text": {"preview_url": False, "body": message.text},
            "biz_opaque_callback_data": message.idempotency_key,
        }
        answer = _post(self.url, self.token, body, message.idempotency_key)
        found = answer.get("messages")
        if isinstance(found, list) and found and isinstance(found[0], dict) and found[0].get("id"):
            return str(found[0]["id"])[:128]
        raise GatewayError("bad_response", retry=True, uncertain=True)


class GenericHttpSms:
    idempotent = True

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def send(self, message: Outgoing) -> str:
        body = {"to": normalise_msisdn(message.to), "text": message.text, "idempotency_key": message.idempotency_key}
        answer = _post(self.url, self.token, body, message.idempotency_key)
        if answer.get("id"):
            return str(answer["id"])[:128]
        raise GatewayError("bad_response", retry=True, uncertain=True)


def configured(channel: str) -> bool:
    if channel == "whatsapp":
        return bool(conf.whatsapp_phone_number_id() and conf.whatsapp_token())
    if channel == "sms":
        return bool(conf.sms_url() and conf.sms_token())
    return False


def for_channel(channel: str) -> Gateway:
    if channel == "whatsapp":
        return WhatsAppCloud(conf.whatsapp_api_url(), conf.whatsapp_phone_number_id(), conf.whatsapp_token())
    if channel == "sms":
        return GenericHttpSms(conf.sms_url(), conf.sms_token())
    raise GatewayError("unknown_channel", retry=False)
