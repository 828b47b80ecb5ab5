"""Certificates and handouts from the app: built off the GUI thread, previewed from memory.

A batch of certificates shows progress and can be cancelled; a lock or quick exit
cancels it (BackgroundWork.cancel_all) and closes the preview like any other dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.certificates import UNENROLLED_VERIFY_BASE
from victim_champion.core.directory import grouped_by_need
from victim_champion.core.errors import message_for
from victim_champion.store.profile import OpenStore
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer
from victim_champion.ui.background_work import BackgroundWork, Progress
from victim_champion.ui.dialogs.batch_progress_dialog import BatchProgressDialog
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from victim_champion.ui.dialogs.safe_dialog import SafeDialog

UNEXPECTED = "The document could not be made; try again, or restart the app."
# The document builders (reportlab, ~200 ms to import) load on first use, not at start-up.


class PrintingController(QObject):
    """Turns requests from the pages into PDFs and preview dialogs."""

    def __init__(
        self,
        work: BackgroundWork,
        parent_window: QWidget,
        quick_exit: Callable[[], None],
        show_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._work = work
        self._window = parent_window
        self._quick_exit = quick_exit
        self._show_error = show_error
        self.preview: PdfPreviewDialog | None = None
        self.progress: BatchProgressDialog | None = None

    def print_certificates(self, store: OpenStore, session_id: str, course: str) -> None:
        """Issue and lay out certificates for the session's completers, with progress."""
        names = {d.id: d.name for d in load_districts().districts}

        from victim_champion.documents.certificate_document import build_certificates

        def build(progress: Progress) -> bytes:  # runs on a worker thread
            certificates = CertificateIssuer(store).issue_for_session(session_id, course, names)
            return build_certificates(certificates, UNENROLLED_VERIFY_BASE, progress.report)

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
        """Build a public handout and preview it."""

        from victim_champion.documents.directory_handout import build_directory_handout
        from victim_champion.documents.rights_handout import build_rights_handout

        def build() -> bytes:  # runs on a worker thread
            if kind == "rights":
                return build_rights_handout(
                    load_victims_code(), large_print=large_print, discreet=discreet
                )
            district = load_districts().resolve(district_id)
            groups = grouped_by_need(load_directory(), load_needs(), district.id)
            return build_directory_handout(
                groups,
                district_name=district.name,
                sample=any(not s.is_verified for _, group in groups for s in group),
                large_print=large_print,
                discreet=discreet,
            )

        title = "Rights handout" if kind == "rights" else "Local support handout"
        self.preview_document(title, build, f"{kind}-handout.pdf")

    def preview_document(self, title: str, build: Callable[[], bytes], suggested_name: str) -> None:
        """Build any document off the GUI thread and preview it from memory."""
        self._work.run(build, lambda pdf: self._show(title, pdf, suggested_name), self._failed)

    def _show(self, title: str, pdf: bytes, suggested_name: str) -> None:
        self._close_progress()
        self.preview = PdfPreviewDialog(title, pdf, suggested_name, self._quick_exit, self._window)
        self._adopt(self.preview)
        self.preview.open()

    def _failed(self, error: BaseException) -> None:
        from victim_champion.documents.certificate_document import BuildCancelled

        self._close_progress()
        if isinstance(error, BuildCancelled):
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
