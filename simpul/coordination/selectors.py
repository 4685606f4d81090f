"""Reads of the coordination module: scoped through access; RAD progress computed on read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils import timezone

from simpul import access
from simpul.audit import services as audit
from simpul.coordination import indicators
from simpul.coordination.models import DataSource, Indicator, Plan, PlanActivity, Programme, Volunteer


def is_registered_field_reporter(user: Any) -> bool:
    """Whether ``user`` is an active relawan or Satgas member in the registry: the people who may
    file field reports in intake."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Volunteer.objects.filter(user_id=user.pk, is_active=True, organisation__is_active=True).exists()


ON_TRACK = "on_track"
BEHIND = "behind"
NO_DATA = "no_data"


@dataclass
class Cell:
    year: int
    target: Decimal | None
    actual: Decimal | None
    expected: Decimal | None
    status: str


@dataclass
class IndicatorRow:
    programme: str
    activity: str
    indicator: Indicator
    cells: list[Cell]


def _status(target: Decimal | None, actual: Decimal | None, year: int, today: dt.date) -> tuple[str, Decimal | None]:
    if target is None or actual is None or year > today.year:
        return NO_DATA, None
    if year < today.year:
        expected = target
    else:
        start = dt.date(year, 1, 1)
        days = (dt.date(year + 1, 1, 1) - start).days
        expected = (target * Decimal((today - start).days + 1) / Decimal(days)).quantize(Decimal("0.01"))
    return (ON_TRACK if actual >= expected else BEHIND), expected


def progress(*, plan: Plan, today: dt.date | None = None) -> list[IndicatorRow]:
    """Every indicator with, per plan year, the target, the actual (computed or entered), the
    pro-rata expectation for the running year and a status: on track / behind / no data."""
    today = today or timezone.localdate()
    inds = list(
        Indicator.objects.filter(activity__programme__plan=plan)
        .select_related("activity__programme", "responsible")
        .prefetch_related("targets", "realisations")
        .order_by("activity__programme__order", "activity__programme_id", "activity__order", "activity_id", "id")
    )
    rows = []
    for ind in inds:
        targets = {t.year: t.value for t in ind.targets.all()}
        reals = {r.year: r.value for r in ind.realisations.all()}
        cells = []
        for year in plan.years:
            if ind.source == DataSource.COMPUTED:
                actual = indicators.compute(ind.computed_key, plan, year) if year <= today.year else None
            else:
                actual = reals.get(year)
            status, expected = _status(targets.get(year), actual, year, today)
            cells.append(Cell(year, targets.get(year), actual, expected, status))
        rows.append(IndicatorRow(ind.activity.programme.name, ind.activity.name, ind, cells))
    return rows


def programme_for(user: Any, pk: int, action: str) -> Programme:
    """A programme of a plan on which ``user`` may do ``action`` (404 otherwise)."""
    programme = Programme.objects.filter(pk=pk, plan__in=access.visible(user, Plan, action)).select_related("plan").first()
    if programme is None:
        raise Http404()
    return programme


def plan_activity_for(user: Any, pk: int, action: str) -> PlanActivity:
    """An activity of a plan on which ``user`` may do ``action`` (404 otherwise)."""
    activity = (
        PlanActivity.objects.filter(pk=pk, programme__plan__in=access.visible(user, Plan, action))
        .select_related("programme__plan")
        .first()
    )
    if activity is None:
        raise Http404()
    return activity


def indicator_for(user: Any, pk: int, action: str) -> Indicator:
    return access.get_or_404(user, Indicator.objects.select_related("activity__programme__plan", "responsible"), action, pk=pk)


def volunteers(user: Any, *, request: Any = None) -> list[Volunteer]:
    """The relawan/Satgas registry as ``user`` may see it; the names shown are audited."""
    rows = list(access.visible(user, Volunteer).select_related("organisation", "region", "user").prefetch_related("trainings"))
    audit.record("coordination.volunteers_view", actor=user, request=request, fields=["name"], extra={"rows": len(rows)})
    return rows


def volunteer_viewed(user: Any, volunteer: Volunteer, *, request: Any = None) -> None:
    audit.record("coordination.volunteer_view", actor=user, obj=volunteer, organisation_id=volunteer.organisation_id, fields=["name"], request=request)


def plan_progress(user: Any, pk: int, *, export: str = "", request: Any = None) -> tuple[Plan, list[IndicatorRow]]:
    """A plan's progress table; ``export`` (a file format) records that it left as a file."""
    plan = access.get_or_404(user, Plan.objects.select_related("organisation", "region"), "progress", pk=pk)
    rows = progress(plan=plan)
    if export:
        audit.record("coordination.progress_export", actor=user, obj=plan, request=request, extra={"format": export})
    return plan, rows
