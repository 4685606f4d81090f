"""Prevention's computations for the RAD indicators (registry: ``simpul.core.indicators``),
registered from ``PreventionConfig.ready()``."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from simpul.core import indicators
from simpul.prevention.models import Activity, ActivityType, Attendee, ParticipantCount


def _within(field: str, code: str | None) -> Q:
    if not code:
        return Q()
    return Q(**{field: code}) | Q(**{f"{field.removesuffix('_id')}__code__startswith": code + "."})


def activities_in(region_code: str | None, year: int) -> QuerySet[Activity]:
    """Activities held in the region in ``year`` (by their own region, else their organisation's)."""
    in_region = _within("region_id", region_code) | (Q(region__isnull=True) & _within("organisation__region_id", region_code))
    return Activity.objects.filter(in_region, start_date__year=year)


def sosialisasi_reach(region_code: str | None, year: int) -> Decimal:
    acts = activities_in(region_code, year).filter(type__in=[ActivityType.SOSIALISASI, ActivityType.KAMPANYE]).values("pk")
    counted = ParticipantCount.objects.filter(activity_id__in=acts).aggregate(n=Sum("count", default=0))["n"]
    named = Attendee.objects.filter(activity_id__in=acts).count()
    return Decimal(int(counted) + named)


def pelatihan_held(region_code: str | None, year: int) -> Decimal:
    return Decimal(activities_in(region_code, year).filter(type=ActivityType.PELATIHAN).count())


def register() -> None:
    indicators.register("sosialisasi_reach", _("Orang terjangkau sosialisasi/KIE"), _("orang"), sosialisasi_reach)
    indicators.register("pelatihan_held", _("Pelatihan yang dilaksanakan"), _("kegiatan"), pelatihan_held)
