"""Small-number suppression: the one rule set every report and export goes through.

A published table is a grid of counts with (optionally) row totals, column totals and a
grand total. The rule, after FACTS.md ("Publishing small numbers"):

* **Primary:** a count from 1 to ``threshold - 1`` is shown as ``"<5"`` (for the default
  threshold of 5). Zero is shown: it is the absence of people, and hiding zeros would hide
  nothing about anyone while making every table unreadable.
* **Percentages** are withheld when their base is under ``min_base`` or when their
  numerator or base is itself hidden.
* **Secondary:** more cells (shown as ``"[c]"``, "confidential", as the ONS writes it) are
  hidden until no hidden cell can be worked out from the shown cells and totals.

What a reader knows, and so what we protect against: every shown number exactly, that a
``"<5"`` cell lies in 1..threshold-1, and (knowing this rule) that a ``"[c]"`` cell is at
least ``threshold`` (secondary cells are only ever chosen among counts >= threshold, so
that their reader-known range is one interval). Each line (row, column, the totals row
and column) sums to its total.

**The audit is exact.** Write the table with its margins negated, so that every line of
the extended grid sums to zero. A hidden cell is then an edge between its row node and
column node, with a reader-known interval. Two tables consistent with what is published
differ by a circulation on the hidden edges, and a circulation splits into simple cycles
each of which can be applied on its own (a conformal decomposition). So a hidden cell can
take another value exactly when it lies on a cycle of the residual graph: raising a cell
is an arc row -> column, lowering it an arc column -> row, each present only while the
cell stays inside its interval. That is a reachability test, with no solver needed. A line
whose total is not published constrains nothing: all such lines share one free node.

The tests check this against a brute-force enumeration of every table a reader could
reconstruct (tests/core/test_suppression.py).
"""

from __future__ import annotations

import enum
import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

UNBOUNDED = 10**12


@dataclass(frozen=True)
class SuppressionRule:
    """How one data set is protected. ``threshold`` 0 switches suppression off (counts of
    events, such as sessions held, identify nobody)."""

    name: str
    threshold: int = 5
    min_base: int = 10

    def __post_init__(self) -> None:
        # A threshold of 1 or 2 would print "<2" for a count that can only be 1.
        if self.threshold != 0 and self.threshold < 3:
            raise ValueError("a suppression threshold is 0 (off) or at least 3")

    @property
    def small_label(self) -> str:
        return f"<{self.threshold}"

    def is_small(self, count: int) -> bool:
        return 0 < count < self.threshold


PEOPLE = SuppressionRule("people", threshold=5, min_base=10)
EVENTS = SuppressionRule("events", threshold=0, min_base=0)
SECURE = SuppressionRule("secure research", threshold=10, min_base=10)


class CellState(enum.Enum):
    SHOWN = "shown"
    PRIMARY = "primary"
    SECONDARY = "secondary"


SECONDARY_LABEL = "[c]"
WITHHELD_LABEL = "[c]"


@dataclass(frozen=True)
class Cell:
    """One published count: the true value stays inside; ``text`` is what is printed."""

    value: int
    state: CellState
    rule: SuppressionRule

    @property
    def shown(self) -> bool:
        return self.state is CellState.SHOWN

    @property
    def text(self) -> str:
        if self.state is CellState.PRIMARY:
            return self.rule.small_label
        if self.state is CellState.SECONDARY:
            return SECONDARY_LABEL
        return f"{self.value:,}"

    @property
    def chart_value(self) -> int | None:
        """The height to draw, or None: charts never draw a hidden value."""
        return self.value if self.shown else None


@dataclass(frozen=True)
class CountTable:
    """Counts before suppression. ``counts[r][c]``; totals are computed, never given."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    row_totals: bool = True
    column_totals: bool = True

    def __post_init__(self) -> None:
        if len(self.counts) != len(self.rows) or any(
            len(line) != len(self.columns) for line in self.counts
        ):
            raise ValueError("counts must be one line per row, one value per column")
        if any(value < 0 for line in self.counts for value in line):
            raise ValueError("counts cannot be negative")


@dataclass(frozen=True)
class PublishedTable:
    """A table ready to print: every cell, and the totals that are published."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...] | None
    column_totals: tuple[Cell, ...] | None
    grand_total: Cell | None
    rule: SuppressionRule
    withheld: bool = False  # no safe pattern existed: every cell is hidden

    def hidden(self) -> list[Cell]:
        return [cell for cell in _all_cells(self) if not cell.shown]


def _all_cells(table: PublishedTable) -> list[Cell]:
    cells = [cell for line in table.cells for cell in line]
    cells += list(table.row_totals or ()) + list(table.column_totals or ())
    return cells + ([table.grand_total] if table.grand_total else [])


