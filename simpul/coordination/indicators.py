"""Computed RAD indicators: a plan's indicator with ``source=computed`` names a computation of the
registry in ``simpul.core.indicators``, evaluated for the plan's region on every read, so computed
indicators update themselves. Each module registers the computations over its own data from its
``AppConfig.ready()``: cases (legal aid), intake (reports handled in time), prevention (reach,
trainings) and coordination itself (trained relawan, below).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.core.indicators import REGISTRY, choices, register
from simpul.core.indicators import compute as compute_for_region

__all__ = ["REGISTRY", "choices", "compute", "register_own"]


def compute(key: str, plan: Any, year: int) -> Decimal | None:
    """The value of computation ``key`` for ``plan``'s region in ``year`` (None: no data)."""
    return compute_for_region(key, plan.region_id, year)


def trained_relawan(region_code: str | None, year: int) -> Decimal:
    """Active relawan/Satgas of the region who attended a training held in ``year`` or before."""
    from simpul.coordination.models import Volunteer
    from simpul.prevention.selectors import trainings_until

    in_region = Q(region_id=region_code) | Q(region__code__startswith=f"{region_code}.") if region_code else Q()
    qs = Volunteer.objects.filter(in_region, is_active=True, trainings__in=trainings_until(year))
    return Decimal(qs.values("pk").distinct().count())


def register_own() -> None:
    register("trained_relawan", _("Relawan/Satgas aktif yang sudah dilatih"), _("orang"), trained_relawan)
