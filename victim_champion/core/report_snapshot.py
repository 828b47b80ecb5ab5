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
from victim_champion.core.report_tables import TableId
from victim_champion.core.reporting import Report, ReportTable
from victim_champion.core.suppression import Cell, CellState, PublishedTable, SuppressionRule

FORMAT = 1


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


def _read_table(data: dict[str, Any]) -> ReportTable:
    name, threshold, min_base = data["rule"]
    rule = SuppressionRule(name, threshold=threshold, min_base=min_base)
    grand = data["grand_total"]
    published = PublishedTable(
        rows=tuple(data["rows"]),
        columns=tuple(data["columns"]),
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
        TableId(data["id"]),
        published,
        tuple(data["extra"]),
        tuple(data["row_keys"]),
        tuple(data["extra_values"]),
    )


def report_from_json(data: dict[str, Any]) -> Report:
    if data.get("format") != FORMAT:
        raise ValueError("a published report in a format this hub does not know")
    start, end = data["period"]
    return Report(
        data["title"],
        ReportPeriod(date.fromisoformat(start), date.fromisoformat(end)),
        data["audience"],
        tuple(_read_table(t) for t in data["tables"]),
        int(data["unreadable"]),
        data["edition"],
    )
