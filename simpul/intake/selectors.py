"""Reads of reports, always through the access layer (or the reporter's code + PIN)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from simpul import access
from simpul.audit import services as audit
from simpul.intake import codes, conf, guard
from simpul.intake.models import OPEN_STATUSES, Report, ReportMessage, Risk

IDENTIFYING = (
    "story", "location_text", "reporter_name", "reporter_contact", "safe_contact",
    "victim_name", "victim_nik", "victim_birth_date", "victim_phone",
)


def queue(actor: Any, *, only_open: bool = True) -> QuerySet[Report]:
    """The actor's organisation's reports, the most urgent first. No identifying field is loaded."""
    qs = access.visible(actor, Report, "view").select_related("region", "organisation").defer(*IDENTIFYING)
    if only_open:
        qs = qs.filter(status__in=OPEN_STATUSES).order_by("due_at", "received_at")
    else:
        qs = qs.order_by("-received_at")
    return qs


_RISK_RANK = Case(When(risk=Risk.TINGGI, then=Value(0)), When(risk=Risk.SEDANG, then=Value(1)),
                  When(risk=Risk.RENDAH, then=Value(2)), default=Value(3), output_field=IntegerField())


def queue_filtered(actor: Any, filters: dict[str, Any], order: tuple[str, ...], *, now: dt.datetime | None = None) -> QuerySet[Report]:
    """The complaint queue with the officer's filters (status, risk, channel, overdue, received
    period, region) and order. Without a status filter: the open reports. No identifying field."""
    now = now or timezone.now()
    qs = access.visible(actor, Report, "view").select_related("region").defer(*IDENTIFYING)
    status = filters.get("status") or ""
    if status == "":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status != "semua":
        qs = qs.filter(status=status)
    risk = filters.get("risiko") or ""
    if risk == "belum":
        qs = qs.filter(risk="")
    elif risk:
        qs = qs.filter(risk=risk)
    if filters.get("kanal"):
        qs = qs.filter(channel=filters["kanal"])
    if filters.get("terlambat"):
        qs = qs.filter(status__in=OPEN_STATUSES, first_action_at__isnull=True, due_at__lt=now)
    period = filters.get("periode") or ""
    if period == "hari":
        qs = qs.filter(received_at__gte=timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0))
    elif period in ("7", "30"):
        qs = qs.filter(received_at__gte=now - dt.timedelta(days=int(period)))
    region = filters.get("wilayah") or ""
    if region:
        qs = qs.filter(Q(region_id=region) | Q(region__code__startswith=region + "."))
    if "risk_rank" in order:
        qs = qs.annotate(risk_rank=_RISK_RANK)
    return qs.order_by(*order)


def queue_regions(actor: Any) -> list[tuple[str, str]]:
    """The kabupaten/kota of the actor's reports, for the queue's region filter (one query)."""
    from simpul.regions.models import Region

    kab = {c[:5] for c in access.visible(actor, Report, "view").exclude(region_id=None).values_list("region_id", flat=True).distinct() if c}
    return [(r.code, f"{r.name} ({r.code})") for r in Region.objects.filter(code__in=kab).only("code", "name").order_by("code")]


def report_for_officer(actor: Any, uid: Any, *, request: Any = None, audit_view: bool = True) -> Report:
    """One report with its identifying data; the look is audited with the field names shown."""
    report = access.get_or_404(actor, Report.objects.select_related("region", "organisation", "referred_to"), "view", uid=uid)
    if audit_view:
        shown = [f for f in IDENTIFYING if getattr(report, f) not in (None, "", {}, [])]
        audit.record("intake.view", actor=actor, obj=report, organisation_id=report.organisation_id, fields=shown, request=request)
    return report


def own_field_reports(actor: Any) -> QuerySet[Report]:
    """A relawan's or Satgas member's own submissions: status only (no content is loaded)."""
    return (
        access.visible(actor, Report, "own")
        .select_related("region")
        .only("uid", "tracking_code", "status", "received_at", "region__name", "region__code", "urgency")
        .order_by("-received_at")
    )


def thread_for_officer(report: Report) -> list[ReportMessage]:
    return list(report.messages.select_related("author").all())


def public_thread(report: Report) -> list[ReportMessage]:
    """Only what the reporter wrote and what officers deliberately sent: never internal notes."""
    return list(report.messages.filter(internal=False).only("uid", "report_id", "author_kind", "body", "created_at", "internal"))


def public_status_thread(report: Report) -> list[ReportMessage]:
    """The reporter's status page (reached with code + PIN or the signed token): the public
    thread. The look is audited (no user: the reporter is anonymous)."""
    audit.record("intake.public_view", obj=report, organisation_id=report.organisation_id, fields=["messages"], ip="")
    return public_thread(report)


def report_for_token(uid: Any, pin_tail: Any) -> Report | None:
    """The report a reporter's signed status token names, if its PIN is still the one the token was made with."""
    report = Report.objects.filter(uid=uid).first()
    if report is None or report.pin_hash[-16:] != pin_tail:
        return None
    return report


def public_submission_exists(idempotency_key: str) -> bool:
    """Whether the portal form with this (secret, per-form) key was already stored (a resubmission)."""
    return Report.objects.filter(idempotency_key=f"web:{idempotency_key}").exists()


def report_timeline(report: Report) -> tuple[list[Any], list[Report]]:
    """The report's events and the duplicates merged into it (the caller fetched ``report`` through the access layer)."""
    return list(report.events.select_related("actor").all()), list(report.merged_reports.only("uid", "tracking_code", "status"))


