"""Which audit actions become which webhook events (subscribed through ``simpul.audit.events``).

An event carries ids and its type, never identifying data: a receiver fetches what it may read
through the API. The list is documented in docs/webhooks.md; a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from simpul.audit import events

# Event type -> label (shown to the admin choosing what to receive).
EVENT_TYPES: dict[str, object] = {
    "report.received": _("Pengaduan diterima"),
    "case.opened": _("Kasus dibuka"),
    "case.closed": _("Kasus ditutup (terminasi disetujui)"),
    "case.reopened": _("Kasus dibuka kembali"),
    "referral.sent": _("Rujukan dikirim"),
    "referral.accepted": _("Rujukan diterima mitra"),
    "referral.declined": _("Rujukan ditolak mitra"),
    "taskforce.meeting_recorded": _("Rapat gugus tugas dicatat"),
    "taskforce.action_added": _("Tindak lanjut gugus tugas dicatat"),
    "taskforce.action_status_changed": _("Status tindak lanjut berubah"),
    "rad.realisation_recorded": _("Realisasi indikator RAD dicatat"),
    "prevention.activity_recorded": _("Kegiatan pencegahan dicatat"),
    "outreach.request_created": _("Permintaan Molin PPA diajukan"),
    "outreach.trip_scheduled": _("Perjalanan Molin PPA dijadwalkan"),
    "outreach.trip_logged": _("Pelaksanaan perjalanan Molin PPA dicatat"),
}


@dataclass(frozen=True)
class Mapping:
    action: str
    event_type: str
    when: Callable[[events.Event], bool] = lambda _e: True


def _closed(e: events.Event) -> bool:
    return e.extra.get("kind") == "termination" and e.extra.get("approved") is True


MAPPINGS: tuple[Mapping, ...] = (
    Mapping("intake.create", "report.received"),
    Mapping("case.open", "case.opened"),
    Mapping("case.approval_decide", "case.closed", _closed),
    Mapping("case.reopen", "case.reopened"),
    Mapping("referral.create", "referral.sent"),
    Mapping("referral.accept", "referral.accepted"),
    Mapping("referral.decline", "referral.declined"),
    Mapping("coordination.meeting_save", "taskforce.meeting_recorded"),
    Mapping("coordination.action_add", "taskforce.action_added"),
    Mapping("coordination.action_status", "taskforce.action_status_changed"),
    Mapping("coordination.realisation_set", "rad.realisation_recorded"),
    Mapping("prevention.activity_create", "prevention.activity_recorded"),
    Mapping("outreach.request_create", "outreach.request_created"),
    Mapping("outreach.trip_schedule", "outreach.trip_scheduled"),
    Mapping("outreach.trip_log", "outreach.trip_logged"),
)


def event_types_for(event: events.Event) -> list[str]:
    return [m.event_type for m in MAPPINGS if m.action == event.action and m.when(event)]


def _on_audit(event: events.Event) -> None:
    """After commit: hand the event to the worker (never deliver in the request)."""
    if not event_types_for(event):
        return
    from simpul.webhooks.models import Endpoint
    from simpul.webhooks.tasks import dispatch_event

    if not Endpoint.objects.filter(is_active=True).exists():
        return  # nobody listens: no task row for every case opened

    dispatch_event.enqueue(event.as_dict())


def connect() -> None:
    for action in {m.action for m in MAPPINGS}:
        events.subscribe(action, _on_audit)
