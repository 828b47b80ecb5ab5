"""The Reports page on the demo profile, through the real widgets: the store's figures,
small numbers hidden in tables and charts alike, keyboard use, lock, and the PDF."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from tests.ui.test_accessibility import audit
from victim_champion.app import DesktopApp
from victim_champion.core.report_facts import ReportPeriod
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.store.repositories.report_fact_repository import read_report_facts
from victim_champion.ui.pages.reports_page import ReportsPage, preset_period
from victim_champion.ui.widgets.bar_chart import Bar, BarChart

TODAY = date(2026, 11, 21)  # the demo profile's "today" (tests/ui/conftest.py)


def open_reports(qtbot: QtBot, desktop: DesktopApp) -> ReportsPage:
    unlock(qtbot, desktop)
    page = desktop.window.reports
    page.today = lambda: TODAY
    navigation = desktop.window.navigation
    navigation.setCurrentItem(navigation.findItems("Reports", Qt.MatchFlag.MatchExactly)[0])
    assert desktop.window.current_page() is page
    wait_for_report(qtbot, page)
    return page


def wait_for_report(qtbot: QtBot, page: ReportsPage) -> None:
    qtbot.waitUntil(
        lambda: page.report is not None and page.refresh_button.isEnabled(), timeout=10_000
    )


def tab_until(qtbot: QtBot, target: QWidget, presses: int) -> None:
    for _ in range(presses):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return
    raise AssertionError(f"{presses} presses of Tab never reached {target.accessibleName()}")


def row(page: ReportsPage, panel: str, name: str) -> list[str]:
    table = page.panels[panel].table
    names = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    return table.texts()[names.index(name)]


def test_the_page_shows_the_stores_figures_with_small_numbers_hidden(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile
) -> None:
    page = open_reports(qtbot, desktop)
    page.today = lambda: date(2027, 1, 5)  # the demo's quarter has ended
    page.choose("quarter")
    wait_for_report(qtbot, page)
    quarter = ReportPeriod(date(2026, 10, 1), date(2026, 12, 31))
    assert page.status.text() == f"Quarterly data set: {quarter.label}"
    store = demo.profile.open(DEMO_PASSPHRASE)
    try:
        held = [s for s in read_report_facts(store).sessions if quarter.contains(s.day)]
    finally:
        store.close()
    assert page.tiles["sessions"].text() == str(len(held)) == "6"
    # four trainings (one later in November than the demo's today) and two drop-ins
    assert row(page, "sessions-by-district", "Total") == ["4", "2", "6"]
    assert row(page, "sessions-by-month", "Oct 2026") == ["2", "1", "3"]
    # After the course, every module lands but restorative justice for half the room: 7 or
    # 8 of 8, so the mean rounds to 94%.
    assert row(page, "knowledge", "After the course") == ["13", "94%"]
    # Thanet trained 2 people: the table says "<5" and the reach chart draws no bar.
    assert row(page, "attendees-by-district", "Thanet")[-1] == "<5"
    assert row(page, "reach", "Thanet") == ["<5", "0"]
    chart = page.panels["reach"].charts[0]
    bars = {
        bar.label: (bar, length)
        for bar, length in zip(chart.bars, chart.bar_lengths(), strict=True)
    }
    assert bars["Thanet"] == (Bar("Thanet", "<5", None), None)
    shown = [(bar, length) for bar, length in bars.values() if bar.text.isdigit()]
    assert shown and all((length or 0) > 0 for bar, length in shown if bar.text != "0")
    assert all(length is None for bar, length in bars.values() if not bar.text.isdigit())
    assert "Thanet <5" in chart.accessibleDescription()
    assert "Hidden small numbers have no bar" in chart.accessibleDescription()
    assert chart.accessibleName() == "Chart: People trained"


def test_a_hidden_figure_gets_its_label_and_never_a_bar(qapp: QApplication) -> None:
    # qapp: a widget needs the application object, whichever test this worker ran first
    chart = BarChart("People signposted")
    chart.resize(400, 100)
    chart.set_bars([Bar("Ashford", "12", 12), Bar("Dover", "<5", None), Bar("Swale", "0", 0)])
    lengths = chart.bar_lengths()
    assert lengths[1] is None and lengths[2] == 0
    assert (lengths[0] or 0) > 0
    assert (chart.bar_lengths(800)[0] or 0) > (lengths[0] or 0)  # bars scale with the width
    assert chart.summary().startswith("Bar chart, People signposted: Ashford 12; Dover <5")
    chart.clear()
    assert chart.bar_lengths() == [] and "no figures yet" in chart.accessibleDescription()


def test_the_periods_and_the_whole_page_work_by_keyboard(qtbot: QtBot, desktop: DesktopApp) -> None:
    page = open_reports(qtbot, desktop)
    audit(qtbot, desktop.window)  # accessible names everywhere, and Tab reaches every control
    desktop.window.navigation.setFocus(Qt.FocusReason.TabFocusReason)
    tab_until(qtbot, page.period, 2)  # past the page's scroll area
    qtbot.keyClick(page.period, Qt.Key.Key_Down)  # "Last quarter"
    wait_for_report(qtbot, page)
    assert page.status.text() == "Quarterly data set: 1 July 2026 to 30 September 2026"
    tab_until(qtbot, page.print_button, 4)  # the two dates are off until "Another ..."
    page.choose("custom")
    page.start.setDate(page.end.date().addDays(1))
    qtbot.keyClick(page.refresh_button, Qt.Key.Key_Space)
    assert "on or after its start date" in page.error.text() and page.error.isVisible()
    # 1 to 29 September against 1 to 30 September would give away one day: refused.
    page.start.setDate(QDate(2026, 9, 1))
    page.end.setDate(QDate(2026, 9, 29))
    qtbot.keyClick(page.refresh_button, Qt.Key.Key_Space)
    assert "whole published periods only" in page.error.text() and page.error.isVisible()


def test_only_whole_published_periods_are_offered() -> None:
    assert preset_period("month", TODAY) == ReportPeriod(date(2026, 10, 1), date(2026, 10, 31))
    assert preset_period("quarter", date(2026, 2, 3)) == ReportPeriod(
        date(2025, 10, 1), date(2025, 12, 31)
    )
    half = preset_period("half-year", TODAY)
    assert half == ReportPeriod(date(2026, 4, 1), date(2026, 9, 30))
    assert half.title == "Six-monthly audit"
    assert preset_period("half-year", date(2026, 2, 3)) == ReportPeriod(
        date(2025, 4, 1), date(2025, 9, 30)
    )
