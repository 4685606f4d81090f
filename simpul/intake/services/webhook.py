"""The signed messaging-gateway (WhatsApp/SMS) webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from simpul.accounts.models import Organisation
from simpul.audit import services as audit
from simpul.crypto.blind import blind_index
from simpul.intake import conf
from simpul.intake.models import (
    OPEN_STATUSES,
    AuthorKind,
    Channel,
    Report,
    ReportMessage,
    WebhookReceipt,
)
from simpul.intake.services.common import _event
from simpul.intake.services.submit import _create

# --- messaging gateway webhook -----------------------------------------------------------------

class WebhookRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def webhook_verify(*, body: bytes, timestamp: str, signature: str, now: float | None = None) -> None:
    secret = conf.webhook_secret()
    if not secret:
        raise WebhookRefused(503, "webhook not configured")
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        raise WebhookRefused(401, "bad timestamp") from None
    current = now if now is not None else timezone.now().timestamp()
    if abs(current - ts) > conf.WEBHOOK_MAX_SKEW:
        raise WebhookRefused(401, "timestamp outside the allowed window")
    expected = webhook_signature(secret, str(ts), body)
    given = (signature or "").removeprefix("sha256=")
    if not hmac.compare_digest(expected, given):
        raise WebhookRefused(401, "bad signature")


@transaction.atomic
def webhook_receive(*, sender: str, message_id: str, text: str) -> tuple[str, Report]:
    """Start a WhatsApp/SMS intake conversation, or continue the sender's open report.
    Returns ("created"|"appended", report). Raises WebhookRefused on a replayed message id."""
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(message_id=message_id)
    except IntegrityError:
        raise WebhookRefused(409, "message already received") from None
    phone_bidx = blind_index("phone", sender)
    org_id = conf.webhook_organisation_id()
    existing = (
        # Any channel: a reporter who gave this number on the form answers our message (docs/messaging.md).
        Report.objects.filter(reporter_phone_bidx=phone_bidx, status__in=OPEN_STATUSES)
        .order_by("-received_at").first()
        if phone_bidx else None
    )
    if existing is not None:
        ReportMessage.objects.create(report=existing, author_kind=AuthorKind.PUBLIC, body=text, internal=False)
        _event(existing, "public_message", channel=Channel.WHATSAPP)
        audit.record("intake.public_message", obj=existing, organisation_id=existing.organisation_id, fields=["body"], ip="")
        return "appended", existing
    default_org = Organisation.objects.filter(pk=org_id).first() if org_id else None
    report, _created = _create(
        fields={"channel": Channel.WHATSAPP, "story": text, "reporter_contact": sender},
        idempotency_key=f"wa:{message_id}",
        default_org=default_org,
    )
    return "created", report


def webhook_payload(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WebhookRefused(422, "body is not JSON") from None
    if not isinstance(data, dict):
        raise WebhookRefused(422, "body must be an object")
    sender, message_id, text = data.get("from"), data.get("message_id"), data.get("text")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > 32:
        raise WebhookRefused(422, "from is required")
    if not isinstance(message_id, str) or not message_id.strip() or len(message_id) > 120:
        raise WebhookRefused(422, "message_id is required")
    if not isinstance(text, str) or not text.strip() or len(text) > 10000:
        raise WebhookRefused(422, "text is required")
    return {"sender": sender.strip(), "message_id": message_id.strip(), "text": text.strip()}
