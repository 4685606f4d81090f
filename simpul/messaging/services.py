"""Every write of messaging: queue a message for a reporter, send it (the task worker), record
what the provider says about it, and the reporter's messaging preference.

Sending is a state machine on the row (see models.py). A worker claims a message under a row
lock (queued -> sending, one attempt counted) and commits; it calls the provider outside any
transaction with the message's idempotency key; it records the outcome under the lock again,
only if its claim still stands. Two workers can never both claim a message; a retry sends the
same key; a message is never sent outside the reporter's allowed times (it is deferred to the
next window, in the organisation's time zone) nor after the reporter asked not to be contacted.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.crypto.blind import blind_index
from simpul.messaging import conf, gateways, policy, texts, windows
from simpul.messaging.models import FINAL_STATES, ContactPreference, OutboundMessage, Purpose, State

log = logging.getLogger(__name__)

REFUSALS = {
    "do_not_contact": _("Pelapor meminta tidak dihubungi. Pesan tidak dikirim."),
    "no_consent": _("Pelapor tidak mengizinkan pesan. Pesan tidak dikirim."),
    "no_number": _("Tidak ada nomor telepon/WhatsApp pelapor. Pesan tidak dikirim."),
    "unreadable_times": _("Waktu aman yang ditulis pelapor tidak terbaca sistem. Hubungi sesuai catatan pelapor."),
    "not_connected": _("Pengiriman lewat WhatsApp/SMS belum disambungkan oleh pengelola sistem."),
}


def refusal(reason: str) -> str:
    return str(REFUSALS.get(reason, _("Pesan tidak dapat dikirim.")))


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(conf.retry_base() * (2 ** max(attempts - 1, 0)), 3600))


def _schedule(msg: OutboundMessage) -> None:
    """After commit: hand the message to the worker at its time (the sweep catches it otherwise)."""
    from simpul.messaging.tasks import deliver

    uid, when = str(msg.uid), msg.not_before

    def enqueue() -> None:
        backend = deliver.get_backend()
        if backend.supports_defer:
            deliver.using(run_after=when).enqueue(uid)
        elif when <= timezone.now():
            deliver.enqueue(uid)

    transaction.on_commit(enqueue)


def _audit(action: str, msg: OutboundMessage, actor: Any = None, **extra: Any) -> None:
    audit.record(
        action, actor=actor, object_type="messaging.outboundmessage", object_id=msg.pk, organisation_id=msg.organisation_id,
        extra={"report": msg.report_id, "channel": msg.channel, "template": msg.template, "state": msg.state, **extra},
    )


def _queue(*, report: Any, contact: policy.Contact, template: str, text: str, purpose: str, actor: Any, now: dt.datetime) -> OutboundMessage:
    msg = OutboundMessage.objects.create(
        report=report, organisation_id=report.organisation_id, channel=contact.channel, purpose=purpose, template=template,
        to=contact.to, to_bidx=blind_index("phone", contact.to), text=text, idempotency_key=uuid.uuid4().hex,
        not_before=windows.next_allowed(now, contact.windows, contact.time_zone), created_by=actor,
    )
    _audit("messaging.queue", msg, actor, deferred=msg.not_before > now)
    _schedule(msg)
    return msg


@transaction.atomic
def message_queue(*, actor: Any, report: Any, template: str, text: str = "", now: dt.datetime | None = None) -> OutboundMessage:
    """Queue a message to the reporter of ``report`` from an officer who may message on it:
    a neutral template, or free text when the reporter allowed full text."""
    access.check(actor, "message", report)
    now = now or timezone.now()
    try:
        contact = policy.contact_for(report)
    except policy.NotAllowed as exc:
        raise ValidationError({"template": refusal(exc.reason)}) from None
    if not gateways.configured(contact.channel):
        raise ValidationError({"template": refusal("not_connected")})
    if template == texts.FREE_TEXT:
        if not contact.full_text:
            raise ValidationError({"template": _("Pelapor tidak mengizinkan pesan lengkap. Pilih salah satu templat.")})
        text = (text or "").strip()
        if not text:
            raise ValidationError({"text": _("Tulis isi pesan.")})
        if len(text) > 1000:
            raise ValidationError({"text": _("Pesan terlalu panjang (paling banyak 1000 huruf).")})
    elif template in texts.TEMPLATES:
        text = texts.text_of(template)
    else:
        raise ValidationError({"template": _("Pilih salah satu templat.")})
    return _queue(report=report, contact=contact, template=template, text=text, purpose=Purpose.REPLY, actor=actor, now=now)


@transaction.atomic
def notify_reporter(*, report: Any, purpose: str, now: dt.datetime | None = None) -> OutboundMessage | None:
    """The system's neutral message on an officer's reply in the thread (when the reporter allows
    messages) or a change of status (when they asked for status updates). One pending message per
    report and purpose: three replies in an hour make one message, not three."""
    now = now or timezone.now()
    try:
        contact = policy.contact_for(report)
    except policy.NotAllowed:
        return None
    if (purpose == Purpose.STATUS and not contact.status_updates) or not gateways.configured(contact.channel):
        return None
    if OutboundMessage.objects.filter(report=report, purpose=purpose, state__in=(State.QUEUED, State.SENDING)).exists():
        return None
    template = texts.STATUS if purpose == Purpose.STATUS else texts.DEFAULT
    return _queue(report=report, contact=contact, template=template, text=texts.text_of(template), purpose=purpose, actor=None, now=now)


# --- sending -----------------------------------------------------------------------------------


def _claim(uid: str, now: dt.datetime) -> tuple[str, OutboundMessage | None, gateways.Gateway | None]:
    from simpul.intake.models import Report

    with transaction.atomic():
        msg = OutboundMessage.objects.select_for_update().filter(uid=uid).first()
        if msg is None:
            return "missing", None, None
        if msg.state not in (State.QUEUED, State.SENDING):
            return f"already_{msg.state}", None, None
        stale = msg.state == State.SENDING
        if stale and msg.claimed_at and msg.claimed_at > now - dt.timedelta(seconds=conf.stale_after()):
            return "busy", None, None
        gateway = gateways.for_channel(msg.channel) if gateways.configured(msg.channel) else None
        if stale and gateway is not None and not gateway.idempotent:
            # A worker died while sending through a gateway without idempotency: it may have arrived.
            _finish(msg, State.FAILED, "uncertain_stale")
            return msg.state, None, None
        if msg.not_before > now:
            return "not_due", None, None
        report = Report.objects.select_related("organisation").get(pk=msg.report_id)
        try:
            contact = policy.contact_for(report)
        except policy.NotAllowed as exc:
            msg.state, msg.last_error = State.CANCELLED, exc.reason
            msg.save(update_fields=["state", "last_error", "updated_at"])
            _audit("messaging.cancel", msg, reason=exc.reason)
            return msg.state, None, None
        if not windows.allowed_at(now, contact.windows, contact.time_zone):
            msg.not_before = windows.next_allowed(now, contact.windows, contact.time_zone)
            msg.state = State.QUEUED
            msg.save(update_fields=["not_before", "state", "updated_at"])
            _schedule(msg)
            return "deferred", None, None
        if gateway is None:
            # Not connected yet: keep it (nothing lost) and look again in an hour.
            msg.state, msg.last_error, msg.not_before = State.QUEUED, "not_configured", now + dt.timedelta(hours=1)
            msg.save(update_fields=["state", "last_error", "not_before", "updated_at"])
            return "not_configured", None, None
        msg.state, msg.claimed_at = State.SENDING, now
        msg.attempts += 1
        msg.save(update_fields=["state", "claimed_at", "attempts", "updated_at"])
        return "claimed", msg, gateway


def _finish(msg: OutboundMessage, state: str, error: str = "") -> None:
    msg.state, msg.last_error = state, error
    msg.save(update_fields=["state", "last_error", "updated_at"])
    _audit("messaging.fail", msg, error=error, attempts=msg.attempts)


def deliver(uid: str, *, now: dt.datetime | None = None) -> str:
    """Send one message if it is due, allowed and not sent yet. Returns what happened."""
    now = now or timezone.now()
    outcome, claimed, gateway = _claim(str(uid), now)
    if claimed is None or gateway is None:
        return outcome
    error: gateways.GatewayError | None = None
    provider_id = ""
    try:
        provider_id = gateway.send(gateways.Outgoing(claimed.to, claimed.text, claimed.idempotency_key))
    except gateways.GatewayError as exc:
        error = exc
    except Exception:  # noqa: BLE001 - an adapter bug must not leave the message claimed for ever
        log.exception("messaging gateway failed")
        error = gateways.GatewayError("adapter_error", retry=True, uncertain=True)
    with transaction.atomic():
        msg = OutboundMessage.objects.select_for_update().get(pk=claimed.pk)
        if msg.state != State.SENDING or msg.claimed_at != claimed.claimed_at:
            return "superseded"
        if error is None:
            msg.state, msg.provider_message_id, msg.sent_at, msg.last_error = State.SENT, provider_id, timezone.now(), ""
            msg.save(update_fields=["state", "provider_message_id", "sent_at", "last_error", "updated_at"])
            _audit("messaging.send", msg, attempts=msg.attempts)
            return "sent"
        if error.uncertain and not gateway.idempotent:
            _finish(msg, State.FAILED, f"uncertain_{error.code}")
            return "failed"
        if error.retry and msg.attempts < conf.max_attempts():
            msg.state, msg.last_error, msg.not_before = State.QUEUED, error.code, now + _backoff(msg.attempts)
            msg.save(update_fields=["state", "last_error", "not_before", "updated_at"])
            _schedule(msg)
            return "retry"
        _finish(msg, State.FAILED, error.code)
        return "failed"


def sweep(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """Deliver what is due and what a dead worker left claimed. Returns how many were sent."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=conf.stale_after())
    due = list(
        OutboundMessage.objects.filter(state=State.QUEUED, not_before__lte=now).values_list("uid", flat=True).order_by("not_before")[:limit]
    ) + list(OutboundMessage.objects.filter(state=State.SENDING, claimed_at__lt=stale).values_list("uid", flat=True)[:limit])
    return sum(1 for uid in due if deliver(str(uid), now=now) == "sent")


