"""Statistical disclosure control for a *release* of published tables, checked by linear programming.

A release is a set of tables (each an "extended" matrix: its last row and last column are totals),
plus linear relations *between* tables that anyone can know (e.g. "a kabupaten's cases of one form
of violence are at most its cases"). Everything published in a release is one system of linear
constraints over the underlying entries:

* every row and every column of every table sums to its total (equalities);
* the cross-table relations (inequalities, ``Link``);
* every entry is a non-negative count;
* published entries are constants.

The **audit** bounds every hidden entry over that whole system (``scipy.optimize.linprog``, HiGHS):
the smallest and largest value it can take given everything published, rounded inwards to integers
(``ceil`` of the minimum, ``floor`` of the maximum). It passes when every *small* hidden entry
(1 .. threshold-1) with true value ``v`` keeps its protection interval::

    upper bound - v >= p(v)            p(v) = max(3, ceil(v / 2))     (PROTECTION_MIN, PROTECTION_SHARE)
    v - lower bound >= min(p(v), v)

every other non-zero hidden entry (secondary suppression) is not computable exactly (lower bound <
upper bound), and hidden zeros carry no requirement.

The lower requirement is capped at ``v`` because no count can go below 0: for a value of 1 to 3 it
says "one cannot rule out that there was none". That is only honest because the attacker cannot
know that a hidden entry is non-zero: ``protect`` hides **every zero in a row or column that holds a
hidden entry** (to a fixed point), so a ``*`` never tells "at least one" (published zeros are the
hole the rank test of the old method did not see: every hidden cell was known to be >= 1).

**Secondary suppression** (``protect``): primary cells (1 .. threshold-1, totals included) and the
zeros next to hidden entries are hidden; then, while the audit fails, one failing entry per table
row takes one more visible entry (the binding line's, else of its row or column or of its
cross-table relations: see ``_partner``) and the audit runs again. If a table cannot be protected
within ``MAX_ROUNDS`` / ``TIME_BUDGET_SECONDS``, if no candidate is left, or if the solver fails,
the table is **withheld** (nothing of it is published:
all its entries become unknowns, which can only widen every other interval) and the rest of the
release is audited again. The release is published only as it passed the audit (fails closed).

Speed: hidden entries fall into independent connected components (entries tied by a constraint with
another hidden entry); each component is one small LP. A bound is *certified* as soon as any
feasible point reaches the requirement, so a few LPs maximising (minimising) the sum of the pending
entries certify most entries at once, and only the rest get an LP of their own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

PROTECTION_MIN = 3
PROTECTION_SHARE = 0.5
MAX_ROUNDS = 400
TIME_BUDGET_SECONDS = 300.0  # past this, tables still failing are withheld (fail closed)
SECONDARY_UNDETERMINED = True
TOL = 1e-6
# Components with more hidden entries than this try a local LP per entry first (sound: see
# _certify_locally); neighbourhood: LOCAL_DEPTH steps, at most LOCAL_WIDE entries per long line.
LOCAL_LIMIT = 400
LOCAL_DEPTH = 3
LOCAL_WIDE = 8
LOCAL_SIZE = 300
FULL_LP_MAX = 20  # open requirements in a big component checked one by one on the full LP

Entry = tuple[str, int, int]  # (table id, row, column) in the extended matrix


def protection(value: int) -> int:
    """The protection margin p(v) = max(3, ceil(v * 50 %))."""
    return max(PROTECTION_MIN, math.ceil(value * PROTECTION_SHARE))


def required_interval(value: int) -> tuple[int, int]:
    """(lower bound must be <= this, upper bound must be >= this) for a sensitive entry."""
    p = protection(value)
    return value - min(p, value), value + p


def is_sensitive(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def requirement(value: int, threshold: int) -> tuple[int, int]:
    """Sensitive entries: both sides of ``required_interval``. Other non-zero hidden entries
    (secondary suppressions): one side of (v - 1, v + 1), i.e. not computable exactly."""
    if is_sensitive(value, threshold):
        return required_interval(value)
    return value - 1, value + 1


def extend(cells: list[list[int]]) -> list[list[int]]:
    """Cells plus a totals column and a totals row (grand total in the corner)."""
    rows = [list(r) + [sum(r)] for r in cells]
    ncols = len(cells[0]) if cells else 0
    totals = [sum(r[j] for r in rows) for j in range(ncols + 1)]
    return rows + [totals]


@dataclass
class Link:
    """sum(coef * entry) <= 0 over entries of (possibly) several tables."""

    terms: list[tuple[Entry, float]]


@dataclass
class Release:
    tables: dict[str, list[list[int]]]  # id -> extended matrix (true values)
    links: list[Link] = field(default_factory=list)
    hidden: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    withheld: set[str] = field(default_factory=set)

    def is_hidden(self, e: Entry) -> bool:
        return e[0] in self.withheld or (e[1], e[2]) in self.hidden.get(e[0], set())

    def value(self, e: Entry) -> int:
        return self.tables[e[0]][e[1]][e[2]]


@dataclass
class Failure:
    entry: Entry
    value: int
    lower: float  # what the audit found (only the violated side is exact)
    upper: float
    reason: str = ""


class SolverError(Exception):
    pass


# --- The system of constraints -------------------------------------------------------------------


def _constraints(release: Release) -> list[tuple[list[tuple[Entry, float]], str]]:
    """Every published relation as (terms, "eq" | "ub"): sum(coef * entry) (=|<=) 0."""
    out: list[tuple[list[tuple[Entry, float]], str]] = []
    for tid, ext in release.tables.items():
        nr, nc = len(ext), len(ext[0]) if ext else 0
        if nr < 2 or nc < 2:
            continue
        for i in range(nr):
            out.append(([((tid, i, j), 1.0) for j in range(nc - 1)] + [((tid, i, nc - 1), -1.0)], "eq"))
        for j in range(nc):
            out.append(([((tid, i, j), 1.0) for i in range(nr - 1)] + [((tid, nr - 1, j), -1.0)], "eq"))
    for link in release.links:
        out.append((link.terms, "ub"))
    return out


@dataclass
class _Component:
    variables: list[Entry]
    rows: list[tuple[dict[int, float], float, str]]  # (var index -> coef, rhs, kind)


def _components(release: Release) -> list[_Component]:
    """Independent LPs: hidden entries tied together by the constraints they share."""
    parent: dict[Entry, Entry] = {}

    def find(e: Entry) -> Entry:
        while parent[e] != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    reduced: list[tuple[dict[Entry, float], float, str]] = []
    for terms, kind in _constraints(release):
        coefs: dict[Entry, float] = {}
        rhs = 0.0
        for e, c in terms:
            if release.is_hidden(e):
                coefs[e] = coefs.get(e, 0.0) + c
            else:
                rhs -= c * release.value(e)
        coefs = {e: c for e, c in coefs.items() if c != 0}
        if not coefs:
            continue
        reduced.append((coefs, rhs, kind))
        first = next(iter(coefs))
        parent.setdefault(first, first)
        for e in coefs:
            parent.setdefault(e, e)
            ra, rb = find(first), find(e)
            if ra != rb:
                parent[rb] = ra
    # hidden entries in no constraint at all (a 1x1 table, say): their own component, unbounded
    for tid, ext in release.tables.items():
        for i, row in enumerate(ext):
            for j in range(len(row)):
                e = (tid, i, j)
                if release.is_hidden(e):
                    parent.setdefault(e, e)
    groups: dict[Entry, list[Entry]] = {}
    for e in parent:
        groups.setdefault(find(e), []).append(e)
    index_of: dict[Entry, tuple[Entry, int]] = {}
    comps: dict[Entry, _Component] = {}
    for root, members in groups.items():
        members.sort()
        comps[root] = _Component(members, [])
        for k, e in enumerate(members):
            index_of[e] = (root, k)
    for coefs, rhs, kind in reduced:
        root = find(next(iter(coefs)))
        comps[root].rows.append(({index_of[e][1]: c for e, c in coefs.items()}, rhs, kind))
    return list(comps.values())


class _LP:
    """One component as matrices for linprog."""

    def __init__(self, comp: _Component, cap: float) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        n = len(comp.variables)
        self.n = n
        self.cap = cap

        def mat(kind: str) -> tuple[Any, Any]:
            rows = [r for r in comp.rows if r[2] == kind]
            if not rows:
                return None, None
            data, ri, ci = [], [], []
            for k, (coefs, _rhs, _kind) in enumerate(rows):
                for j, c in coefs.items():
                    data.append(c)
                    ri.append(k)
                    ci.append(j)
            return csr_matrix((data, (ri, ci)), shape=(len(rows), n)), np.array([r[1] for r in rows])

        self.a_eq, self.b_eq = mat("eq")
        self.a_ub, self.b_ub = mat("ub")

    def solve(self, objective: Any) -> Any:
        """Minimise objective . x; returns x (numpy) or raises SolverError."""
        from scipy.optimize import linprog

        res = linprog(
            objective,
            A_ub=self.a_ub,
            b_ub=self.b_ub,
            A_eq=self.a_eq,
            b_eq=self.b_eq,
            bounds=(0, self.cap),
            method="highs",
        )
        if res.status != 0 or res.x is None:
            raise SolverError(f"linprog status {res.status}: {res.message}")
        return res.x


def _audit_component(
    release: Release,
    comp: _Component,
    check: set[Entry],
    threshold: int,
    done: set[tuple[Entry, str]] | None = None,
) -> list[Failure]:
    """Failures of the hidden entries of ``check`` in this component. ``done`` holds requirements
    certified earlier ((entry, "hi" | "lo")): still true while entries are only ever hidden, never
    shown again (every feasible point stays feasible when a constant becomes a variable); it is
    updated with what this call certifies."""
    import numpy as np

    variables = comp.variables
    targets = [k for k, e in enumerate(variables) if e in check]
    if not targets or not comp.rows:  # nothing ties these entries to anything published
        return []
    value = {k: release.value(variables[k]) for k in targets}
    need = {k: requirement(value[k], threshold) for k in targets}
    # hidden zeros carry no requirement: they are hidden so that a "*" never says "at least one",
    # and knowing that one of them is 0 tells nothing about a person (the LP of the others sees it)
    targets = [
        k for k in targets if value[k] > 0 and (SECONDARY_UNDETERMINED or is_sensitive(value[k], threshold))
    ]
    if not targets:
        return []
    sensitive = {k for k in targets if is_sensitive(value[k], threshold)}
    # The cap only has to lie above every requirement: a bound above it passes either way.
    biggest = max([release.value(e) for e in variables] + [need[k][1] for k in targets] + [1])
    cap = float(4 * biggest + 10)
    lp = _LP(comp, cap)
    # Sensitive entries need both sides; the others one side (they must not be computable exactly).
    pending_hi = set(targets)
    # with v = 0 the lower requirement is "lower bound <= 0": always true (x >= 0 and v is feasible)
    pending_lo = {k for k in sensitive if value[k] > 0}
    either = set(targets) - sensitive
    pending_lo |= {k for k in either if value[k] > 0}
    if done is not None:
        for k in targets:
            e = variables[k]
            if (e, "hi") in done:
                pending_hi.discard(k)
                if k in either:
                    pending_lo.discard(k)
            if (e, "lo") in done:
                pending_lo.discard(k)
                if k in either:
                    pending_hi.discard(k)
    if not pending_hi and not pending_lo:
        return []
    initial_hi, initial_lo = set(pending_hi), set(pending_lo)

    def certify(x: Any) -> None:
        for k in list(pending_hi):
            if x[k] >= need[k][1] - TOL:
                pending_hi.discard(k)
                if k in either:
                    pending_lo.discard(k)
        for k in list(pending_lo):
            if x[k] <= need[k][0] + TOL:
                pending_lo.discard(k)
                if k in either:
                    pending_hi.discard(k)

    if lp.n > LOCAL_LIMIT:
        _certify_locally(release, comp, cap, pending_hi, pending_lo, certify)
    # Shared LPs: push all pending entries up (down) at once; stop when a round certifies nothing.
    for sense, pending in ((-1.0, pending_hi), (1.0, pending_lo)):
        for _round in range(4):
            if not pending:
                break
            before = len(pending_hi) + len(pending_lo)
            obj = np.zeros(lp.n)
            for k in pending:
                obj[k] = sense
            certify(lp.solve(obj))
            if len(pending_hi) + len(pending_lo) == before:
                break
    failures: list[Failure] = []
    bounds: dict[int, list[float]] = {}
    if lp.n > LOCAL_LIMIT and len(pending_hi) + len(pending_lo) > FULL_LP_MAX:
        # Too many open requirements for one full LP each: report them as failing (not proven):
        # protect() hides one more entry for them and tries again; conservative, never unsafe.
        for k in sorted(pending_hi | pending_lo):
            reason = "determined" if k in either else ("upper" if k in pending_hi else "lower")
            failures.append(Failure(variables[k], value[k], math.nan, math.nan, reason))
        if done is not None:
            done |= {(variables[k], "hi") for k in initial_hi - pending_hi}
            done |= {(variables[k], "lo") for k in initial_lo - pending_lo}
        return failures
    for sense, pending in ((-1.0, pending_hi), (1.0, pending_lo)):
        for k in sorted(pending):
            if k not in pending:
                continue  # certified by an earlier point of this loop
            obj = np.zeros(lp.n)
            obj[k] = sense
            x = lp.solve(obj)
            bounds.setdefault(k, [math.nan, math.nan])[0 if sense > 0 else 1] = x[k]
            certify(x)
    for k in sorted(set(bounds)):
        lo, hi = bounds[k]
        lo_i = math.ceil(lo - TOL) if not math.isnan(lo) else math.nan
        hi_i = math.floor(hi + TOL) if not math.isnan(hi) else math.nan
        if k in either:
            if k in pending_hi or k in pending_lo:
                failures.append(Failure(variables[k], value[k], lo_i, hi_i, "determined"))
        elif k in pending_hi:
            failures.append(Failure(variables[k], value[k], lo_i, hi_i, "upper"))
        elif k in pending_lo:
            failures.append(Failure(variables[k], value[k], lo_i, hi_i, "lower"))
    if done is not None:
        done |= {(variables[k], "hi") for k in initial_hi - pending_hi}
        done |= {(variables[k], "lo") for k in initial_lo - pending_lo}
    return failures


def _certify_locally(
    release: Release,
    comp: _Component,
    cap: float,
    pending_hi: set[int],
    pending_lo: set[int],
    certify: Any,
) -> None:
    """Big components: try each pending requirement on a small LP around the entry first, with every
    hidden entry outside that neighbourhood FIXED at its true value. That is a restriction of the
    full system (the true values satisfy it), so any point it finds, completed with the true values,
    is feasible for the full system: a requirement it reaches is certified soundly. What it cannot
    reach goes to the full LP (which alone may declare a failure)."""
    import numpy as np

    variables = comp.variables
    true = np.array([float(release.value(e)) for e in variables])
    rows_of: dict[int, list[int]] = {}
    for r_i, (coefs, _rhs, _kind) in enumerate(comp.rows):
        for k in coefs:
            rows_of.setdefault(k, []).append(r_i)
    for k in sorted(pending_hi | pending_lo):
        if k not in pending_hi and k not in pending_lo:
            continue
        seen = {k}
        frontier = [k]
        for _depth in range(LOCAL_DEPTH):
            nxt: list[int] = []
            for a in frontier:
                for r_i in rows_of.get(a, []):
                    members = [b for b in comp.rows[r_i][0] if b not in seen]
                    if len(members) > LOCAL_WIDE:  # a long line: its largest entries have room to move
                        members = sorted(members, key=lambda b: -true[b])[:LOCAL_WIDE]
                    for b in members:
                        if len(seen) < LOCAL_SIZE:
                            seen.add(b)
                            nxt.append(b)
            frontier = nxt
        sub = sorted(seen)
        loc = {b: n for n, b in enumerate(sub)}
        rows: list[tuple[dict[int, float], float, str]] = []
        for r_i in sorted({r_i for b in sub for r_i in rows_of.get(b, [])}):
            coefs, rhs, kind = comp.rows[r_i]
            local: dict[int, float] = {}
            for b, c in coefs.items():
                if b in loc:
                    local[loc[b]] = c
                else:
                    rhs -= c * true[b]
            rows.append((local, rhs, kind))
        sub_lp = _LP(_Component([variables[b] for b in sub], rows), cap)
        for sense, pending in ((-1.0, pending_hi), (1.0, pending_lo)):
            if k not in pending:
                continue
            obj = np.zeros(len(sub))
            obj[loc[k]] = sense
            try:
                xs = sub_lp.solve(obj)
            except SolverError:
                continue  # the full LP decides
            x = true.copy()
            x[sub] = xs
            certify(x)


def audit(release: Release, threshold: int) -> list[Failure]:
    """Every hidden entry of every published (not withheld) table whose interval is too narrow.

    Raises SolverError if a component's LP cannot be solved (the caller must then withhold)."""
    check = {
        (tid, i, j) for tid, cells in release.hidden.items() if tid not in release.withheld for i, j in cells
    }
    failures: list[Failure] = []
    for comp in _components(release):
        failures += _audit_component(release, comp, check, threshold)
    return failures