def report_in_queue(actor: Any, tracking_code: str) -> Report | None:
    """A report of the actor's queue (open or not) by its tracking code."""
    return queue(actor, only_open=False).filter(tracking_code=tracking_code).first()


class Throttled(Exception):
    pass


def public_lookup(*, code: str, pin: str, ip: str) -> Report | None:
    """The report for a tracking code + PIN, or None. Throttled per client address (every
    attempt) and per code (failures): raises Throttled when a limit is reached."""
    from simpul.intake.services import pin_matches

    window = conf.status_window()
    if not guard.hit("status-ip", ip, limit=conf.status_rate_ip(), window=window):
        raise Throttled()
    normal = codes.normalise_code(code)
    if normal is None:
        return None
    if guard.peek("status-code", normal, window=window) >= conf.status_rate_code():
        raise Throttled()
    report = Report.objects.filter(tracking_code=normal).first()
    if report is None or not pin_matches(report, pin or ""):
        guard.hit("status-code", normal, limit=conf.status_rate_code(), window=window)
        return None
    return report


def duplicate_hints(actor: Any, report: Report) -> dict[str, Any]:
    """Exact (blind-index) matches: persons by NIK, phone or name + birth date, and other open
    reports of the actor's organisations naming the same person or coming from the same phone."""
    from simpul.people.services import find_candidates

    persons = find_candidates(
        nik=report.victim_nik or None,
        phone=report.victim_phone or None,
        full_name=report.victim_name if report.victim_birth_date else None,
        birth_date=report.victim_birth_date,
    )
    if report.victim_person_id:
        persons = {k: [p for p in v if p != report.victim_person_id] for k, v in persons.items()}
        persons = {k: v for k, v in persons.items() if v}
    keys = []
    for field in ("victim_nik_bidx", "victim_phone_bidx", "victim_name_birth_bidx", "reporter_phone_bidx"):
        value = getattr(report, field)
        if value:
            keys.append((field, value))
    reports: list[Report] = []
    if keys:
        from django.db.models import Q

        cond = Q()
        for field, value in keys:
            cond |= Q(**{field: value})
        reports = list(
            access.visible(actor, Report, "view").filter(cond, status__in=OPEN_STATUSES).exclude(pk=report.pk).only("uid", "tracking_code", "status", "received_at", "risk")[:20]
        )
    return {"persons": persons, "reports": reports}


def is_overdue(report: Report, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(report.is_open and report.first_action_at is None and report.due_at and report.due_at < now)


def response_clock_summary(region_code: str | None, year: int) -> tuple[int, int]:
    """(handled within their clock, reports with a clock) for reports received in ``year`` whose
    incident region lies in ``region_code`` (all regions when None). Aggregates only: used by the
    RAD indicator "laporan yang ditangani dalam batas waktu respons" (simpul/coordination/indicators.py).
    A report counts as on time when its first action came no later than its due time."""
    qs = Report.objects.filter(received_at__year=year, due_at__isnull=False)
    if region_code:
        qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=region_code + "."))
    total = qs.count()
    on_time = qs.filter(first_action_at__isnull=False, first_action_at__lte=F("due_at")).count()
    return on_time, total


def configurable_organisations(actor: Any) -> list[Any]:
    """Organisations whose response clock and roster ``actor`` may set (kepala/manajer_kasus)."""
    from simpul.access.roles import Role
    from simpul.accounts.models import Organisation

    ids = access.actor_for(actor).org_ids(Role.KEPALA, Role.MANAJER_KASUS)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def response_policy_values(organisation: Any) -> dict[str, int]:
    from simpul.intake.models import ResponsePolicy

    row = ResponsePolicy.objects.filter(organisation=organisation).first()
    default = ResponsePolicy()
    src = row or default
    return {"high_minutes": src.high_minutes, "medium_minutes": src.medium_minutes, "low_working_days": src.low_working_days}


def officers_of(organisation: Any) -> list[tuple[int, str]]:
    """(user id, display name) of the organisation's active intake officers."""
    from simpul.accounts.models import Membership, User
    from simpul.intake.services import OFFICER_ROLES

    ids = Membership.objects.filter(organisation=organisation, role__in=OFFICER_ROLES, is_active=True).values("user_id")
    return [(u.pk, u.get_full_name() or u.username) for u in User.objects.filter(pk__in=ids, is_active=True).order_by("username")]


def on_duty_ids(organisation: Any) -> list[int]:
    from simpul.intake.models import OnDuty

    return list(OnDuty.objects.filter(organisation=organisation, active=True).values_list("user_id", flat=True))


# Values of a report that say nothing about a person: what statistics may count.
STATISTICS_FIELDS = frozenset({"channel", "status", "risk", "jenis_kasus", "received_at", "due_at", "first_action_at"})


def received_values(region_code: str | None, start: dt.date, end: dt.date, *fields: str, with_clock: bool = False) -> list[tuple[Any, ...]]:
    """``fields`` (non-identifying only, see STATISTICS_FIELDS) of the reports received from
    ``start`` to ``end`` (dates, inclusive) in ``region_code`` (all regions when None); only
    reports with a response clock when ``with_clock``. For the statistics module."""
    unknown = set(fields) - STATISTICS_FIELDS
    if unknown:
        raise ValueError(f"not a statistics field of a report: {sorted(unknown)}")
    qs = Report.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    if region_code:
        qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=region_code + "."))
    if with_clock:
        qs = qs.filter(due_at__isnull=False)
    return list(qs.values_list(*fields).order_by())