# --- what the provider reports -----------------------------------------------------------------

_PROVIDER_STATES = {"sent": State.SENT, "delivered": State.DELIVERED, "read": State.DELIVERED, "failed": State.FAILED, "undelivered": State.FAILED}


@transaction.atomic
def status_receipt(*, provider_message_id: str, status: str) -> str:
    """A delivery status from the provider. Moves forward only (sent -> delivered/failed); a
    repeated or late receipt changes nothing. Returns the message's state ("unknown" if none)."""
    target = _PROVIDER_STATES.get((status or "").strip().lower())
    msg = OutboundMessage.objects.select_for_update().filter(provider_message_id=provider_message_id).first() if provider_message_id else None
    if msg is None or target is None:
        return "unknown"
    if msg.state in FINAL_STATES or msg.state == target or target == State.SENT:
        return msg.state
    if target == State.DELIVERED:
        msg.state, msg.delivered_at = State.DELIVERED, timezone.now()
        msg.save(update_fields=["state", "delivered_at", "updated_at"])
        _audit("messaging.delivered", msg)
    else:
        _finish(msg, State.FAILED, "provider_failed")
    return msg.state


# --- the reporter's preference -----------------------------------------------------------------


@transaction.atomic
def preference_set(*, report: Any, channel: str, status_updates: bool, full_text: bool, opted_out: bool = False) -> ContactPreference:
    """The reporter's own choice (the caller has checked their code and PIN)."""
    from simpul.messaging.models import Channel

    if channel not in ("", *Channel.values):
        raise ValidationError({"channel": _("Pilih WhatsApp atau SMS.")})
    pref, _created = ContactPreference.objects.select_for_update().get_or_create(report=report)
    pref.channel, pref.status_updates, pref.full_text, pref.opted_out = channel, status_updates, full_text, opted_out
    pref.save()
    audit.record(
        "messaging.preference", obj=report, organisation_id=report.organisation_id, ip="",
        extra={"channel": channel, "status_updates": status_updates, "full_text": full_text, "opted_out": opted_out},
    )
    return pref
