"""Registry of computed RAD indicators: each computes a value for a plan's region and a year from
Simpul's own data, so computed indicators update themselves (they are evaluated on every read).

A computation returns a Decimal, or None when there is no data (e.g. the module it needs does not
exist yet). Modules built in parallel (intake, cases) are imported lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Computation:
    key: str
    label: str | Promise
    unit: str | Promise
    fn: Callable[[Any, int], Decimal | None]


REGISTRY: dict[str, Computation] = {}


def register(key: str, label: str | Promise, unit: str | Promise) -> Callable[[Callable[[Any, int], Decimal | None]], Callable[[Any, int], Decimal | None]]:
    def deco(fn: Callable[[Any, int], Decimal | None]) -> Callable[[Any, int], Decimal | None]:
        REGISTRY[key] = Computation(key, label, unit, fn)
        return fn

    return deco


def choices() -> list[tuple[str, str]]:
    return [(c.key, str(c.label)) for c in REGISTRY.values()]


def compute(key: str, plan: Any, year: int) -> Decimal | None:
    comp = REGISTRY.get(key)
    if comp is None:
        return None
    return comp.fn(plan, year)


def _within(field: str, code: str | None) -> Q:
    if not code:
        return Q()
    return Q(**{field: code}) | Q(**{f"{field.removesuffix('_id')}__code__startswith": code + "."})


def _activities(plan: Any, year: int) -> Any:
    from simpul.prevention.models import Activity

    region = plan.region_id
    in_region = _within("region_id", region) | (Q(region__isnull=True) & _within("organisation__region_id", region))
    return Activity.objects.filter(in_region, start_date__year=year)


@register("sosialisasi_reach", _("Orang terjangkau sosialisasi/KIE"), _("orang"))
def sosialisasi_reach(plan: Any, year: int) -> Decimal | None:
    from simpul.prevention.models import ActivityType, Attendee, ParticipantCount

    acts = _activities(plan, year).filter(type__in=[ActivityType.SOSIALISASI, ActivityType.KAMPANYE]).values("pk")
    counted = ParticipantCount.objects.filter(activity_id__in=acts).aggregate(n=Sum("count", default=0))["n"]
    named = Attendee.objects.filter(activity_id__in=acts).count()
    return Decimal(int(counted) + named)


@register("pelatihan_held", _("Pelatihan yang dilaksanakan"), _("kegiatan"))
def pelatihan_held(plan: Any, year: int) -> Decimal | None:
    from simpul.prevention.models import ActivityType

    return Decimal(_activities(plan, year).filter(type=ActivityType.PELATIHAN).count())


@register("trained_relawan", _("Relawan/Satgas aktif yang sudah dilatih"), _("orang"))
def trained_relawan(plan: Any, year: int) -> Decimal | None:
    from simpul.coordination.models import Volunteer
    from simpul.prevention.models import ActivityType

    qs = Volunteer.objects.filter(
        _within("region_id", plan.region_id), is_active=True,
        trainings__type=ActivityType.PELATIHAN, trainings__start_date__year__lte=year,
    )
    return Decimal(qs.values("pk").distinct().count())


def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


@register("reports_on_time", _("Laporan yang ditangani dalam batas waktu respons"), _("%"))
def reports_on_time(plan: Any, year: int) -> Decimal | None:
    """Share of intake reports handled within their response clock. Needs the intake module to
    expose ``simpul.intake.selectors.response_clock_summary(region_code, year) -> (on_time, total)``."""
    if _model("intake.Report") is None:
        return None
    try:
        from simpul.intake import selectors as intake_selectors

        on_time, total = intake_selectors.response_clock_summary(plan.region_id, year)  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None
    if not total:
        return None
    return (Decimal(on_time) * 100 / Decimal(total)).quantize(Decimal("0.1"))


@register("cases_legal_aid", _("Kasus yang menerima bantuan hukum"), _("kasus"))
def cases_legal_aid(plan: Any, year: int) -> Decimal | None:
    """Cases that received legal aid. Needs ``simpul.cases.selectors.legal_aid_count(region_code, year) -> int``."""
    if _model("cases.Case") is None:
        return None
    try:
        from simpul.cases import selectors as case_selectors

        n = case_selectors.legal_aid_count(plan.region_id, year)  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None
    return None if n is None else Decimal(n)