# -- the extended grid -------------------------------------------------------------------

Position = tuple[int, int]  # (row, column); row == R is the totals row, column == C totals
FREE = ("free", 0)


def _grid(table: CountTable) -> dict[Position, int]:
    """Every published value by position, interior and margins."""
    n_rows, n_cols = len(table.rows), len(table.columns)
    grid: dict[Position, int] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            grid[(r, c)] = table.counts[r][c]
    if table.row_totals:
        for r in range(n_rows):
            grid[(r, n_cols)] = sum(table.counts[r])
    if table.column_totals:
        for c in range(n_cols):
            grid[(n_rows, c)] = sum(table.counts[r][c] for r in range(n_rows))
    if table.row_totals and table.column_totals:
        grid[(n_rows, n_cols)] = sum(map(sum, table.counts))
    return grid


def _nodes(table: CountTable, position: Position) -> tuple[tuple[str, int], tuple[str, int]]:
    """The row node and column node a cell joins; lines without a published total are
    free. The totals row is a line only when both margins are published (it then sums
    the column totals to the grand total); likewise the totals column."""
    n_rows, n_cols = len(table.rows), len(table.columns)
    both = table.row_totals and table.column_totals
    r, c = position
    row_constrained = (r < n_rows and table.row_totals) or (r == n_rows and both)
    col_constrained = (c < n_cols and table.column_totals) or (c == n_cols and both)
    return (("row", r) if row_constrained else FREE), (("col", c) if col_constrained else FREE)


def _sign(table: CountTable, position: Position) -> int:
    """+1 for an interior cell or the grand total, -1 for a margin (the negated grid)."""
    r, c = position
    margin_row, margin_col = r == len(table.rows), c == len(table.columns)
    return -1 if margin_row != margin_col else 1


def _interval(state: CellState, rule: SuppressionRule) -> tuple[int, int]:
    if state is CellState.PRIMARY:
        return 1, rule.threshold - 1
    return rule.threshold, UNBOUNDED


Node = tuple[str, int]
Arc = tuple[Node, Position, int]  # to, through which cell, cost of hiding that cell


def _moves(
    table: CountTable,
    grid: dict[Position, int],
    position: Position,
    state: CellState,
    rule: SuppressionRule,
) -> tuple[bool, bool]:
    """Whether the cell can be raised or lowered by one in the negated grid."""
    low, high = _interval(state, rule)
    value = grid[position]
    if _sign(table, position) > 0:
        return value < high, value > low
    return value > low, value < high  # a margin: raising -total means lowering the total


def _arcs(
    table: CountTable,
    grid: dict[Position, int],
    states: dict[Position, CellState],
    rule: SuppressionRule,
    *,
    candidates: bool = False,
) -> dict[Node, list[Arc]]:
    """The residual graph of hidden cells (cost 0); with ``candidates``, also every shown
    cell that could be hidden as secondary, at a cost of its value (information lost)."""
    arcs: dict[Node, list[Arc]] = defaultdict(list)
    for position, state in states.items():
        cost = 0
        if state is CellState.SHOWN:
            if not candidates or grid[position] < max(rule.threshold, 1):
                continue
            state, cost = CellState.SECONDARY, grid[position] + 1
        can_raise, can_lower = _moves(table, grid, position, state, rule)
        row, col = _nodes(table, position)
        if can_raise:
            arcs[row].append((col, position, cost))
        if can_lower:
            arcs[col].append((row, position, cost))
    return arcs


def determined(
    table: CountTable, states: dict[Position, CellState], rule: SuppressionRule
) -> list[Position]:
    """The hidden positions a reader could work out exactly (empty when protected)."""
    grid = _grid(table)
    arcs = _arcs(table, grid, states, rule)
    stuck = []
    for position, state in states.items():
        if state is CellState.SHOWN:
            continue
        row, col = _nodes(table, position)
        can_raise, can_lower = _moves(table, grid, position, state, rule)
        free_to_move = (can_raise and _cheapest(arcs, col, row, position) is not None) or (
            can_lower and _cheapest(arcs, row, col, position) is not None
        )
        if not free_to_move:
            stuck.append(position)
    return stuck