def audit_by_component(
    release: Release, threshold: int, done: set[tuple[Entry, str]] | None = None
) -> tuple[list[Failure], set[str]]:
    """Like ``audit`` but a solver failure marks the tables of that component as failed."""
    check = {
        (tid, i, j) for tid, cells in release.hidden.items() if tid not in release.withheld for i, j in cells
    }
    failures: list[Failure] = []
    broken: set[str] = set()
    for comp in _components(release):
        try:
            failures += _audit_component(release, comp, check, threshold, done)
        except SolverError:
            broken |= {e[0] for e in comp.variables if e[0] not in release.withheld}
    return failures, broken


# --- Protection ----------------------------------------------------------------------------------


def _lines_of(ext: list[list[int]], i: int, j: int) -> Iterable[list[tuple[int, int]]]:
    nr, nc = len(ext), len(ext[0])
    yield [(i, c) for c in range(nc)]
    yield [(r, j) for r in range(nr)]


def _hide_zeros(release: Release) -> None:
    """Every zero in a row or column that holds a hidden entry is hidden too (fixed point)."""
    for tid, ext in release.tables.items():
        if tid in release.withheld or not ext:
            continue
        hidden = release.hidden.setdefault(tid, set())
        nr, nc = len(ext), len(ext[0])
        todo = list(hidden)
        while todo:
            i, j = todo.pop()
            for line in ([(i, c) for c in range(nc)], [(r, j) for r in range(nr)]):
                for r, c in line:
                    if ext[r][c] == 0 and (r, c) not in hidden:
                        hidden.add((r, c))
                        todo.append((r, c))


