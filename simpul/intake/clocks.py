"""Response clocks: high risk at once, medium within hours, low within working days
(weekends and Indonesian public holidays excluded). Configurable per organisation."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.utils import timezone

from simpul.intake.models import ResponsePolicy, Risk

DEFAULT_HIGH_MINUTES = 0
DEFAULT_MEDIUM_MINUTES = 360
DEFAULT_LOW_WORKING_DAYS = 3


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("ID", years=year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """``start`` moved forward by ``days`` working days (local time of day kept)."""
    local = timezone.localtime(start) if timezone.is_aware(start) else start
    current = local
    added = 0
    while added < days:
        current = current + dt.timedelta(days=1)
        if is_working_day(current.date()):
            added += 1
    return current


def policy_for(organisation_id: int | None) -> tuple[int, int, int]:
    if organisation_id is not None:
        row = ResponsePolicy.objects.filter(organisation_id=organisation_id).values_list(
            "high_minutes", "medium_minutes", "low_working_days"
        ).first()
        if row:
            return row
    return DEFAULT_HIGH_MINUTES, DEFAULT_MEDIUM_MINUTES, DEFAULT_LOW_WORKING_DAYS


def due_at(received_at: dt.datetime, risk: str, organisation_id: int | None) -> dt.datetime:
    return deadline(received_at, risk, policy_for(organisation_id))


def deadline(received_at: dt.datetime, risk: str, policy: tuple[int, int, int]) -> dt.datetime:
    """Pure: when the first response is due under ``policy`` = (high minutes, medium minutes,
    low working days)."""
    high, medium, low_days = policy
    if risk == Risk.TINGGI:
        return received_at + dt.timedelta(minutes=high)
    if risk == Risk.RENDAH:
        return add_working_days(received_at, low_days)
    return received_at + dt.timedelta(minutes=medium)
