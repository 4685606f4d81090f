"""The attacker's view of the open data, written independently of ``simpul/stats/disclosure.py``.

Given only what is published (the JSON release, or plain matrices with ``None`` for hidden
entries), bound every hidden entry by linear programming over the whole release at once: one LP
per bound, no decomposition, no shortcuts. Relations used: every row and column of every table
sums to its published total (the "jumlah" row and column), forms-of-violence tables against the
cases table of the same year (a form's cases <= cases <= mentions <= 8 x cases, per kabupaten/kota
and for the totals row), every count >= 0, and every published number (zeros included)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.optimize import linprog

Key = tuple[str, int, int]
Grid = list[list[int | None]]  # extended matrix as published (last row/column = totals)

N_FORMS = 8


def grids_from_release(data: dict[str, Any]) -> tuple[dict[str, Grid], dict[str, list[str]]]:
    grids: dict[str, Grid] = {}
    codes: dict[str, list[str]] = {}
    for t in data["tables"]:
        if t.get("withheld") or not t["rows"]:
            continue
        grids[t["id"]] = [r["cells"] + [r["total"]] for r in t["rows"]] + [t["totals"] + [t["grand_total"]]]
        codes[t["id"]] = [r["code"] for r in t["rows"]] + ["jumlah"]
    return grids, codes


def release_links(
    grids: dict[str, Grid], codes: dict[str, list[str]], data: dict[str, Any]
) -> list[list[tuple[Key, float]]]:
    """sum(coef * entry) <= 0 relations between the forms tables and the cases table."""
    out: list[list[tuple[Key, float]]] = []
    if "kasus_kabupaten_tahun" not in grids:
        return out
    year_cols = {
        c["code"]: j
        for t in data["tables"]
        if t["id"] == "kasus_kabupaten_tahun"
        for j, c in enumerate(t["columns"])
    }
    row_of = {code: i for i, code in enumerate(codes["kasus_kabupaten_tahun"])}
    for tid, grid in grids.items():
        if not tid.startswith("kasus_bentuk_"):
            continue
        year = tid.rsplit("_", 1)[1]
        if year not in year_cols:
            continue
        b = year_cols[year]
        nf = len(grid[0]) - 1
        for a, code in enumerate(codes[tid]):
            if code not in row_of:
                continue
            cases = ("kasus_kabupaten_tahun", row_of[code], b)
            mentions = (tid, a, nf)
            for f in range(nf):
                out.append([((tid, a, f), 1.0), (cases, -1.0)])
            out.append([(cases, 1.0), (mentions, -1.0)])
            out.append([(mentions, 1.0), (cases, -float(N_FORMS))])
    return out


def bounds(
    grids: dict[str, Grid], links: list[list[tuple[Key, float]]] | None = None, lowest: int = 0
) -> dict[Key, tuple[float, float]]:
    """(min, max) of every hidden entry (None) over everything published, rounded to integers.
    ``lowest``: what a hidden entry is known to be at least (1 when the publisher shows every zero)."""
    unknowns = sorted(
        (tid, i, j)
        for tid, g in grids.items()
        for i, row in enumerate(g)
        for j, v in enumerate(row)
        if v is None
    )
    if not unknowns:
        return {}
    col = {k: n for n, k in enumerate(unknowns)}

    def value(k: Key) -> int | None:
        return grids[k[0]][k[1]][k[2]]

    def row_of(terms: list[tuple[Key, float]]) -> tuple[np.ndarray, float]:
        a = np.zeros(len(unknowns))
        rhs = 0.0
        for k, c in terms:
            v = value(k)
            if v is None:
                a[col[k]] += c
            else:
                rhs -= c * v
        return a, rhs

    eq_a, eq_b, ub_a, ub_b = [], [], [], []
    for tid, g in grids.items():
        nr, nc = len(g), len(g[0])
        lines = [[((tid, i, j), 1.0) for j in range(nc - 1)] + [((tid, i, nc - 1), -1.0)] for i in range(nr)]
        lines += [[((tid, i, j), 1.0) for i in range(nr - 1)] + [((tid, nr - 1, j), -1.0)] for j in range(nc)]
        for terms in lines:
            a, rhs = row_of(terms)
            if a.any():
                eq_a.append(a)
                eq_b.append(rhs)
    for terms in links or []:
        a, rhs = row_of(terms)
        if a.any():
            ub_a.append(a)
            ub_b.append(rhs)
    kw: dict[str, Any] = {"bounds": (lowest, None), "method": "highs"}
    if eq_a:
        kw.update(A_eq=np.array(eq_a), b_eq=np.array(eq_b))
    if ub_a:
        kw.update(A_ub=np.array(ub_a), b_ub=np.array(ub_b))
    out: dict[Key, tuple[float, float]] = {}
    for k, n in col.items():
        c = np.zeros(len(unknowns))
        c[n] = 1.0
        lo = linprog(c, **kw)
        hi = linprog(-c, **kw)
        assert lo.status == 0, lo.message
        lo_v = math.ceil(lo.x[n] - 1e-6)
        hi_v = math.inf if hi.status == 3 else math.floor(hi.x[n] + 1e-6)
        assert hi.status in (0, 3), hi.message
        out[k] = (lo_v, hi_v)
    return out


def violations(
    found: dict[Key, tuple[float, float]], truth: dict[Key, int], threshold: int
) -> list[tuple[Key, int, float, float]]:
    """Hidden entries the attacker pins down too well. A value 1..threshold-1 needs an interval
    holding [v - min(p, v), v + p] with p = max(3, ceil(v/2)); any other hidden value must not be
    computable exactly (lower < upper)."""
    bad = []
    for k, (lo, hi) in found.items():
        v = truth[k]
        if 0 < v < threshold:
            p = max(3, math.ceil(v / 2))
            ok = hi - v >= p and v - lo >= min(p, v)
        elif v > 0:
            ok = lo < hi
        else:
            ok = True
        if not ok:
            bad.append((k, v, lo, hi))
    return bad