def _neighbours(release: Release, e: Entry) -> tuple[list[tuple[Entry, int]], list[Entry]]:
    """Entries sharing a row/column of e's table (with the number of hidden entries of that line),
    and entries sharing a cross-table relation with e."""
    tid, i, j = e
    ext = release.tables[tid]
    hidden = release.hidden.setdefault(tid, set())
    nr, nc = len(ext), len(ext[0])
    own: list[tuple[Entry, int]] = []
    for line in ([(i, c) for c in range(nc)], [(r, j) for r in range(nr)]):
        n_hidden = sum(1 for c in line if c in hidden)
        own += [((tid, r, c), n_hidden) for r, c in line if (r, c) != (i, j)]
    linked = [
        t for link in release.links if any(t == e for t, _c in link.terms) for t, _c in link.terms if t != e
    ]
    return own, linked


def _no_lonely_entry(release: Release) -> None:
    """No row or column with exactly one hidden entry (it would follow from the others): hide the
    smallest non-zero visible inner cell of that line with it (totals last), to a fixed point."""
    for tid, ext in release.tables.items():
        if tid in release.withheld or not ext:
            continue
        hidden = release.hidden.setdefault(tid, set())
        nr, nc = len(ext), len(ext[0])
        lines = [[(i, j) for j in range(nc)] for i in range(nr)] + [
            [(i, j) for i in range(nr)] for j in range(nc)
        ]
        changed = True
        while changed:
            changed = False
            for line in lines:
                if sum(1 for c in line if c in hidden) != 1:
                    continue
                visible = [c for c in line if c not in hidden]
                if not visible:
                    continue
                hidden.add(
                    min(
                        visible,
                        key=lambda c: (
                            ext[c[0]][c[1]] == 0,
                            c[0] == nr - 1 or c[1] == nc - 1,
                            ext[c[0]][c[1]],
                            c,
                        ),
                    )
                )
                changed = True


