"""The Reports page in the app: count the worker's own records off the GUI thread, show the
published tables, and print them through the PDF preview (from memory, like handouts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from victim_champion.core.errors import VictimChampionError, message_for
from victim_champion.core.events import RecordsChanged
from victim_champion.core.reporting import Report
from victim_champion.operations.report_building import count_report, report_pdf
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.controllers.page_context import PageContext

if TYPE_CHECKING:
    from victim_champion.ui.pages.reports_page import ReportsPage

UNEXPECTED = "The report could not be counted; try again, or restart the app."


class ReportsController(QObject):
    """Connects the Reports page to the report operations (read-only) and the printer."""

    def __init__(self, context: PageContext[ReportsPage]) -> None:
        super().__init__()
        self._page = page = context.page
        self._work = context.work
        self._printing = context.printing
        self._show_error = context.show_error
        self._workspace: Workspace | None = None
        self._visible = False
        self._request = 0  # only the newest refresh may reach the page
        page.refresh_requested.connect(self.refresh)
        page.print_requested.connect(self.print_report)
        context.events.on(RecordsChanged, self._on_records_changed)

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: the report is counted when the page is first shown."""
        self._workspace = workspace

    def detach(self) -> None:
        """Locked: forget the workspace, ignore any count still running, empty the page."""
        self._workspace = None
        self._request += 1
        self._page.clear()

    def shown(self, visible: bool) -> None:
        """The page came on screen: count the report if there is none yet."""
        self._visible = visible
        if visible and self._page.report is None and self._page.refresh_button.isEnabled():
            self.refresh()

    def refresh(self) -> None:
        """Count the chosen period from this laptop's records, on a worker thread."""
        workspace = self._workspace
        if workspace is None:
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
            lambda: count_report(workspace, period),
            lambda report: self._counted(request, report),
            lambda error: self._failed(request, error),
        )

    def _on_records_changed(self, _event: RecordsChanged) -> None:
        """Records changed (here or by a sync): count again if a report is on show."""
        if self._visible and self._page.report is not None:
            self.refresh()

    def _counted(self, request: int, report: Report) -> None:
        if request == self._request and self._workspace is not None:
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
        start, end = report.period.start, report.period.end
        self._printing.preview_document(
            report.title, lambda: report_pdf(report), f"report-{start}-to-{end}.pdf"
        )