def _cheapest(
    arcs: dict[Node, list[Arc]], start: Node, goal: Node, avoid: Position
) -> tuple[int, list[Position]] | None:
    """The cheapest path from ``start`` to ``goal`` not through ``avoid`` (Dijkstra):
    its cost and the cells it runs through, or None."""
    best: dict[Node, int] = {start: 0}
    through: dict[Node, tuple[Node, Position]] = {}
    queue: list[tuple[int, Node]] = [(0, start)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == goal:
            path, at = [], node
            while at != start:
                at, position = through[at]
                path.append(position)
            return cost, path
        if cost > best[node]:
            continue
        for following, position, step in arcs.get(node, ()):
            if position == avoid or cost + step >= best.get(following, UNBOUNDED):
                continue
            best[following] = cost + step
            through[following] = (node, position)
            heapq.heappush(queue, (cost + step, following))
    return None


# -- suppression --------------------------------------------------------------------------


def suppress(table: CountTable, rule: SuppressionRule = PEOPLE) -> PublishedTable:
    """Apply primary then secondary suppression; never returns a recoverable table.

    Secondary cells are chosen as the cheapest cycle (by the values hidden) that frees a
    stuck cell, the classic network-flow heuristic for tables with totals. When no choice
    of cells can protect the table (say four "<5" cells in a column whose total is "<5":
    each must be 1), its totals are dropped, column totals first; only a table that no
    pattern protects even without totals is withheld whole."""
    shapes = [(table.row_totals, table.column_totals)]
    shapes += [s for s in ((table.row_totals, False), (False, False)) if s not in shapes]
    for row_totals, column_totals in shapes:
        shaped = replace(table, row_totals=row_totals, column_totals=column_totals)
        grid = _grid(shaped)
        states = _protected(shaped, grid, rule)
        if states is not None:
            return _published(shaped, grid, states, rule, withheld=False)
    grid = _grid(table)
    everything = {
        p: CellState.PRIMARY if rule.is_small(v) else CellState.SECONDARY for p, v in grid.items()
    }
    return _published(table, grid, everything, rule, withheld=True)


def _protected(
    table: CountTable, grid: dict[Position, int], rule: SuppressionRule
) -> dict[Position, CellState] | None:
    states = {
        p: CellState.PRIMARY if rule.is_small(v) else CellState.SHOWN for p, v in grid.items()
    }
    while stuck := determined(table, states, rule):
        extra = _cheapest_cycle(table, grid, states, rule, stuck[0])
        if not extra:
            return None
        for position in extra:
            states[position] = CellState.SECONDARY
    return states


def _cheapest_cycle(
    table: CountTable,
    grid: dict[Position, int],
    states: dict[Position, CellState],
    rule: SuppressionRule,
    stuck: Position,
) -> list[Position]:
    """The shown cells to hide so that ``stuck`` lies on a cycle; empty if none can."""
    arcs = _arcs(table, grid, states, rule, candidates=True)
    row, col = _nodes(table, stuck)
    can_raise, can_lower = _moves(table, grid, stuck, states[stuck], rule)
    found = [
        path
        for allowed, start, goal in ((can_raise, col, row), (can_lower, row, col))
        if allowed and (path := _cheapest(arcs, start, goal, stuck)) is not None
    ]
    if not found:
        return []
    _, cells = min(found)
    return [p for p in cells if states[p] is CellState.SHOWN]


def _published(
    table: CountTable,
    grid: dict[Position, int],
    states: dict[Position, CellState],
    rule: SuppressionRule,
    withheld: bool,
) -> PublishedTable:
    n_rows, n_cols = len(table.rows), len(table.columns)

    def cell(position: Position) -> Cell:
        return Cell(grid[position], states[position], rule)

    return PublishedTable(
        rows=table.rows,
        columns=table.columns,
        cells=tuple(tuple(cell((r, c)) for c in range(n_cols)) for r in range(n_rows)),
        row_totals=tuple(cell((r, n_cols)) for r in range(n_rows)) if table.row_totals else None,
        column_totals=tuple(cell((n_rows, c)) for c in range(n_cols))
        if table.column_totals
        else None,
        grand_total=cell((n_rows, n_cols)) if (n_rows, n_cols) in grid else None,
        rule=rule,
        withheld=withheld,
    )


def percentage(numerator: Cell, base: Cell) -> str:
    """A share of a base for print: withheld when the base is small or either is hidden."""
    value = share(numerator, base)
    return WITHHELD_LABEL if value is None else f"{value:.0f}%"


def share(numerator: Cell, base: Cell) -> float | None:
    if not (numerator.shown and base.shown) or base.value == 0:
        return None
    if base.value < base.rule.min_base:
        return None
    return 100.0 * numerator.value / base.value


def mean_or_withheld(values: Sequence[float], rule: SuppressionRule) -> float | None:
    """An average over people, withheld when fewer than ``min_base`` people gave it."""
    if not values or len(values) < rule.min_base:
        return None
    return sum(values) / len(values)