def _partner(
    release: Release, e: Entry, margin: int, linked_first: bool, upper: bool = False
) -> Entry | None:
    """A visible entry to hide with ``e``: from e's row or column (an inner cell first, the smallest
    that covers the missing margin, else the largest; the line with fewer hidden entries first), or
    from the cross-table relations ``e`` takes part in (``linked_first``: when the table's own lines
    did not help in an earlier round). When e's lines and relations hold nothing visible, the
    search goes on from the hidden entries there (breadth first): the bound that pins e is then
    further away (e.g. a totals row)."""

    def key(c: Entry, n_hidden: int) -> tuple[Any, ...]:
        t_ext = release.tables[c[0]]
        v = t_ext[c[1]][c[2]]
        is_total = c[1] == len(t_ext) - 1 or c[2] == len(t_ext[0]) - 1
        return (is_total, v < margin, v if v >= margin else -v, n_hidden, c)

    if upper:
        # A line of e's table whose total is published and whose hidden entries add up to less than
        # what e must be able to reach binds: the partner must come from it (an inner cell covering
        # the shortfall, else its total).
        tid, i, j = e
        ext = release.tables[tid]
        nr, nc = len(ext), len(ext[0])
        v = ext[i][j]
        for line in (
            [(i, c) for c in range(nc - 1)] + [(i, nc - 1)],
            [(r, j) for r in range(nr - 1)] + [(nr - 1, j)],
        ):
            total = line[-1]
            if (i, j) == total or release.is_hidden((tid, *total)):
                continue
            room = sum(ext[r][c] for r, c in line[:-1] if release.is_hidden((tid, r, c)))
            if room >= v + margin:
                continue
            short = v + margin - room
            inner = [ext[r][c] for r, c in line[:-1] if not release.is_hidden((tid, r, c))]
            cands = [(r, c) for r, c in line[:-1] if not release.is_hidden((tid, r, c))]
            covering = sorted((ext[r][c], (r, c)) for r, c in cands if ext[r][c] >= short)
            if covering:
                return (tid, *covering[0][1])
            if inner and sum(inner) >= short:
                return (tid, *max((ext[r][c], (r, c)) for r, c in cands)[1])
            return (tid, *total)

    seen = {e}
    frontier = [e]
    first = True
    while frontier:
        own_opts: list[tuple[Any, ...]] = []
        linked_opts: list[tuple[Any, ...]] = []
        nxt: list[Entry] = []
        for f in frontier:
            own, linked = _neighbours(release, f)
            for c, n_hidden in own:
                if release.is_hidden(c):
                    if c not in seen:
                        seen.add(c)
                        nxt.append(c)
                else:
                    own_opts.append(key(c, n_hidden))
            for c in linked:
                if release.is_hidden(c):
                    if c not in seen and c[0] not in release.withheld:
                        seen.add(c)
                        nxt.append(c)
                else:
                    linked_opts.append(key(c, 0))
        order = (linked_opts, own_opts) if (linked_first and first) else (own_opts, linked_opts)
        for options in order:
            if options:
                return min(options)[-1]  # type: ignore[no-any-return]
        first = False
        frontier = [c for c in nxt if c[0] not in release.withheld]
    return None


