"""The suppression audit's parts, pinned exactly: each sign of the negated grid, which
line a cell joins, which way a hidden cell may move, the cost of hiding a cell, and the
fallback shapes. test_suppression.py checks the whole against a brute-force reader; these
tests pin the documented contracts of the parts, so that a change to any of them fails
here even when the whole would (by symmetry) still protect the same cells.
"""

from __future__ import annotations

import dataclasses

import pytest

from victim_champion.core.suppression import (
    FREE,
    PEOPLE,
    SECURE,
    Cell,
    CellState,
    CountTable,
    PublishedTable,
    SuppressionRule,
    _arcs,
    _grid,
    _moves,
    _nodes,
    _sign,
    mean_or_withheld,
    share,
    suppress,
)

SHOWN, PRIMARY, SECONDARY = CellState.SHOWN, CellState.PRIMARY, CellState.SECONDARY


def table(counts: list[list[int]], *, rows: bool = True, columns: bool = True) -> CountTable:
    return CountTable(
        rows=tuple(f"r{r}" for r in range(len(counts))),
        columns=tuple(f"c{c}" for c in range(len(counts[0]))),
        counts=tuple(tuple(line) for line in counts),
        row_totals=rows,
        column_totals=columns,
    )


TWO_BY_TWO = table([[2, 8], [7, 9]])  # margins at row 2 and column 2


# -- the sign of each cell in the negated grid -------------------------------------------


@pytest.mark.parametrize(
    ("position", "sign"),
    [((0, 0), 1), ((1, 1), 1), ((0, 2), -1), ((1, 2), -1), ((2, 0), -1), ((2, 1), -1), ((2, 2), 1)],
)
def test_interior_cells_and_the_grand_total_are_positive_and_margins_negative(
    position: tuple[int, int], sign: int
) -> None:
    assert _sign(TWO_BY_TWO, position) == sign
    assert type(_sign(TWO_BY_TWO, position)) is int


def test_the_negated_grid_sums_to_zero_along_every_line() -> None:
    grid = _grid(TWO_BY_TWO)
    for r in range(3):
        assert sum(_sign(TWO_BY_TWO, (r, c)) * grid[(r, c)] for c in range(3)) == 0
    for c in range(3):
        assert sum(_sign(TWO_BY_TWO, (r, c)) * grid[(r, c)] for r in range(3)) == 0


# -- the line each cell joins ------------------------------------------------------------


def test_with_both_margins_every_line_is_its_own_node() -> None:
    assert _nodes(TWO_BY_TWO, (0, 1)) == (("row", 0), ("col", 1))
    assert _nodes(TWO_BY_TWO, (2, 0)) == (("row", 2), ("col", 0))  # the totals row
    assert _nodes(TWO_BY_TWO, (1, 2)) == (("row", 1), ("col", 2))  # the totals column
    assert _nodes(TWO_BY_TWO, (2, 2)) == (("row", 2), ("col", 2))


def test_a_line_without_a_published_total_is_free() -> None:
    rows_only = table([[2, 8], [7, 9]], columns=False)
    assert _nodes(rows_only, (0, 1)) == (("row", 0), FREE)
    assert _nodes(rows_only, (1, 2)) == (("row", 1), FREE)  # the totals column sums nothing
    columns_only = table([[2, 8], [7, 9]], rows=False)
    assert _nodes(columns_only, (1, 0)) == (FREE, ("col", 0))
    assert _nodes(columns_only, (2, 1)) == (FREE, ("col", 1))
    neither = table([[2, 8]], rows=False, columns=False)
    assert _nodes(neither, (0, 0)) == (FREE, FREE)


def test_the_margins_of_a_table_of_hundreds_of_lines_are_still_lines() -> None:
    # Past 256, two equal numbers are not one object: compared by value, not identity.
    tall = table([[1, 2] for _ in range(300)])
    assert _nodes(tall, (300, 0)) == (("row", 300), ("col", 0))
    assert _sign(tall, (300, 0)) == -1
    wide = table([[1] * 300, [2] * 300])
    assert _nodes(wide, (0, 300)) == (("row", 0), ("col", 300))
    assert _sign(wide, (0, 300)) == -1


# -- which way a hidden cell can move ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "state", "interior", "margin"),
    [
        (1, PRIMARY, (True, False), (False, True)),  # at the bottom of 1..4
        (2, PRIMARY, (True, True), (True, True)),
        (4, PRIMARY, (False, True), (True, False)),  # at the top of 1..4
        (5, SECONDARY, (True, False), (False, True)),  # at the bottom of 5..
        (9, SECONDARY, (True, True), (True, True)),
    ],
)
def test_a_hidden_cell_moves_inside_its_interval_and_a_margin_the_other_way(
    value: int, state: CellState, interior: tuple[bool, bool], margin: tuple[bool, bool]
) -> None:
    grid = {(0, 0): value, (0, 2): value, (2, 0): value, (2, 2): value}
    assert _moves(TWO_BY_TWO, grid, (0, 0), state, PEOPLE) == interior
    assert _moves(TWO_BY_TWO, grid, (2, 2), state, PEOPLE) == interior  # the grand total
    assert _moves(TWO_BY_TWO, grid, (0, 2), state, PEOPLE) == margin
    assert _moves(TWO_BY_TWO, grid, (2, 0), state, PEOPLE) == margin


