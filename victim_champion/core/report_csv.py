"""The report as CSV: one line per published figure, in long form, so that a partner's
spreadsheet can filter and pivot it. Values are exactly the printed text ("<5", "[c]").
Every cell goes through ``SafeCsvWriter`` (core/spreadsheet_cells.py), so a label that
begins like a formula is shown as text, never run.

The words in it (a derived column's heading, "Total") are the catalogue's: ``words`` looks
a message key up (content/report_labels.report_words for English)."""

from __future__ import annotations

import io

from victim_champion.core.report_tables import TableSpec, Words
from victim_champion.core.reporting import Report
from victim_champion.core.spreadsheet_cells import SafeCsvWriter

HEADER = ("period_from", "period_to", "data_set", "table", "row", "column", "value")


def report_csv(report: Report, words: Words) -> str:
    """CSV text with a header row; totals appear as the row or column "Total"."""
    total = words("report.total")
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(HEADER)
    start, end = report.period.start.isoformat(), report.period.end.isoformat()
    for table in report.tables:
        published = table.table
        where = (start, end, table.data_set, str(table.id))

        def line(
            row: str,
            column: str,
            value: str,
            where: tuple[str, ...] = where,
            spec: TableSpec = table.spec,
        ) -> None:
            label = spec.label  # a fixed row or column's words; a district as it is
            writer.writerow((*where, label(row, words), label(column, words), value))

        if published.withheld:
            line("", "", "withheld")
            continue
        for index, (row, cells) in enumerate(zip(published.rows, published.cells, strict=True)):
            for column, cell in zip(published.columns, cells, strict=True):
                line(row, column, cell.text)
            if published.row_totals is not None:
                line(row, total, published.row_totals[index].text)
            if table.extra:
                line(row, words(table.spec.derived_key), table.extra[index])
        for column, cell in zip(published.columns, published.column_totals or (), strict=False):
            line(total, column, cell.text)
        if published.grand_total is not None:
            line(total, total, published.grand_total.text)
    if report.edition:
        writer.writerow((start, end, "all", "edition", "Published", "Version", report.edition))
    # Records received but not readable are in no table above; the count says so.
    unreadable = ("Records that could not be read", "Total", str(report.unreadable_records))
    writer.writerow((start, end, "all", "records-not-read", *unreadable))
    return out.getvalue()
