"""The LP audit and protection of ``simpul/stats/disclosure.py`` against the independent attacker
of ``attacker.py``: random small tables (zeros, small cells, one row, one column), the regression
example of issue 12, several tables tied together, and the fail-closed path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simpul.stats import disclosure
from simpul.stats.disclosure import Link, Release, audit, extend, protect, required_interval
from simpul.stats.suppression import suppress
from simpul.stats.tests import attacker

T = 5

values = st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 25, 40])
tables = st.integers(1, 5).flatmap(
    lambda r: st.integers(1, 5).flatmap(
        lambda c: st.lists(st.lists(values, min_size=c, max_size=c), min_size=r, max_size=r)
    )
)


def _published(release: Release) -> dict[str, attacker.Grid]:
    return {
        tid: [
            [None if release.is_hidden((tid, i, j)) else v for j, v in enumerate(row)]
            for i, row in enumerate(ext)
        ]
        for tid, ext in release.tables.items()
        if tid not in release.withheld
    }


def _attack(release: Release, links: list[list[tuple[attacker.Key, float]]] | None = None) -> list[Any]:
    grids = _published(release)
    truth = {
        (tid, i, j): release.tables[tid][i][j]
        for tid, g in grids.items()
        for i, row in enumerate(g)
        for j, v in enumerate(row)
        if v is None
    }
    return attacker.violations(attacker.bounds(grids, links), truth, T)


def _links(release: Release) -> list[list[tuple[attacker.Key, float]]]:
    return [link.terms for link in release.links]


@settings(max_examples=120, deadline=None)
@given(tables)
def test_protected_tables_resist_the_attack(cells: list[list[int]]) -> None:
    release = Release({"t": extend(cells)})
    release.hidden["t"] = set(suppress(cells, T)[1])
    protect(release, T)
    ext = release.tables["t"]
    if "t" in release.withheld:
        return  # fails closed: nothing published
    hidden = release.hidden["t"]
    # the threshold rule still holds: every value 1..T-1 (totals included) is hidden
    assert all((i, j) in hidden for i, row in enumerate(ext) for j, v in enumerate(row) if 0 < v < T)
    assert audit(release, T) == []
    assert _attack(release) == []


@settings(max_examples=120, deadline=None)
@given(tables, st.data())
def test_audit_sees_exactly_what_the_attacker_sees(cells: list[list[int]], data: st.DataObject) -> None:
    """Any hidden pattern (the old rank-tested one, or random): the audit fails iff the attack wins."""
    ext = extend(cells)
    entries = [(i, j) for i in range(len(ext)) for j in range(len(ext[0]))]
    if data.draw(st.booleans()):
        hidden = set(suppress(cells, T)[1])
    else:
        hidden = set(data.draw(st.lists(st.sampled_from(entries), max_size=10)))
    hidden |= {(i, j) for i, j in entries if 0 < ext[i][j] < T}
    release = Release({"t": ext}, hidden={"t": hidden})
    failures = audit(release, T)
    wins = _attack(release)
    assert {f.entry for f in failures} == {k for k, *_ in wins}


def test_issue_12_example_is_detected_and_protected() -> None:
    """A kabupaten row of forms: 25 + 23 + 28 + 7 + 8 + 0 with two hidden cells and total 93, so
    both hidden cells are 1 (the published zero and non-negativity pin them)."""
    row = [25, 23, 28, 7, 8, 0, 1, 1]
    cells = [row, [30, 20, 10, 12, 9, 6, 15, 20], [40, 33, 12, 8, 9, 10, 11, 7]]
    ext = extend(cells)
    assert ext[0][-1] == 93
    # The old method: hides the two 1s and, by the rank test, their column partners; still broken.
    old = set(suppress(cells, T)[1])
    assert {(0, 6), (0, 7)} <= old
    release = Release({"t": ext}, hidden={"t": old})
    failing = {f.entry for f in audit(release, T)}
    assert ("t", 0, 6) in failing and ("t", 0, 7) in failing
    # every zero was published, so a hidden cell is at least 1: both pinned to exactly 1
    bounds = attacker.bounds(_published(release), lowest=1)
    assert bounds[("t", 0, 6)] == (1, 1) and bounds[("t", 0, 7)] == (1, 1)
    # The protected release: both keep [0, 4] at least, the attacker agrees.
    protect(release, T)
    assert "t" not in release.withheld
    assert audit(release, T) == []
    assert _attack(release) == []
    bounds = attacker.bounds(_published(release))
    lo, hi = required_interval(1)
    assert (lo, hi) == (0, 4)
    for k in (("t", 0, 6), ("t", 0, 7)):
        assert bounds[k][0] <= 0 and bounds[k][1] >= 4
    # and the row's zero is hidden with them: a "*" does not say "at least one"
    assert (0, 5) in release.hidden["t"]


def test_tables_of_one_release_are_audited_together() -> None:
    """A year = its two halves, cell by cell. The year table and the second half are each safe
    alone (a hidden 4-cycle), the first half is published whole: together they give the year's
    small cell away (year - first half = second half, whose (0, 1) is published)."""
    h1 = [[0, 10, 5], [20, 25, 30]]
    h2 = [[3, 20, 7], [20, 25, 9]]
    year = [[a + b for a, b in zip(r1, r2, strict=True)] for r1, r2 in zip(h1, h2, strict=True)]
    tables = {"year": extend(year), "h1": extend(h1), "h2": extend(h2)}
    links = []
    for i in range(3):
        for j in range(4):
            terms = [(("year", i, j), 1.0), (("h1", i, j), -1.0), (("h2", i, j), -1.0)]
            links.append(Link(terms))
            links.append(Link([(k, -c) for k, c in terms]))
    hidden = {"year": {(0, 0), (0, 1), (1, 0), (1, 1)}, "h1": set(), "h2": {(0, 0), (0, 2), (1, 0), (1, 2)}}
    for tid in ("year", "h2"):
        alone = Release({tid: tables[tid]}, hidden={tid: set(hidden[tid])})
        assert audit(alone, T) == []  # each alone passes
    release = Release(tables, links, hidden={k: set(v) for k, v in hidden.items()})
    failing = {f.entry for f in audit(release, T)}
    assert ("year", 0, 0) in failing and ("h2", 0, 0) in failing
    assert {k for k, *_ in _attack(release, _links(release))} == failing
    protect(release, T)
    assert audit(release, T) == []
    assert _attack(release, _links(release)) == []


def test_solver_failure_withholds_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, objective: Any) -> Any:
        raise disclosure.SolverError("boom")

    monkeypatch.setattr(disclosure._LP, "solve", broken)
    cells = [[1, 9, 10], [5, 5, 10]]
    release = Release({"t": extend(cells), "u": extend([[50, 60]])})
    release.hidden["t"] = set(suppress(cells, T)[1])
    outcome = protect(release, T)
    assert release.withheld == {"t"} and outcome.withheld_reasons == {"t": "solver"}


def test_one_cell_tables() -> None:
    for v in (0, 1, 4, 5, 9):
        release = Release({"t": extend([[v]])})
        protect(release, T)
        assert "t" in release.withheld or audit(release, T) == []
        assert _attack(release) == [] if "t" not in release.withheld else True


@settings(max_examples=80, deadline=None)
@given(tables, st.data())
def test_local_certification_is_sound(cells: list[list[int]], data: st.DataObject) -> None:
    """Big components first try a small LP around each entry (others fixed at their true values):
    forced here on small tables, the audit must still fail exactly where the attacker wins."""
    ext = extend(cells)
    entries = [(i, j) for i in range(len(ext)) for j in range(len(ext[0]))]
    hidden = set(data.draw(st.lists(st.sampled_from(entries), max_size=12)))
    hidden |= {(i, j) for i, j in entries if 0 < ext[i][j] < T}
    saved = (disclosure.LOCAL_LIMIT, disclosure.LOCAL_SIZE, disclosure.LOCAL_DEPTH, disclosure.FULL_LP_MAX)
    disclosure.LOCAL_LIMIT, disclosure.LOCAL_SIZE, disclosure.LOCAL_DEPTH = 0, 4, 1
    disclosure.FULL_LP_MAX = 10**6
    try:
        failures = audit(Release({"t": ext}, hidden={"t": set(hidden)}), T)
    finally:
        disclosure.LOCAL_LIMIT, disclosure.LOCAL_SIZE, disclosure.LOCAL_DEPTH, disclosure.FULL_LP_MAX = saved
    wins = _attack(Release({"t": ext}, hidden={"t": hidden}))
    assert {f.entry for f in failures} == {k for k, *_ in wins}
