"""The Reports page in the app: count the worker's own records off the GUI thread, show the
published tables, and print them through the PDF preview (from memory, like handouts)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from victim_champion.content.report_labels import report_labels
from victim_champion.core.errors import VictimChampionError, message_for
from victim_champion.core.reporting import Report, build_report
from victim_champion.store.profile import OpenStore
from victim_champion.store.repositories.report_fact_repository import read_report_facts
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.controllers.printing_controller import PrintingController
from victim_champion.ui.pages.reports_page import ReportsPage

UNEXPECTED = "The report could not be counted; try again, or restart the app."


class ReportsController(QObject):
    """Connects the Reports page to the store (read-only) and the printer."""

    def __init__(
        self,
        page: ReportsPage,
        work: BackgroundWork,
        printing: PrintingController,
        show_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._page = page
        self._work = work
        self._printing = printing
        self._show_error = show_error
        self._store: OpenStore | None = None
        self._request = 0  # only the newest refresh may reach the page
        page.refresh_requested.connect(self.refresh)
        page.print_requested.connect(self.print_report)

    def attach(self, store: OpenStore) -> None:
        """Unlocked: the report is counted when the page is first shown."""
        self._store = store

    def detach(self) -> None:
        """Locked: forget the store, ignore any count still running, empty the page."""
        self._store = None
        self._request += 1
        self._page.clear()

    def shown(self, visible: bool) -> None:
        """The page came on screen: count the report if there is none yet."""
        if visible and self._page.report is None and self._page.refresh_button.isEnabled():
            self.refresh()

    def refresh(self) -> None:
        """Count the chosen period from this laptop's records, on a worker thread."""
        store = self._store
        if store is None:
            return
        try:
            period = self._page.chosen_period()
        except VictimChampionError as error:
            self._page.show_error(error.message)
            return
        self._request += 1
        request = self._request
        self._page.set_busy(True)
        self._work.run(
            lambda: build_report(read_report_facts(store), period, report_labels()),
            lambda report: self._counted(request, report),
            lambda error: self._failed(request, error),
        )

    def _counted(self, request: int, report: Report) -> None:
        if request == self._request and self._store is not None:
            self._page.show_report(report)

    def _failed(self, request: int, error: BaseException) -> None:
        if request != self._request:
            return
        self._page.set_busy(False)
        self._page.status.setText("")
        self._show_error(message_for(error, UNEXPECTED))

    def print_report(self) -> None:
        """The report on screen as a PDF, previewed from memory (print or save from there)."""
        report = self._page.report
        if report is None:
            return
        # reportlab is imported on first print, not at start-up (it costs ~200 ms).
        from victim_champion.documents.report_document import build_report_pdf

        start, end = report.period.start, report.period.end
        self._printing.preview_document(
            report.title, lambda: build_report_pdf(report), f"report-{start}-to-{end}.pdf"
        )
