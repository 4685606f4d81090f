"""Intake's computation for the RAD indicators (registry: ``simpul.core.indicators``), registered
from the intake app's ``ready()``. Aggregates only."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from simpul.core import indicators


def reports_on_time(region_code: str | None, year: int) -> Decimal | None:
    """Share of reports handled within their response clock (None: no report with a clock)."""
    from simpul.intake.selectors import response_clock_summary

    on_time, total = response_clock_summary(region_code, year)
    if not total:
        return None
    return (Decimal(on_time) * 100 / Decimal(total)).quantize(Decimal("0.1"))


def register() -> None:
    indicators.register("reports_on_time", _("Laporan yang ditangani dalam batas waktu respons"), _("%"), reports_on_time)
