"""The Reports page: the worker's own figures for a period, as charts and exact tables.

Every figure is a published cell of core.reporting's tables, so small numbers are hidden
exactly as in the printed report and the hub's. The page shows and forwards; reading the
store and building the report happen in ReportsController, off the GUI thread. It has one
panel per table spec (core/report_tables.py), with the spec's heading and charts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.report_facts import ReportPeriod, last_published
from victim_champion.core.report_tables import TABLES, Bars, TableId
from victim_champion.core.reporting import Report
from victim_champion.core.suppression import Cell
from victim_champion.ui.widgets.form_widgets import button, card, label
from victim_champion.ui.widgets.report_panel import (
    WORDS,
    FigurePanel,
    chart_bars,
    pretty,
    row_total_bars,
)

PERIODS = (
    ("Last month", "month"),
    ("Last quarter", "quarter"),
    ("Last half of the financial year", "half-year"),
    ("Another month, quarter or half-year", "custom"),
)
KEY = (
    "Key: <5 means 1 to 4. [c] means withheld, so that a small number cannot be worked out "
    "from the totals (and percentages or averages based on fewer than 10 people). "
    "Hidden figures have no bar in the charts."
)
# Reach by district is not a table: it sets the district totals of two tables side by side,
# in a section of its own before this table's.
REACH = "reach"
REACH_BEFORE = TableId.SIGNPOSTING_BY_DISTRICT
# The headline figures; each one's caption is the message "report.tile.<name>".
TILES = ("sessions", "trained", "certificates", "signposted", "referred")


def preset_period(choice: str, today: date) -> ReportPeriod:
    """The newest whole published period of a kind: month, quarter or financial half-year.

    Only whole published periods are offered (see ReportPeriod.require_published): a
    "so far" period would subtract from the full one to reveal the days between.
    """
    return last_published(choice, today)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _text(cell: Cell | None) -> str:
    return cell.text if cell is not None else "[c]"


class ReportsPage(QWidget):
    """Period chooser, headline figures, and one panel per published table."""

    refresh_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today: Callable[[], date] = date.today
        self.report: Report | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label("Reports", "heading"))
        layout.addWidget(
            label(
                "Figures from your own records on this laptop, with small numbers hidden "
                "so that nobody can be picked out.",
                "hint",
            )
        )
        controls = QHBoxLayout()
        self.period = QComboBox()
        self.period.setAccessibleName("Report period")
        for text, key in PERIODS:
            self.period.addItem(text, key)
        self.start = _date_edit("Report from (first day)")
        self.end = _date_edit("Report to (last day)")
        self.refresh_button = button("Refresh", "Refresh the report")
        self.print_button = button(
            "Print or save PDF\u2026", "Print or save the report as a PDF", role="primary"
        )
        for caption, widget in (("Period", self.period), ("From", self.start), ("To", self.end)):
            name = QLabel(caption)
            name.setBuddy(widget)
            controls.addWidget(name)
            controls.addWidget(widget)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.status = label("", "subheading")
        self.status.setAccessibleDescription("Report period shown")
        showing = QHBoxLayout()
        showing.addWidget(self.status, 1)
        showing.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(showing)
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(label(KEY, "hint"))
        self.tiles = self._tiles(layout)
        self.panels: dict[str, FigurePanel] = {}
        for spec in TABLES:
            if spec.id == REACH_BEFORE:
                layout.addWidget(label(WORDS("report.section.reach"), "heading"))
                charts = [WORDS("report.reach.trained"), WORDS("report.reach.signposted")]
                self.panels[REACH] = FigurePanel(WORDS("report.reach.panel"), charts, stacked=True)
                layout.addWidget(self.panels[REACH])
            if spec.section_key:
                layout.addWidget(label(WORDS(spec.section_key), "heading"))
            charts = [WORDS(chart.key) for chart in spec.screen_charts]
            self.panels[spec.id] = FigurePanel(WORDS(spec.panel_key), charts, stacked=spec.wide)
            layout.addWidget(self.panels[spec.id])
        layout.addStretch(1)
        self.period.currentIndexChanged.connect(self._on_period_chosen)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.print_button.clicked.connect(self.print_requested)
        chain = [self.period, self.start, self.end, self.refresh_button, self.print_button]
        chain += [panel.table for panel in self.panels.values()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._on_period_chosen()
        self.clear()

    def _tiles(self, layout: QVBoxLayout) -> dict[str, QLabel]:
        row = QGridLayout()
        row.setHorizontalSpacing(12)
        numbers = {}
        for column, key in enumerate(TILES):
            tile = card(self)
            inner = QVBoxLayout(tile)
            inner.setContentsMargins(16, 10, 16, 10)
            number = label("", "heading")
            number.setAlignment(Qt.AlignmentFlag.AlignLeft)
            inner.addWidget(number)
            inner.addWidget(label(WORDS(f"report.tile.{key}"), "hint"))
            numbers[key] = number
            row.addWidget(tile, 0, column)
        layout.addLayout(row)
        return numbers

    # -- the period -----------------------------------------------------------------------

    def _on_period_chosen(self) -> None:
        choice = str(self.period.currentData())
        custom = choice == "custom"
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            period = preset_period(choice, self.today())
            self.start.setDate(_qdate(period.start))
            self.end.setDate(_qdate(period.end))
            self.refresh_requested.emit()

    def choose(self, key: str) -> None:
        """Pick a named period (as if chosen from the list)."""
        self.period.setCurrentIndex(self.period.findData(key))

    def chosen_period(self) -> ReportPeriod:
        """The period on screen; raises InvalidInputError if the dates are back to front."""
        choice = str(self.period.currentData())
        if choice != "custom":
            return preset_period(choice, self.today())
        return ReportPeriod(_day(self.start.date()), _day(self.end.date())).require_published()

    # -- showing --------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """While counting: no second refresh, and nothing to print yet."""
        self.refresh_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy and self.report is not None)
        if busy:
            self.status.setText("Counting\u2026")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def show_report(self, report: Report) -> None:
        """Every panel from the report's published tables."""
        self.report = report
        self.set_busy(False)
        self.show_error("")
        self.status.setText(f"{report.title}: {report.period.label}")
        table = report.table
        sessions, attendees = (
            table(TableId.SESSIONS_BY_DISTRICT),
            table(TableId.ATTENDEES_BY_DISTRICT),
        )
        places, referrals = table(TableId.SIGNPOSTING_BY_DISTRICT), table(TableId.REFERRALS)
        figures = {
            "sessions": _text(sessions.table.grand_total),
            "trained": _text(attendees.table.grand_total),
            "certificates": _text((attendees.table.column_totals or (None,))[0]),
            "signposted": _text(places.table.grand_total),
            "referred": _text(referrals.table.grand_total),
        }
        for key, number in self.tiles.items():
            number.setText(figures[key])
        for spec in TABLES:
            shown = table(spec.id)
            bars = [chart_bars(shown, chart.bars) for chart in spec.screen_charts]
            percentages = any(chart.bars is Bars.DERIVED for chart in spec.screen_charts)
            self.panels[spec.id].show_table(shown, bars, maximum=100 if percentages else None)
        self._show_reach(report)

    def _show_reach(self, report: Report) -> None:
        """The district totals of the training and Compass Point tables, side by side."""
        trained = report.table(TableId.ATTENDEES_BY_DISTRICT)
        signposted = report.table(TableId.SIGNPOSTING_BY_DISTRICT)
        rows = [pretty(r) for r in trained.table.rows]
        first = trained.table.row_totals or ()
        second = signposted.table.row_totals or ()
        grid = [[a.text, b.text] for a, b in zip(first, second, strict=True)]
        self.panels[REACH].show_figures(
            WORDS("report.reach.caption"),
            [WORDS("report.reach.trained"), WORDS("report.reach.signposted")],
            rows,
            grid,
            [row_total_bars(trained), row_total_bars(signposted)],
        )

    def clear(self) -> None:
        """Drop the report and every figure on screen (lock, quick exit)."""
        self.report = None
        self.status.setText("")
        self.show_error("")
        for number in self.tiles.values():
            number.setText("")
        for panel in self.panels.values():
            panel.clear()
        self.set_busy(False)
