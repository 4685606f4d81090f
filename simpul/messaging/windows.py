"""When a reporter may be messaged: windows read from what they wrote on the form
("hari kerja pukul 09.00-12.00", "malam 19.00-21.00", "sore"), in the organisation's time zone,
and the next moment a message may go out. Text the rules cannot read gives no window at all:
nothing is sent automatically to a reporter whose safe times we did not understand."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})
_DAY_NAMES = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}
_PARTS = {"pagi": (6, 0, 11, 0), "siang": (11, 0, 15, 0), "sore": (15, 0, 18, 0), "malam": (18, 0, 21, 0)}
_RANGE = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*(?:-|–|—|s/d|sd|sampai|hingga)\s*(\d{1,2})(?:[.:](\d{2}))?")


@dataclass(frozen=True)
class Window:
    days: frozenset[int]  # Monday = 0
    start: dt.time
    end: dt.time  # exclusive; end <= start is not allowed (no window across midnight)


def _days(text: str) -> frozenset[int]:
    if "hari kerja" in text or re.search(r"senin\s*(?:-|–|sampai|s/d)\s*jum.?at", text):
        return WEEKDAYS
    if "akhir pekan" in text or "akhir minggu" in text or "weekend" in text:
        return WEEKEND
    named = {n for word, n in _DAY_NAMES.items() if re.search(rf"\b{re.escape(word)}\b", text)}
    return frozenset(named) or ALL_DAYS


def parse(text: str | None, default: str = "") -> list[Window] | None:
    """The windows in ``text``; the ``default`` text's when ``text`` is empty; None when
    ``text`` says something these rules cannot read (then nothing is sent automatically)."""
    text = (text or "").strip().lower()
    if not text:
        return parse(default) if default else None
    days = _days(text)
    found: list[Window] = []
    for h1, m1, h2, m2 in _RANGE.findall(text):
        a, b = (int(h1), int(m1 or 0)), (int(h2), int(m2 or 0))
        if not (0 <= a[0] <= 23 and 0 <= a[1] <= 59 and 0 <= b[0] <= 24 and 0 <= b[1] <= 59):
            return None
        start, end = dt.time(*a), dt.time(23, 59, 59) if b[0] == 24 else dt.time(*b)
        if end <= start:
            return None
        found.append(Window(days, start, end))
    if not found:
        for word, (h1, m1, h2, m2) in _PARTS.items():
            if re.search(rf"\b{word}\b", text):
                found.append(Window(days, dt.time(h1, m1), dt.time(h2, m2)))
    return found or None


def allowed_at(moment: dt.datetime, windows: list[Window], tz: str) -> bool:
    local = moment.astimezone(ZoneInfo(tz))
    return any(local.weekday() in w.days and w.start <= local.time() < w.end for w in windows)


def next_allowed(moment: dt.datetime, windows: list[Window], tz: str) -> dt.datetime:
    """``moment`` itself when it is inside a window, else the start of the next window."""
    if allowed_at(moment, windows, tz):
        return moment
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    best: dt.datetime | None = None
    for offset in range(8):
        day = local.date() + dt.timedelta(days=offset)
        for w in windows:
            if day.weekday() not in w.days:
                continue
            start = dt.datetime.combine(day, w.start, tzinfo=zone)
            if start > local and (best is None or start < best):
                best = start
        if best is not None:
            break
    if best is None:  # windows without a day cannot happen (days is never empty); stay safe
        raise ValueError("no allowed window")
    return best.astimezone(dt.UTC)
