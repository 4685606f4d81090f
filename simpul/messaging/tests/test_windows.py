from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from simpul.messaging import windows

WITA = ZoneInfo("Asia/Makassar")


@pytest.mark.parametrize("text, day, hour, expected", [
    ("hari kerja pukul 09.00-12.00", 4, 10, True),  # Friday (30 November 2026 is a Monday)
    ("hari kerja pukul 09.00-12.00", 5, 10, False),  # Saturday
    ("hari kerja pukul 09.00-12.00", 4, 12, False),  # end is exclusive
    ("19:00 - 21:00", 5, 20, True),
    ("pagi", 6, 7, True),
    ("sore hari", 6, 7, False),
    ("sabtu 10-14", 5, 13, True),
    ("sabtu 10-14", 6, 13, False),
    ("senin sampai jumat 08.00 s/d 16.00", 1, 15, True),
])
def test_parse_and_allowed(text: str, day: int, hour: int, expected: bool) -> None:
    found = windows.parse(text)
    assert found is not None
    assert windows.allowed_at(dt.datetime(2026, 11, 30, hour, tzinfo=WITA) + dt.timedelta(days=day), found, "Asia/Makassar") is expected


@pytest.mark.parametrize("text", ["kapan saja asal suami tidak di rumah", "12.00-09.00", "25.00-26.00"])
def test_unreadable_times_give_no_window(text: str) -> None:
    assert windows.parse(text) is None


def test_empty_text_takes_the_default() -> None:
    assert windows.parse("", "08.00-20.00") == [windows.Window(windows.ALL_DAYS, dt.time(8), dt.time(20))]
    assert windows.parse("", "") is None


def test_next_allowed_skips_to_the_next_window_across_days() -> None:
    weekdays = windows.parse("hari kerja 09.00-12.00")
    assert weekdays is not None
    friday_afternoon = dt.datetime(2026, 12, 4, 13, tzinfo=WITA)
    assert windows.next_allowed(friday_afternoon, weekdays, "Asia/Makassar") == dt.datetime(2026, 12, 7, 9, tzinfo=WITA)
    early = dt.datetime(2026, 12, 4, 7, tzinfo=WITA)
    assert windows.next_allowed(early, weekdays, "Asia/Makassar") == dt.datetime(2026, 12, 4, 9, tzinfo=WITA)
    inside = dt.datetime(2026, 12, 4, 10, tzinfo=WITA)
    assert windows.next_allowed(inside, weekdays, "Asia/Makassar") == inside
