"""Who is told of what happens to reports (simpul/notify): a new report in an organisation's
queue (created, handed over or routed there), a reporter's message, a report past its response
time. Officers on duty (the roster) when there is one, else every intake officer; always
filtered by the access layer. Registered in apps.py; run by the task worker."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from simpul.audit.events import Event
from simpul.intake.models import OPEN_STATUSES, AuthorKind, OnDuty, Report, ReportMessage
from simpul.notify import registry
from simpul.notify.kinds import Kind
from simpul.notify.registry import Delivery, allowed, deliveries, members, users

OFFICER_ROLES = ("petugas_pengaduan", "kepala", "manajer_kasus")


def _int(value: object) -> int:
    """An id from an event (0, which no row has, when there is none)."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def officers(report: Report) -> list[object]:
    if report.organisation_id is None:
        return []
    roster = list(OnDuty.objects.filter(organisation_id=report.organisation_id, active=True).values_list("user_id", flat=True))
    candidates = users(roster) if roster else members([report.organisation_id], OFFICER_ROLES)
    return allowed(candidates, "view", report)


def _path(report: Report) -> str:
    return reverse("intake:detail", kwargs={"uid": report.uid})


def report_new(event: Event) -> list[Delivery]:
    report = Report.objects.filter(pk=_int(event.object_id)).only("pk", "uid", "tracking_code", "organisation_id", "status").first()
    if report is None or report.organisation_id is None or report.status not in OPEN_STATUSES:
        return []
    if event.action == "intake.triage" and "routed_to" not in event.extra:
        return []
    key = f"report_new:{report.pk}:{report.organisation_id}"
    return deliveries(officers(report), Kind.REPORT_NEW, key, reference=report.display_code, path=_path(report))


def reporter_message(event: Event) -> list[Delivery]:
    report = Report.objects.filter(pk=_int(event.object_id)).only("pk", "uid", "tracking_code", "organisation_id").first()
    if report is None:
        return []
    last = ReportMessage.objects.filter(report=report, author_kind=AuthorKind.PUBLIC).order_by("-pk").values_list("pk", flat=True).first()
    key = f"reporter_message:{last or report.pk}"
    return deliveries(officers(report), Kind.REPORTER_MESSAGE, key, reference=report.display_code, path=_path(report))


def reports_overdue(now: dt.datetime) -> list[Delivery]:
    """Open reports without a first action past their due time: once per report and due time."""
    found: list[Delivery] = []
    late = Report.objects.filter(status__in=OPEN_STATUSES, first_action_at__isnull=True, due_at__lt=now, organisation__isnull=False)
    for report in late.only("pk", "uid", "tracking_code", "organisation_id", "due_at")[:500]:
        key = f"report_overdue:{report.pk}:{report.due_at.isoformat() if report.due_at else ''}"
        found += deliveries(officers(report), Kind.REPORT_OVERDUE, key, reference=report.display_code, path=_path(report))
    return found


def register() -> None:
    for action in ("intake.create", "intake.refer", "intake.triage"):
        registry.on(action, report_new)
    registry.on("intake.public_message", reporter_message)
    registry.register_scan(reports_overdue)
