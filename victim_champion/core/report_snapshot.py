"""A published report as plain JSON, so that the hub can freeze it and serve it again
exactly as it was: the dashboard, the CSV and the PDF of a published period are all read
from this one stored copy, never recounted.

The copy keeps each hidden cell's true value, because the hub needs it to combine months
into a quarter; it never leaves the hub: every view prints ``Cell.text``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from victim_champion.core.report_facts import ReportPeriod
from victim_champion.core.report_tables import table_spec
from victim_champion.core.reporting import Report, ReportTable
from victim_champion.core.suppression import Cell, CellState, PublishedTable, SuppressionRule

FORMAT = 2  # 2: fixed rows and columns as ids ("awaiting-outcome"), words from the spec
# Format 1 printed fixed rows and columns in English. Reading one, each becomes its id, so
# a month published then still adds up with a month published now. This is a record of
# what was stored, not a declaration: the words themselves are the catalogue's.
FORMAT_1_LABELS = {
    "Training": "training",
    "Drop-in": "drop-in",
    "Completed, certificate issued": "certified",
    "Completed, certificate due": "completed",
    "Did not complete": "attended",
    "Before the course": "pre",
    "After the course": "post",
    "Knowledge checks": "checks",
    "Useful": "usefulness",
    "Clear": "clarity",
    "Confident to act": "confidence",
    "Overall": "overall",
    **{f"Rated {n}": f"rated-{n}" for n in range(1, 6)},
    "People who named it": "named",
    "People signposted": "signposted",
    "Awaiting outcome": "awaiting-outcome",
    "Contacted": "contacted",
    "Supported": "supported",
    "Declined": "declined",
    "Could not contact": "could-not-contact",
    "Other outcome": "other-outcome",
}


def _cell(cell: Cell) -> list[Any]:
    return [cell.value, cell.state.value]


def _cells(cells: tuple[Cell, ...] | None) -> list[list[Any]] | None:
    return None if cells is None else [_cell(c) for c in cells]


def _table(table: ReportTable) -> dict[str, Any]:
    published = table.table
    rule = published.rule
    return {
        "id": str(table.id),
        "extra": list(table.extra),
        "extra_values": list(table.extra_values),
        "row_keys": list(table.row_keys),
        "rule": [rule.name, rule.threshold, rule.min_base],
        "rows": list(published.rows),
        "columns": list(published.columns),
        "cells": [_cells(line) for line in published.cells],
        "row_totals": _cells(published.row_totals),
        "column_totals": _cells(published.column_totals),
        "grand_total": None if published.grand_total is None else _cell(published.grand_total),
        "withheld": published.withheld,
    }


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "title": report.title,
        "period": [report.period.start.isoformat(), report.period.end.isoformat()],
        "audience": report.audience,
        "unreadable": report.unreadable_records,
        "edition": report.edition,
        "tables": [_table(t) for t in report.tables],
    }


def _read_cells(data: list[list[Any]] | None, rule: SuppressionRule) -> tuple[Cell, ...] | None:
    if data is None:
        return None
    return tuple(Cell(int(value), CellState(state), rule) for value, state in data)


def _ids(labels: list[str], fixed: tuple[str, ...], old: bool) -> tuple[str, ...]:
    """Format 1's English for a fixed row or column, as its id."""
    if not (old and fixed):
        return tuple(labels)
    return tuple(FORMAT_1_LABELS.get(label, label) for label in labels)


def _read_table(data: dict[str, Any], old: bool) -> ReportTable:
    spec = table_spec(data["id"])
    name, threshold, min_base = data["rule"]
    rule = SuppressionRule(name, threshold=threshold, min_base=min_base)
    grand = data["grand_total"]
    published = PublishedTable(
        rows=_ids(data["rows"], spec.rows, old),
        columns=_ids(data["columns"], spec.columns, old),
        cells=tuple(_read_cells(line, rule) or () for line in data["cells"]),
        row_totals=_read_cells(data["row_totals"], rule),
        column_totals=_read_cells(data["column_totals"], rule),
        grand_total=None if grand is None else Cell(int(grand[0]), CellState(grand[1]), rule),
        rule=rule,
        withheld=bool(data["withheld"]),
    )
    # Copies stored before the table specs also hold "data_set", "title", "note" and
    # "extra_heading": the spec gives them now (core/report_tables.py), so they are not read.
    return ReportTable(
        spec.id,
        published,
        tuple(data["extra"]),
        tuple(data["row_keys"]),
        tuple(data["extra_values"]),
    )


def report_from_json(data: dict[str, Any]) -> Report:
    if data.get("format") not in (1, FORMAT):
        raise ValueError("a published report in a format this hub does not know")
    start, end = data["period"]
    return Report(
        data["title"],
        ReportPeriod(date.fromisoformat(start), date.fromisoformat(end)),
        data["audience"],
        tuple(_read_table(t, data["format"] == 1) for t in data["tables"]),
        int(data["unreadable"]),
        data["edition"],
    )
