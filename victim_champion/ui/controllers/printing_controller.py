"""Certificates and handouts from the app: built off the GUI thread, previewed from memory.

A batch of certificates shows progress and can be cancelled; a lock or quick exit
cancels it (BackgroundWork.cancel_all) and closes the preview like any other dialog.
What is printed, and from which content, is decided once in operations.printing, which
the command line calls too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from victim_champion.core.errors import message_for
from victim_champion.operations.languages import DEFAULT_LANGUAGE
from victim_champion.ui.background_work import BackgroundWork, Progress
from victim_champion.ui.dialogs.batch_progress_dialog import BatchProgressDialog
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from victim_champion.ui.dialogs.safe_dialog import SafeDialog

if TYPE_CHECKING:
    from victim_champion.operations.workspace import Workspace

UNEXPECTED = "The document could not be made; try again, or restart the app."
# operations.printing (and through it reportlab, ~200 ms to import) loads on first use,
# not at start-up.
HANDOUT_TITLES = {"rights": "Rights handout", "directory": "Local support handout"}


class PrintingController(QObject):
    """Turns requests from the pages into PDFs and preview dialogs."""

    def __init__(
        self,
        work: BackgroundWork,
        parent_window: QWidget,
        quick_exit: Callable[[], None],
        show_error: Callable[[str], None],
        language: str | None = None,
    ) -> None:
        super().__init__()
        self._work = work
        self._window = parent_window
        self._quick_exit = quick_exit
        self._show_error = show_error
        # The language of everything printed: given, or the window's (set by app.py from
        # VC_LANGUAGE), or English.
        self.language = language or str(getattr(parent_window, "language", DEFAULT_LANGUAGE))
        self.preview: PdfPreviewDialog | None = None
        self.progress: BatchProgressDialog | None = None

    def print_certificates(
        self, workspace: Workspace, session_id: str, course: str, attendee_id: str | None = None
    ) -> None:
        """Issue and lay out certificates for the session's completers (or reprint one
        person's), with progress."""
        from victim_champion.operations.printing import print_certificates

        language = self.language

        def build(progress: Progress) -> bytes:  # runs on a worker thread
            return print_certificates(
                workspace,
                session_id,
                course_name=course,
                language=language,
                progress=progress.report,
                attendee_id=attendee_id,
            ).pdf

        self.progress = BatchProgressDialog(
            "Preparing certificates", self._quick_exit, self._window
        )
        self._adopt(self.progress)
        batch = self._work.run_batch(
            build,
            self.progress.show_progress,
            lambda pdf: self._show("Certificates", pdf, "certificates.pdf"),
            self._failed,
        )
        self.progress.cancel_button.clicked.connect(batch.cancel)
        self.progress.open()

    def preview_handout(
        self, kind: str, district_id: str, large_print: bool, discreet: bool
    ) -> None:
        """Build a public handout ("rights" or "directory", as the page names them) and
        preview it."""
        from victim_champion.operations.printing import HandoutKind, HandoutOptions, print_handout
        from victim_champion.operations.web_pages import handout_web_page

        handout = HandoutKind(kind)
        options = HandoutOptions(district_id, large_print, discreet, self.language)
        self.preview_document(
            HANDOUT_TITLES[handout],
            lambda: print_handout(handout, options),  # runs on a worker thread
            f"{handout}-handout.pdf",
            lambda: handout_web_page(handout, options),
        )

    def preview_document(
        self,
        title: str,
        build: Callable[[], bytes],
        suggested_name: str,
        web_page: Callable[[], str] | None = None,
    ) -> None:
        """Build any document off the GUI thread and preview it from memory (with its
        accessible web-page twin, when it has one)."""
        self._work.run(
            build, lambda pdf: self._show(title, pdf, suggested_name, web_page), self._failed
        )

    def _show(
        self,
        title: str,
        pdf: bytes,
        suggested_name: str,
        web_page: Callable[[], str] | None = None,
    ) -> None:
        self._close_progress()
        self.preview = PdfPreviewDialog(
            title, pdf, suggested_name, self._quick_exit, self._window, web_page
        )
        self._adopt(self.preview)
        self.preview.open()

    def _failed(self, error: BaseException) -> None:
        from victim_champion.operations.printing import PrintCancelled

        self._close_progress()
        if isinstance(error, PrintCancelled):
            return
        self._show_error(message_for(error, UNEXPECTED))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.accept()

    def _adopt(self, dialog: SafeDialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(lambda: self._forget(dialog))

    def _forget(self, dialog: object) -> None:
        if self.preview is dialog:
            self.preview = None
        if self.progress is dialog:
            self.progress = None
