"""Statistics read intake only through intake's selector, and only non-identifying values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from simpul.intake.models import Report
from simpul.intake.selectors import received_values
from simpul.stats.queries import Period, Scope, response_compliance


def _report(code: str, org: Any, region: str, received: dt.datetime, first_after: int | None) -> None:
    Report.objects.create(
        tracking_code=code, channel="langsung", received_at=received, organisation=org, region_id=region,
        status="ditriase", risk="sedang", due_at=received + dt.timedelta(minutes=360),
        first_action_at=None if first_after is None else received + dt.timedelta(minutes=first_after),
    )


def test_response_compliance_counts_reports_of_the_scope_and_period(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    received = timezone.make_aware(dt.datetime(2025, 3, 3, 9))
    _report("BBBB2222", org, "63.06.05", received, 30)  # within
    _report("BBBB3333", org, "63.06.05", received, 600)  # late
    _report("BBBB4444", org, "63.06", received, None)  # overdue, still open
    _report("BBBB5555", org, "16.09", received, 30)  # other kabupaten
    got = response_compliance(Scope("63.06"), Period.year(2025))
    assert got == {"total": 3, "within": 1, "late": 1, "overdue_open": 1, "waiting": 0, "share": 33.3}
    assert response_compliance(Scope("63.06"), Period.year(2024)) is None
    national = response_compliance(Scope(None), Period.year(2025))
    assert national is not None and national["total"] == 4


def test_received_values_refuses_identifying_fields(db: Any) -> None:
    with pytest.raises(ValueError, match="not a statistics field"):
        received_values(None, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "channel", "pin_hash")
