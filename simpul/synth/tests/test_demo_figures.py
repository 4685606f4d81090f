"""The demo's HSS reproduces the published UPTD PPA HSS figures on the dashboard itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from simpul.stats import rules, selectors
from simpul.stats.queries import Period
from simpul.stats.services import summaries_match_raw
from simpul.synth.demo import hss_quotas, seed_demo


def _dashboard(user: Any, period: Period) -> dict[str, Any]:
    scope = selectors.resolve_scope(user, "63.06")
    return selectors.dashboard(user, scope=scope, period=period, basis=rules.BASIS_REPORT)


def _group(ctx: dict[str, Any], group: str) -> int:
    return int(ctx["counts"].get((rules.KASUS, "kelompok_korban", group), 0))


def test_hss_dashboard_equals_the_published_figures(demo: dict[str, Any]) -> None:
    seed_demo(cases=480)
    assert summaries_match_raw()
    kepala = demo["user"]["kepala.hss"]
    y2023 = _dashboard(kepala, Period.year(2023))
    assert y2023["total_cases"] == 57 and _group(y2023, "anak") == 57
    y2024 = _dashboard(kepala, Period.year(2024))
    assert y2024["total_cases"] == 98
    assert (_group(y2024, "anak"), _group(y2024, "perempuan_dewasa")) == (80, 18)
    jan_nov = _dashboard(kepala, Period(dt.date(2025, 1, 1), dt.date(2025, 11, 30), "custom"))
    assert jan_nov["total_cases"] == 105
    assert (_group(jan_nov, "anak"), _group(jan_nov, "perempuan_dewasa")) == (72, 28)
    # The other Kalsel kabupaten and OKU Selatan are synthetic and present too.
    analis = demo["user"]["analis.kalsel"]
    kalsel = selectors.dashboard(
        analis, scope=selectors.resolve_scope(analis, "63"), period=Period.year(2024), basis=rules.BASIS_REPORT
    )
    assert kalsel["total_cases"] > 98


def test_hss_quotas_cut_at_today() -> None:
    early = hss_quotas(dt.date(2024, 6, 30))
    assert sum(q.count for q in early) == 57 + 98
    assert max(q.end for q in early) == dt.date(2024, 6, 30)
    later = hss_quotas(dt.date(2026, 2, 10))
    assert sum(q.count for q in later) == 57 + 98 + 105 + 3 * 10