@dataclass
class Outcome:
    release: Release
    rounds: int
    audited: int  # hidden entries checked in the final audit
    withheld_reasons: dict[str, str]


def protect(release: Release, threshold: int) -> Outcome:
    """Primary + zero + secondary suppression until the audit of the whole release passes."""
    reasons: dict[str, str] = {}
    for tid, ext in release.tables.items():
        hidden = release.hidden.setdefault(tid, set())
        for i, row in enumerate(ext):
            for j, v in enumerate(row):
                if 0 < v < threshold:
                    hidden.add((i, j))
    rounds = 0
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    done: set[tuple[Entry, str]] = set()
    attempts: dict[Entry, int] = {}
    while True:
        rounds += 1
        _hide_zeros(release)
        _no_lonely_entry(release)
        _hide_zeros(release)
        failures, broken = audit_by_component(release, threshold, done)
        for tid in broken:
            release.withheld.add(tid)
            reasons[tid] = "solver"
        if broken:
            continue
        if not failures:
            break
        stuck: set[str] = set()
        if rounds >= MAX_ROUNDS or time.monotonic() > deadline:
            stuck = {f.entry[0] for f in failures}
        else:
            # One more entry per row of a table and round (the audit after it is cheap:
            # what passed stays certified); adding one per failure at once hides far more than
            # needed, one per table at once takes too many rounds on big tables.
            used: set[tuple[str, str, int]] = set()
            for f in failures:
                tid, i, j = f.entry
                if (tid, "r", i) in used:
                    continue
                lo_need, hi_need = requirement(f.value, threshold)
                margin = (f.value - lo_need) if f.reason == "lower" else (hi_need - f.value)
                attempts[f.entry] = attempts.get(f.entry, 0) + 1
                extra = _partner(
                    release,
                    f.entry,
                    margin,
                    linked_first=attempts[f.entry] % 2 == 0,
                    upper=f.reason == "upper",
                )
                if extra is None:
                    stuck.add(tid)
                else:
                    release.hidden.setdefault(extra[0], set()).add((extra[1], extra[2]))
                    used |= {(tid, "r", i), (extra[0], "r", extra[1])}
        for tid in stuck:
            release.withheld.add(tid)
            reasons.setdefault(
                tid, "audit" if rounds < MAX_ROUNDS and time.monotonic() <= deadline else "limit"
            )
    audited = sum(len(h) for tid, h in release.hidden.items() if tid not in release.withheld)
    return Outcome(release, rounds, audited, reasons)
