"""The performance report as a PDF: each published table with a bar chart where a chart
helps. Charts draw only shown values; a hidden cell gets no bar, just its label.

Every table's title, caption, chart and derived heading come from its spec
(core/report_tables.py) through the message catalogue, as do the builder's own words;
the row and column names come with the report (core.reporting) and are data here.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.report_tables import Bars
from victim_champion.core.reporting import Report, ReportTable
from victim_champion.core.suppression import Cell
from victim_champion.documents.fonts import BOLD, REGULAR
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.house_style import (
    INK,
    MUTED,
    NAVY,
    PALE,
    RULE,
    Styles,
    escape,
    styles,
    table_style,
)

CHART_WIDTH = 170 * mm


def build_report_pdf(report: Report, language: str = DEFAULT_LANGUAGE) -> bytes:
    """PDF bytes for the report (nothing touches the disk)."""
    words = messages(language)
    style = styles(large_print=False)
    key = words.markup("report.key", less_than_five="<b>&lt;5</b>", withheld="<b>[c]</b>")
    story: list[Flowable] = [
        title_band(escape(report.title), style, escape(report.period.label)),
        Spacer(1, 4 * mm),
        Paragraph(words.markup("report.audience", audience=escape(report.audience)), style.callout),
        Paragraph(key, style.small),
        Paragraph(words.markup("report.unreadable", count=report.unreadable_records), style.small),
    ]
    if report.edition:  # which frozen version of the period this is, from the hub
        story.append(Paragraph(escape(report.edition), style.small))
    for table in report.tables:
        story += _section(table, style, words)
    return build_handout(
        story,
        title=words.text("report.document_title", title=report.title),
        footer=words.text("report.footer", title=report.title, period=report.period.label),
        style=style,
        discreet=False,
        language=language,
    )


def _section(table: ReportTable, style: Styles, words: Messages) -> list[Flowable]:
    spec = table.spec
    head: list[Flowable] = [
        Paragraph(escape(words.text(spec.title_key)), style.heading),
        Paragraph(escape(words.text(spec.caption_key)), style.small),
        Spacer(1, 2 * mm),
    ]
    if table.table.withheld:
        return [
            KeepTogether(
                [
                    *head,
                    Paragraph(words.markup("report.withheld"), style.body),
                ]
            )
        ]
    parts: list[Flowable] = []
    if spec.printed_chart is not None:
        bars = _chart_cells(table, spec.printed_chart, words)
        if any(cell.chart_value for _, cell in bars):
            parts.append(bar_chart(bars, words.text(spec.chart_key)))
            parts.append(Spacer(1, 2 * mm))
    derived = words.text(spec.derived_key) if spec.derived is not None else ""
    parts.append(_grid(table, style, words, derived))
    return [KeepTogether(head + parts[:1]), *parts[1:]] if parts else head


def _chart_cells(table: ReportTable, kind: Bars, words: Messages) -> list[tuple[str, Cell]]:
    published = table.table
    rows = [table.spec.label(row, words.text) for row in published.rows]
    if kind is Bars.ROW_TOTALS and published.row_totals is not None:
        return list(zip(rows, published.row_totals, strict=True))
    return [(row, line[0]) for row, line in zip(rows, published.cells, strict=True)]


def bar_chart(bars: Sequence[tuple[str, Cell]], caption: str) -> Drawing:
    """Horizontal bars, longest scale first; a hidden value draws no bar and prints its
    label where the bar would start."""
    row_height = 5.2 * mm
    height = row_height * len(bars) + 16 * mm
    drawing = Drawing(CHART_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 55 * mm, 8 * mm
    chart.width, chart.height = CHART_WIDTH - 70 * mm, row_height * len(bars)
    # The chart reads bottom-up; reverse so the first row is at the top, as in the table.
    ordered = list(reversed(bars))
    chart.data = [[cell.chart_value or 0 for _, cell in ordered]]
    chart.categoryAxis.categoryNames = [name[:34] for name, _ in ordered]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    chart.bars[0].fillColor = NAVY
    chart.bars[0].strokeColor = None
    # Each bar is labelled with exactly its printed text: "<5" or "[c]" for a hidden one.
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[cell.text for _, cell in ordered]]
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 8
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    drawing.add(String(0, height - 5 * mm, caption, fontName=BOLD, fontSize=9, fillColor=NAVY))
    return drawing


def _grid(table: ReportTable, style: Styles, words: Messages, derived: str) -> Table:
    published = table.table
    total = words.text("report.total")
    label = table.spec.label
    cell_style = style.small.clone("cell", textColor=INK, fontSize=8.5, leading=10.5)
    head_style = cell_style.clone("head", fontName=BOLD)
    number_head = head_style.clone("number-head", alignment=TA_RIGHT)
    header = ["", *(label(column, words.text) for column in published.columns)]
    if published.row_totals is not None:
        header.append(total)
    if derived:
        header.append(derived)
    rows: list[list[object]] = [
        [Paragraph(escape(h), head_style if i == 0 else number_head) for i, h in enumerate(header)]
    ]
    for index, (name, line) in enumerate(zip(published.rows, published.cells, strict=True)):
        name = label(name, words.text)
        row: list[object] = [Paragraph(escape(name), cell_style), *(c.text for c in line)]
        if published.row_totals is not None:
            row.append(published.row_totals[index].text)
        if table.extra:
            row.append(table.extra[index])
        rows.append(row)
    if published.column_totals is not None:
        total_row: list[object] = [Paragraph(escape(total), head_style)]
        total_row += [c.text for c in published.column_totals]
        if published.row_totals is not None:
            total_row.append(published.grand_total.text if published.grand_total else "")
        if table.extra:
            total_row.append("")
        rows.append(total_row)
    label_width = 58 * mm
    other = (CHART_WIDTH - label_width) / max(1, len(header) - 1)
    grid = Table(rows, colWidths=[label_width] + [other] * (len(header) - 1), repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), PALE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    if published.column_totals is not None:
        commands += [
            ("FONTNAME", (1, -1), (-1, -1), BOLD),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, NAVY),
        ]
    if published.row_totals is not None:
        column = len(published.columns) + 1
        commands.append(("FONTNAME", (column, 1), (column, -1), BOLD))
    grid.setStyle(table_style(*commands))
    return grid
