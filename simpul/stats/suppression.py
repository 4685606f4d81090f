"""Small-cell suppression with complementary suppression: the cheap FIRST STAGE of the open-data
protection. It is not the guarantee: the rank test below sees only the equations, not
non-negativity nor published zeros (issue 12: hidden cells pinned exactly by LP bounds). The
guarantee is the linear-programming audit of the whole release in ``disclosure.py``, which starts
from this pattern.

A table is a matrix of counts with its row totals, column totals and grand total (the
"extended" matrix: last row and last column are totals). Every row and column of the
extended matrix is a published linear equation. We hide:

1. every cell with 0 < value < threshold (primary suppression), and totals below it;
2. in every row/column with exactly one hidden entry, one more entry (the smallest
   non-zero visible cell, totals last), repeated until stable;
3. then, while any hidden entry can still be computed exactly from the published
   equations (rank test: its unit vector lies in the row space of the equations restricted
   to hidden entries), one more entry in its row; repeated until none can.
"""

from __future__ import annotations

from fractions import Fraction

Matrix = list[list[int]]


def extend(cells: Matrix) -> Matrix:
    """Cells plus a totals column and a totals row (grand total in the corner)."""
    rows = [list(r) + [sum(r)] for r in cells]
    ncols = len(cells[0]) if cells else 0
    totals = [sum(r[j] for r in rows) for j in range(ncols + 1)]
    return rows + [totals]


def _lines(nr: int, nc: int) -> list[list[tuple[int, int]]]:
    """Each published equation as the list of its entries (last entry is the total)."""
    lines = [[(i, j) for j in range(nc)] for i in range(nr)]
    lines += [[(i, j) for i in range(nr)] for j in range(nc)]
    return lines


def _rank(rows: list[list[Fraction]]) -> int:
    m = [r[:] for r in rows]
    rank = 0
    ncols = len(m[0]) if m else 0
    for col in range(ncols):
        pivot = next((r for r in range(rank, len(m)) if m[r][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(len(m)):
            if r != rank and m[r][col] != 0:
                f = m[r][col] / m[rank][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


def determined(ext: Matrix, hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hidden entries whose exact value follows from the published row/column equations.

    With signs flipped on the totals row and column, the equations say "every row and column of
    the extended matrix sums to zero", so the undetermined variations of the hidden entries are
    exactly the cycles of the bipartite graph (rows, columns; hidden entries as edges). A hidden
    entry is determined iff it lies on no cycle: iff it is a bridge. Linear time (Tarjan)."""
    adj: dict[tuple[str, int], list[tuple[tuple[str, int], tuple[int, int]]]] = {}
    for i, j in hidden:
        adj.setdefault(("r", i), []).append((("c", j), (i, j)))
        adj.setdefault(("c", j), []).append((("r", i), (i, j)))
    disc: dict[tuple[str, int], int] = {}
    low: dict[tuple[str, int], int] = {}
    bridges: set[tuple[int, int]] = set()
    counter = 0
    for root in sorted(adj):
        if root in disc:
            continue
        disc[root] = low[root] = counter
        counter += 1
        stack: list[tuple[tuple[str, int], tuple[int, int] | None, int]] = [(root, None, 0)]
        while stack:
            node, via, k = stack[-1]
            if k < len(adj[node]):
                stack[-1] = (node, via, k + 1)
                nxt, edge = adj[node][k]
                if edge == via:
                    continue
                if nxt in disc:
                    low[node] = min(low[node], disc[nxt])
                else:
                    disc[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, edge, 0))
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > disc[parent] and via is not None:
                        bridges.add(via)
    return bridges


def determined_by_rank(ext: Matrix, hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Same question answered by linear algebra (exact fractions); slow, used by the tests."""
    if not hidden:
        return set()
    nr, nc = len(ext), len(ext[0])
    unknowns = sorted(hidden)
    index = {cell: k for k, cell in enumerate(unknowns)}
    eqs: list[list[Fraction]] = []
    for line in _lines(nr, nc):
        row = [Fraction(0)] * len(unknowns)
        for pos, cell in enumerate(line):
            if cell in index:
                # cells carry +1, the total (last entry) -1: sum(cells) - total = 0
                row[index[cell]] += Fraction(-1 if pos == len(line) - 1 else 1)
        if any(row):
            eqs.append(row)
    if not eqs:
        return set()
    base = _rank(eqs)
    out = set()
    for cell, k in index.items():
        unit = [Fraction(1 if i == k else 0) for i in range(len(unknowns))]
        if _rank(eqs + [unit]) == base:
            out.add(cell)
    return out


def suppress(cells: Matrix, threshold: int) -> tuple[Matrix, set[tuple[int, int]]]:
    """Return the extended matrix and the set of hidden entries (row, col) in it."""
    ext = extend(cells)
    nr, nc = len(ext), len(ext[0])
    hidden = {(i, j) for i in range(nr) for j in range(nc) if 0 < ext[i][j] < threshold}

    def pick(line: list[tuple[int, int]]) -> tuple[int, int] | None:
        visible = [c for c in line if c not in hidden]
        if not visible:
            return None
        # Prefer small non-zero inner cells; zeros and totals last.
        return min(
            visible,
            key=lambda c: (ext[c[0]][c[1]] == 0, c[0] == nr - 1 or c[1] == nc - 1, ext[c[0]][c[1]], c),
        )

    while True:
        changed = False
        for line in _lines(nr, nc):
            if sum(1 for c in line if c in hidden) == 1:
                extra = pick(line)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
        if changed:
            continue
        found = determined(ext, hidden)
        if not found:
            break
        i, _j = min(found)
        extra = pick([(i, j) for j in range(nc)]) or pick([(r, _j) for r in range(nr)])
        if extra is None:  # pragma: no cover - whole row/column already hidden
            break
        hidden.add(extra)
    return ext, hidden
