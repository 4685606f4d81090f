"""Page weight budgets and the dashboard on slow 3G (400 kbit/s, 400 ms round trip), measured in a
real Chromium against `simpul serve` (gunicorn + WhiteNoise, collected and compressed static files),
as docs/performance.md reports them (bench/page_weight.py; about 2 minutes)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import page_weight  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_page_weight_budgets_and_dashboard_on_slow_3g(monkeypatch: pytest.MonkeyPatch, browser: Any) -> None:
    # The session's Chromium (a second sync Playwright cannot start beside it in one process).
    # Bytes and seconds do not depend on the database: a SQLite instance also on the PostgreSQL run.
    monkeypatch.setattr(sys.modules["_server"], "PG_URL", "")
    with page_weight.instance() as (base, var):
        res = page_weight.measure(base, var, browser)
    summary = page_weight.report(res)
    assert res.first.kb <= page_weight.BUDGET_FIRST_KB, summary
    for later in res.later:
        assert later.kb <= page_weight.BUDGET_LATER_KB, summary
        assert later.from_cache >= 2, summary  # fingerprinted CSS and JS come from the cache
    assert res.usable_s < page_weight.BUDGET_USABLE_S, summary
    # Static files: fingerprinted, immutable for a year, brotli when accepted; pages gzipped.
    assert "immutable" in res.static_cache_control and "max-age=315360000" in res.static_cache_control, summary
    assert res.static_encoding_br == "br" and res.html_encoding == "gzip", summary
    # Chart.js is not part of the dashboard's first load: it comes when a section with charts opens.
    assert not any("chart" in name for name, _n in res.dashboard_cold.items), summary
