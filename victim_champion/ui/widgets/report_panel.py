"""One figure on the Reports page: a heading, a note, its charts and the exact table.

Everything shown comes from the published cells (``Cell.text``); charts take
``Cell.chart_value``, which is None for a hidden cell, so a hidden count never has a bar.
A table's caption, charts and headings are its spec's (core/report_tables.py), in words
from the message catalogue.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from victim_champion.content.report_labels import report_words
from victim_champion.core.report_tables import Bars
from victim_champion.core.reporting import ReportTable
from victim_champion.core.suppression import Cell
from victim_champion.ui.widgets.bar_chart import Bar, BarChart
from victim_champion.ui.widgets.form_widgets import card, label

WORDS = report_words()
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def pretty(heading: str) -> str:
    """A month id ("2026-10") as "Oct 2026"; anything else as it is."""
    year, _, month = heading.partition("-")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    return heading


def _two_lines(heading: str) -> str:
    """Long column headings wrap onto two lines, so tables stay narrow."""
    if len(heading) <= 9 or " " not in heading:
        return heading
    middle = len(heading) // 2
    spaces = [i for i, ch in enumerate(heading) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return heading[:cut] + "\n" + heading[cut + 1 :]


ROW_LABEL_WIDTH = 24  # characters: a long service name wraps, so no table scrolls sideways


def _wrapped(label: str) -> str:
    """A long row label (a service's name) on as many lines as it needs."""
    return "\n".join(textwrap.wrap(label, ROW_LABEL_WIDTH)) or label


def named(table: ReportTable, text: str) -> str:
    """A row or column label as shown: a fixed one in words, a month as "Oct 2026"."""
    return pretty(table.spec.label(text, WORDS))


def cell_bar(name: str, cell: Cell) -> Bar:
    return Bar(name, cell.text, cell.chart_value)


def row_total_bars(table: ReportTable) -> list[Bar]:
    """One bar per row: the row's published total."""
    published = table.table
    totals = published.row_totals or ()
    return [cell_bar(named(table, r), c) for r, c in zip(published.rows, totals, strict=True)]


def column_total_bars(table: ReportTable) -> list[Bar]:
    """One bar per column: the column's published total."""
    published = table.table
    totals = published.column_totals or ()
    return [cell_bar(named(table, c), t) for c, t in zip(published.columns, totals, strict=True)]


def first_column_bars(table: ReportTable) -> list[Bar]:
    """One bar per row of a list table (its only column)."""
    published = table.table
    return [
        cell_bar(named(table, r), line[0])
        for r, line in zip(published.rows, published.cells, strict=True)
    ]


def extra_bars(table: ReportTable) -> list[Bar]:
    """The derived column (a percentage or average, already safe): "[c]" has no bar."""
    bars = []
    for row, text in zip(table.table.rows, table.extra, strict=True):
        value = float(text[:-1]) if text.endswith("%") else None
        bars.append(Bar(named(table, row), text, value))
    return bars


def chart_bars(table: ReportTable, kind: Bars) -> list[Bar]:
    """The bars of a chart the spec names."""
    return {
        Bars.ROW_TOTALS: row_total_bars,
        Bars.COLUMN_TOTALS: column_total_bars,
        Bars.FIRST_COLUMN: first_column_bars,
        Bars.DERIVED: extra_bars,
    }[kind](table)


def table_grid(table: ReportTable) -> tuple[list[str], list[str], list[list[str]]]:
    """(column headings, row labels, texts) exactly as published, with totals."""
    published = table.table
    total = WORDS("report.total")
    headings = [named(table, c) for c in published.columns]
    if published.row_totals:
        headings.append(total)
    if table.extra:
        headings.append(WORDS(table.spec.derived_key))
    rows = [named(table, r) for r in published.rows]
    grid = []
    for index, line in enumerate(published.cells):
        texts = [cell.text for cell in line]
        if published.row_totals:
            texts.append(published.row_totals[index].text)
        if table.extra:
            texts.append(table.extra[index])
        grid.append(texts)
    if published.column_totals:
        rows.append(total)
        totals = [cell.text for cell in published.column_totals]
        if published.row_totals:
            totals.append(published.grand_total.text if published.grand_total else "")
        grid.append(totals + ([""] if table.extra else []))
    return headings, rows, grid


class FigureTable(QTableWidget):
    """A read-only table of published figures, as tall as its rows (the page scrolls)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setAccessibleName(f"Table: {title}")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves on to the next control, arrows move cells
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setWordWrap(False)
        self.show_grid([], [], [])

    def show_grid(
        self, headings: Sequence[str], rows: Sequence[str], grid: list[list[str]]
    ) -> None:
        self.clear()
        self.setColumnCount(len(headings))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels([_two_lines(h) for h in headings])
        self.setVerticalHeaderLabels([_wrapped(r) for r in rows])
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, line in enumerate(grid):
            for c, text in enumerate(line):
                item = QTableWidgetItem(text)
                item.setTextAlignment(right)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.setItem(r, c, item)
        self.resizeColumnsToContents()
        self.resizeRowsToContents()
        self._fit_height()

    def _fit_height(self) -> None:
        """Every row on show; room for the scroll bar only when the columns overflow."""
        header = self.horizontalHeader()
        height = header.sizeHint().height() if self.columnCount() else 0
        height += self.verticalHeader().length() + 2 * self.frameWidth()
        wide = self.verticalHeader().width() + header.length() + 2 * self.frameWidth()
        if wide > self.width():
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def texts(self) -> list[list[str]]:
        """What the table shows, cell by cell (for tests and checks)."""
        return [
            [item.text() if (item := self.item(r, c)) else "" for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


class FigurePanel(QWidget):
    """A card: heading and note, then the charts and the table with every figure, either
    side by side (charts in a column on the left) or stacked (charts in a row above)."""

    def __init__(self, title: str, charts: Sequence[str] = (), *, stacked: bool = False) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame = card(self)
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = label(title, "subheading")
        self.note = label("", "hint")
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        self.charts = [BarChart(name) for name in charts]
        body = QVBoxLayout() if stacked else QHBoxLayout()
        chart_box = QHBoxLayout() if stacked else QVBoxLayout()
        for chart in self.charts:
            column = QVBoxLayout()
            column.addWidget(label(chart.title, "hint"))
            column.addWidget(chart)
            column.addStretch(1)
            chart_box.addLayout(column, 1)
        body.addLayout(chart_box, 1)
        self.table = FigureTable(title)
        align = Qt.AlignmentFlag.AlignLeft if stacked else Qt.AlignmentFlag.AlignRight
        body.addWidget(self.table, 0, align | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body)

    def show_table(
        self, table: ReportTable, bars: Sequence[Sequence[Bar]] = (), maximum: float | None = None
    ) -> None:
        """The published table, and each chart's bars (in the order the charts were named)."""
        self.show_figures(WORDS(table.spec.caption_key), *table_grid(table), bars, maximum)

    def show_figures(
        self,
        note: str,
        headings: Sequence[str],
        rows: Sequence[str],
        grid: list[list[str]],
        bars: Sequence[Sequence[Bar]] = (),
        maximum: float | None = None,
    ) -> None:
        """Figures already published elsewhere, laid out afresh (reach by district)."""
        self.note.setText(note)
        self.table.setAccessibleDescription(note)
        self.table.show_grid(headings, rows, grid)
        for chart, chart_bars in zip(self.charts, bars, strict=True):
            chart.set_bars(chart_bars, maximum)

    def clear(self) -> None:
        """Drop the figures (lock, quick exit)."""
        self.note.setText("")
        self.table.show_grid([], [], [])
        for chart in self.charts:
            chart.clear()
