"""Small-cell suppression: no hidden cell can be recomputed from what is published."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simpul.stats.suppression import determined, determined_by_rank, suppress

tables = st.integers(1, 6).flatmap(
    lambda r: st.integers(1, 6).flatmap(
        lambda c: st.lists(st.lists(st.integers(0, 30), min_size=c, max_size=c), min_size=r, max_size=r)
    )
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 10))
def test_no_hidden_cell_is_recoverable(cells: list[list[int]], threshold: int) -> None:
    ext, hidden = suppress(cells, threshold)
    nr, nc = len(ext), len(ext[0])
    # Every small non-zero value is hidden (totals included).
    for i in range(nr):
        for j in range(nc):
            if 0 < ext[i][j] < threshold:
                assert (i, j) in hidden
    # Every published equation (row or column, with its total) hides 0 or at least 2 entries.
    for i in range(nr):
        assert sum(1 for j in range(nc) if (i, j) in hidden) != 1
    for j in range(nc):
        assert sum(1 for i in range(nr) if (i, j) in hidden) != 1
    # And no hidden entry is fixed by the linear system of all published equations (exact algebra).
    assert determined(ext, hidden) == set()
    assert determined_by_rank(ext, hidden) == set()
    # Sanity: the published equations still hold for what is shown.
    for i in range(nr - 1):
        assert sum(ext[i][:-1]) == ext[i][-1]


def test_a_single_small_cell_takes_a_partner_in_its_row_and_column() -> None:
    ext, hidden = suppress([[10, 2, 30], [40, 50, 60], [70, 80, 90]], 5)
    assert (0, 1) in hidden
    assert sum(1 for j in range(4) if (0, j) in hidden) >= 2
    assert sum(1 for i in range(4) if (i, 1) in hidden) >= 2


def test_determined_finds_a_lonely_cell() -> None:
    ext = [[1, 9, 10], [5, 5, 10], [6, 14, 20]]
    assert determined(ext, {(0, 0)}) == {(0, 0)}
    assert determined(ext, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()


@settings(max_examples=200, deadline=None)
@given(tables, st.data())
def test_bridge_test_agrees_with_linear_algebra(cells: list[list[int]], data: st.DataObject) -> None:
    from simpul.stats.suppression import extend

    ext = extend(cells)
    all_cells = [(i, j) for i in range(len(ext)) for j in range(len(ext[0]))]
    hidden = set(data.draw(st.lists(st.sampled_from(all_cells), max_size=12)))
    assert determined(ext, hidden) == determined_by_rank(ext, hidden)


def test_large_table_is_fast() -> None:
    import random
    import time

    rnd = random.Random(3)
    cells = [[rnd.choice([0, 1, 2, 3, 7, 12, 40]) for _ in range(8)] for _ in range(514)]
    t = time.perf_counter()
    ext, hidden = suppress(cells, 5)
    assert time.perf_counter() - t < 20
    assert determined(ext, hidden) == set()