def test_a_secondary_cell_of_any_real_size_can_still_rise() -> None:
    grid = {(0, 0): 5_000_000_000}
    assert _moves(TWO_BY_TWO, grid, (0, 0), SECONDARY, PEOPLE) == (True, True)


# -- the cost of hiding a cell -----------------------------------------------------------


def test_hiding_a_shown_cell_costs_its_value_plus_one_and_a_hidden_cell_nothing() -> None:
    grid = _grid(TWO_BY_TWO)
    states = {p: PRIMARY if p == (0, 0) else SHOWN for p in grid}
    arcs = _arcs(TWO_BY_TWO, grid, states, PEOPLE, candidates=True)
    costs = {position: cost for lines in arcs.values() for _, position, cost in lines}
    assert costs == {p: (0 if p == (0, 0) else grid[p] + 1) for p in grid}
    assert all(type(cost) is int for cost in costs.values())
    # Without candidates only the hidden cell is an arc, both ways (2 lies inside 1..4).
    hidden = _arcs(TWO_BY_TWO, grid, states, PEOPLE)
    assert {(node, to, p, cost) for node, ls in hidden.items() for to, p, cost in ls} == {
        (("row", 0), ("col", 0), (0, 0), 0),
        (("col", 0), ("row", 0), (0, 0), 0),
    }


def test_counts_in_the_tens_of_thousands_are_protected_like_small_ones() -> None:
    published = suppress(table([[2, 60_000], [60_000, 60_000]]))
    assert [[cell.text for cell in line] for line in published.cells] == [
        ["<5", "[c]"],
        ["[c]", "[c]"],
    ]
    assert published.row_totals is not None and published.column_totals is not None
    assert [cell.text for cell in published.row_totals] == ["60,002", "120,000"]


# -- the shapes tried when the totals cannot be kept -------------------------------------


def test_a_row_of_ones_under_a_small_total_drops_both_margins_not_the_table() -> None:
    # Row 0 is four "<5" cells summing to 4: with its total printed each must be 1, and
    # no other cell can help, so both margins go; the counts themselves are published.
    published = suppress(table([[1, 1, 1, 1], [20, 20, 20, 20]]))
    assert published.withheld is False
    assert published.row_totals is None and published.column_totals is None
    assert published.grand_total is None
    assert [[cell.text for cell in line] for line in published.cells] == [
        ["<5"] * 4,
        ["20"] * 4,
    ]


def test_a_published_table_is_not_withheld_unless_it_says_so() -> None:
    cell = Cell(7, SHOWN, PEOPLE)
    made = PublishedTable(("a",), ("b",), ((cell,),), None, None, None, PEOPLE)
    assert made.withheld is False


# -- the rule and the table's shape ------------------------------------------------------


def test_a_rule_cannot_change_once_made() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PEOPLE.threshold = 3  # type: ignore[misc]


def test_a_negative_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="0 \\(off\\) or at least 3"):
        SuppressionRule("bad", threshold=-1)


def test_a_negative_number_is_not_small() -> None:
    assert not PEOPLE.is_small(-1)
    assert [n for n in range(-2, 7) if PEOPLE.is_small(n)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "counts",
    [((1, 2),), ((1, 2), (3, 4), (5, 6)), ((1, 2), (3, 4, 5)), ((1, 2, 3), (3, 4))],
)
def test_counts_must_match_the_rows_and_columns_exactly(counts: tuple) -> None:
    with pytest.raises(ValueError, match="one line per row"):
        CountTable(rows=("a", "b"), columns=("x", "y"), counts=counts)


# -- shares and means --------------------------------------------------------------------


def test_secure_research_shares_need_a_base_of_exactly_ten_or_more() -> None:
    assert share(Cell(5, SHOWN, SECURE), Cell(10, SHOWN, SECURE)) == 50.0
    assert share(Cell(5, SHOWN, SECURE), Cell(9, SHOWN, SECURE)) is None
    assert mean_or_withheld([1.0] * 10, SECURE) == 1.0
    assert mean_or_withheld([1.0] * 9, SECURE) is None


def test_shares_and_means_keep_their_fractions() -> None:
    assert share(Cell(10, SHOWN, PEOPLE), Cell(30, SHOWN, PEOPLE)) == pytest.approx(100 / 3)
    assert mean_or_withheld([1.0, 2.0] * 5, PEOPLE) == 1.5
