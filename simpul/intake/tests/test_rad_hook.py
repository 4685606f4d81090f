"""The RAD indicator hook: share of reports handled within their response clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from simpul.intake import selectors
from simpul.intake.models import Report
from simpul.intake.tests.helpers import officer_report


@pytest.mark.django_db
def test_response_clock_summary_counts_on_time_and_late(demo: dict[str, Any]) -> None:
    year = timezone.now().year
    before = selectors.response_clock_summary("63.06", year)
    on_time = officer_report(demo)
    late = officer_report(demo)
    other_kab = officer_report(demo, region_id="63.07")
    for report, delta in ((on_time, -1), (late, +1), (other_kab, -1)):
        due = report.received_at + dt.timedelta(hours=6)
        Report.objects.filter(pk=report.pk).update(due_at=due, first_action_at=due + dt.timedelta(minutes=delta))
    assert selectors.response_clock_summary("63.06", year) == (before[0] + 1, before[1] + 2)
    assert selectors.response_clock_summary("63.06", year + 1) == (0, 0)
    whole = selectors.response_clock_summary(None, year)
    assert whole[1] >= before[1] + 3
