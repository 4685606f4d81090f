"""The case module's computation for the RAD indicators (registry: ``simpul.core.indicators``),
registered from the cases app's ``ready()``. Aggregates only."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from simpul.core import indicators


def cases_legal_aid(region_code: str | None, year: int) -> Decimal:
    from simpul.cases.selectors import legal_aid_count

    return Decimal(legal_aid_count(region_code, year))


def register() -> None:
    indicators.register("cases_legal_aid", _("Kasus yang menerima bantuan hukum"), _("kasus"), cases_legal_aid)
