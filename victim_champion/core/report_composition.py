"""Published periods that cannot be subtracted from one another.

Two rules, for the hub's frozen reports (hub/reports/publication.py):

* **A quarter or half-year is its months added up.** Each of its cells is the sum of the
  same cell in the published months, and is shown only when every month shows it. So
  every number in a quarter is arithmetic on numbers the months already show: a reader
  who subtracts months from their quarter (or a quarter from its half-year) learns
  nothing the months did not say. A hidden quarter cell is "[c]" whatever its size.
* **A new version of a month changes a table only safely** (``revise``). Compared with
  every earlier version, each figure shown in both must be the same or differ by at least
  the threshold, and no hidden change can be worked out from the totals (exact linear
  algebra on the differences). Otherwise the table stays as it was, so a reader
  comparing versions never sees a few late or erased people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from fractions import Fraction

from victim_champion.core.report_facts import ReportPeriod
from victim_champion.core.report_tables import Base, TableId
from victim_champion.core.reporting import Report, ReportTable, average_text, rated_well
from victim_champion.core.suppression import (
    WITHHELD_LABEL,
    Cell,
    CellState,
    PublishedTable,
    SuppressionRule,
    percentage,
)

TOTAL = "\x00total"  # a line label no real row or column can have

Position = tuple[str, str]


def _union(lists: Iterable[Sequence[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for items in lists for item in items))


def _sum(parts: Sequence[Cell | None], rule: SuppressionRule) -> Cell:
    """``None`` is a part with no such cell: unknown, so the sum is hidden. When every
    other part shows 0, the sum is the one remaining cell itself, printed as it was."""
    known = [c for c in parts if c is not None]
    value = sum(c.value for c in known)
    if len(known) == len(parts):
        if all(c.shown for c in known):
            return Cell(value, CellState.SHOWN, rule)
        hidden = [c for c in known if not c.shown]
        if len(hidden) == 1 and all(c.value == 0 for c in known if c.shown):
            return hidden[0]
    return Cell(value, CellState.SECONDARY, rule)


def _zero(rule: SuppressionRule) -> Cell:
    return Cell(0, CellState.SHOWN, rule)


def _line_total(
    table: PublishedTable, labels: tuple[str, ...], totals: tuple[Cell, ...] | None, label: str
) -> Cell | None:
    """A part's total for one line: 0 when the part has no such line (nobody in it), and
    unknown when it has the line but published no total for it."""
    if label not in labels:
        return _zero(table.rule)
    return None if totals is None else totals[labels.index(label)]


def _compose_table(parts: Sequence[ReportTable]) -> ReportTable:
    rule = parts[0].table.rule
    tables = [p.table for p in parts]
    rows = _union(t.rows for t in tables)
    columns = _union(t.columns for t in tables)

    def interior(table: PublishedTable, row: str, column: str) -> Cell | None:
        if row not in table.rows or column not in table.columns:
            return _zero(rule)
        return table.cells[table.rows.index(row)][table.columns.index(column)]

    cells = tuple(
        tuple(_sum([interior(t, r, c) for t in tables], rule) for c in columns) for r in rows
    )
    has_rows = any(t.row_totals is not None for t in tables)
    has_columns = any(t.column_totals is not None for t in tables)
    has_grand = any(t.grand_total is not None for t in tables)
    row_totals = tuple(
        _sum([_line_total(t, t.rows, t.row_totals, r) for t in tables], rule) for r in rows
    )
    column_totals = tuple(
        _sum([_line_total(t, t.columns, t.column_totals, c) for t in tables], rule) for c in columns
    )
    published = PublishedTable(
        rows=rows,
        columns=columns,
        cells=cells,
        row_totals=row_totals if has_rows else None,
        column_totals=column_totals if has_columns else None,
        grand_total=_sum([t.grand_total for t in tables], rule) if has_grand else None,
        rule=rule,
        withheld=all(t.withheld for t in tables),
    )
    keys = dict(pair for p in parts for pair in zip(p.table.rows, p.row_keys, strict=False))
    row_keys = tuple(keys.get(r, r) for r in rows) if parts[0].row_keys else ()
    return replace(parts[0], table=published, row_keys=row_keys, extra=(), extra_values=())


def _averages(parts: Sequence[ReportTable], composed: ReportTable) -> ReportTable:
    """An average over months is shown only when every month with people in it shows both
    its count and its average; it is then arithmetic on published numbers."""
    values: list[float | None] = []
    for index, label in enumerate(composed.table.rows):
        weighted, people, safe = 0.0, 0, True
        for part in parts:
            if label not in part.table.rows:
                continue
            at = part.table.rows.index(label)
            count = part.table.cells[at][0]
            mean = part.extra_values[at] if at < len(part.extra_values) else None
            if count.shown and count.value == 0:
                continue
            if not count.shown or mean is None:
                safe = False
                break
            weighted, people = weighted + mean * count.value, people + count.value
        shown = safe and people > 0 and composed.table.cells[index][0].shown
        values.append(weighted / people if shown else None)
    return replace(
        composed,
        extra=tuple(average_text(v) for v in values),
        extra_values=tuple(values),
    )


def _grand_total(tables: dict[TableId, ReportTable], table_id: TableId | None) -> Cell | None:
    return tables[table_id].table.grand_total if table_id in tables else None


def compose(months: Sequence[Report], period: ReportPeriod) -> Report:
    """A quarter or half-year from its published months (each month's newest version)."""
    if not months:
        raise ValueError("a period is composed from at least one month")
    composed = {t.id: _compose_table([m.table(t.id) for m in months]) for t in months[0].tables}
    tables = []
    for table_id, table in composed.items():
        derived = table.spec.derived
        if derived is None:
            pass
        elif derived.base is Base.OWN_MEAN:
            table = _averages([m.table(table_id) for m in months], table)
        elif derived.base is Base.OWN_ROW_TOTAL:
            table = replace(table, extra=rated_well(table.table, derived.from_column))
        elif (everyone := _grand_total(composed, derived.base_table)) is not None:
            shares = tuple(percentage(line[0], everyone) for line in table.table.cells)
            table = replace(table, extra=shares)
        elif months[0].table(table_id).extra:  # no base to take it of: withheld, not guessed
            table = replace(table, extra=(WITHHELD_LABEL,) * len(table.table.rows))
        tables.append(table)
    unreadable = max(m.unreadable_records for m in months)
    return Report(period.title, period, months[0].audience, tuple(tables), unreadable)


# -- new versions of a month ---------------------------------------------------------------


def _positions(table: PublishedTable) -> dict[Position, Cell]:
    found: dict[Position, Cell] = {}
    for r, line in zip(table.rows, table.cells, strict=True):
        for c, cell in zip(table.columns, line, strict=True):
            found[(r, c)] = cell
    for r, cell in zip(table.rows, table.row_totals or (), strict=False):
        found[(r, TOTAL)] = cell
    for c, cell in zip(table.columns, table.column_totals or (), strict=False):
        found[(TOTAL, c)] = cell
    if table.grand_total is not None:
        found[(TOTAL, TOTAL)] = table.grand_total
    return found


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [list(r) for r in rows]
    rank, columns = 0, len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][column] != 0:
                factor = matrix[i][column] / matrix[rank][column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def _hidden_change_found(unknown: list[Position], positions: set[Position]) -> bool:
    """Whether the line sums (each row, column and margin adds up to its total) pin down
    any single unknown difference exactly."""
    lines: dict[tuple[str, str], list[Position]] = {}
    for row, column in positions:
        lines.setdefault(("row", row), []).append((row, column))
        lines.setdefault(("column", column), []).append((row, column))
    index = {p: i for i, p in enumerate(unknown)}
    equations = []
    for (kind, label), members in lines.items():
        total = (label, TOTAL) if kind == "row" else (TOTAL, label)
        if total not in positions or len(members) < 2:
            continue  # a line with no published total constrains nothing
        equation = [Fraction(0)] * len(unknown)
        for member in members:
            if member in index:
                equation[index[member]] += -1 if member == total else 1
        if any(equation):
            equations.append(equation)
    if not equations:
        return False
    rank = _rank(equations)
    for i in index.values():
        unit = [Fraction(int(j == i)) for j in range(len(unknown))]
        if _rank([*equations, unit]) == rank:
            return True
    return False


def safe_change(old: PublishedTable, new: PublishedTable) -> bool:
    """Whether ``new`` may replace ``old`` without revealing the few people between them."""
    rule = new.rule
    before, after = _positions(old), _positions(new)
    positions = set(before) | set(after)
    unknown = []
    for position in sorted(positions):
        was, now = before.get(position), after.get(position)
        if was is None or now is None or not (was.shown and now.shown):
            unknown.append(position)
        elif rule.threshold and 0 < abs(now.value - was.value) < rule.threshold:
            return False
    return rule.threshold == 0 or not _hidden_change_found(unknown, positions)


def revise(fresh: Report, earlier: Sequence[Report]) -> tuple[Report, tuple[str, ...]]:
    """The new version of a month: each table recounted where that is safe against every
    earlier version, otherwise the newest earlier table unchanged. Also returns the ids of
    the tables kept unchanged."""
    latest = earlier[-1]
    tables, kept = [], []
    for table in fresh.tables:
        olds = [r.table(table.id) for r in earlier]
        if table == latest.table(table.id) or all(
            safe_change(old.table, table.table) for old in olds
        ):
            tables.append(table)
        else:
            tables.append(latest.table(table.id))
            kept.append(table.id)
    return replace(fresh, tables=tuple(tables)), tuple(kept)
