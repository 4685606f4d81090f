"""Statistics API: the dashboard's aggregates for a jurisdiction the caller may read (404 outside
it), the open data with its suppression."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from simpul.api.tests.openapi_check import bearer, conforms
from simpul.cases.tests.factories import open_case
from simpul.stats import selectors
from simpul.stats.queries import Period

pytestmark = pytest.mark.django_db
BASE = "/api/v1/stats"


def test_dashboard_equals_the_page_aggregates_and_is_scoped(demo: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            open_case(demo)
    kepala = bearer(demo["user"]["kepala.hss"], "stats:read")
    r = kepala.get(f"{BASE}/dashboard?period=year&year=2025")
    body = conforms(r, "get", f"{BASE}/dashboard")
    assert body["region"] == "63.06" and body["period"]["start"] == "2025-01-01"
    ctx = selectors.dashboard(demo["user"]["kepala.hss"], scope=selectors.resolve_scope(demo["user"]["kepala.hss"], "63.06"),
                              period=Period.year(2025), basis="r")
    assert body["total_cases"] == ctx["total_cases"] == 3
    tables = {t["key"]: t for t in body["tables"]}
    assert {tv.key for tv in ctx["tables"]} == set(tables)
    for tv in ctx["tables"]:
        assert [(r.value, r.count) for r in tv.table.rows] == [(r["value"], r["count"]) for r in tables[tv.key]["rows"]]
    # Outside the jurisdiction: 404 (another kabupaten, the nation); a bad period falls back to a year.
    assert kepala.get(f"{BASE}/dashboard?region=16.09").status_code == 404
    assert kepala.get(f"{BASE}/dashboard?region=nasional").status_code == 404
    assert kepala.get(f"{BASE}/dashboard?region=63.06&year=1800").status_code == 422
    analis = bearer(demo["user"]["analis.kalsel"], "stats:read")
    assert analis.get(f"{BASE}/dashboard?region=63.06&year=2025").json()["total_cases"] == 3
    assert bearer(demo["user"]["pendamping.hss"], "stats:read").get(f"{BASE}/dashboard").status_code == 403


def test_open_data_needs_no_sign_in_and_is_suppressed(demo: dict[str, Any], settings: Any) -> None:
    settings.SIMPUL_SUPPRESSION_THRESHOLD = 5
    open_case(demo)
    r = Client().get(f"{BASE}/open-data")
    assert r.status_code == 200
    conforms(r, "get", f"{BASE}/open-data")
    assert r.json() == Client().get(reverse("stats:public_json")).json()  # the same suppressed figures as the page
