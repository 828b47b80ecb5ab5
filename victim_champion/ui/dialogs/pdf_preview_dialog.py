"""Preview a PDF held in memory, print it, or (only if asked) save it.

The bytes never touch the disk here: QPdfDocument reads them from a QBuffer, and
printing renders each page from that document onto the printer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from victim_champion.core.errors import VictimChampionError
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.dialogs.save_as_dialog import SaveAsDialog
from victim_champion.ui.widgets.form_widgets import button, label, message_label

PRINT_DPI = 300


def load_pdf(data: bytes, parent: QObject) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from memory (keep the buffer alive as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page onto the printer at its resolution; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(QPointF(0, 0), document.render(page, size))
    finally:
        painter.end()
    return document.pageCount()


class PdfPreviewDialog(SafeDialog):
    """Shows the pages; Print and Save as act on the same bytes."""

    def __init__(
        self,
        title: str,
        data: bytes,
        suggested_name: str,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
        web_page: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle(title)
        self.resize(900, 760)
        self._data = data
        self._web_page = web_page
        self._suggested_name = suggested_name
        self._quick_exit = quick_exit
        self.document, self._buffer = load_pdf(data, self)
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "subheading"))
        self.view = QPdfView(self)
        self.view.setAccessibleName("Document preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)
        self.status = message_label("success")
        self.status.hide()
        layout.addWidget(self.status)
        self.print_button = button("Print\u2026", "Print", role="primary")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button = button("Save as\u2026", "Save as a file")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.close_button = button("Close", "Close preview")
        self.close_button.clicked.connect(self.reject)
        # The PDF cannot be tagged; its accessible twin is a web page with the same words
        # (documents/html_twin.py), for a person who uses a screen reader.
        self.web_button = button(
            "Save as web page\u2026", "Save as web page: the same words, for a screen reader"
        )
        self.web_button.clicked.connect(self._on_save_web_page_clicked)
        self.web_button.setVisible(web_page is not None)
        layout.addLayout(
            self.button_row(self.save_button, self.web_button, self.close_button, self.print_button)
        )
        self.finished.connect(self._forget)

    @property
    def pdf_bytes(self) -> bytes:
        """The previewed PDF, as built in memory (empty once the preview has closed)."""
        return self._data

    @property
    def page_count(self) -> int:
        """Pages in the previewed document."""
        return self.document.pageCount()

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print")
        dialog.accepted.connect(lambda: self._print_to(printer))
        dialog.setModal(True)
        dialog.show()  # not exec(): a lock or quick exit can always close it

    def _print_to(self, printer: QPrinter) -> None:
        pages = print_document(self.document, printer)
        from victim_champion.operations.languages import messages

        self._say(messages().plural("print.sent", pages))

    def _on_save_clicked(self) -> None:
        dialog = SaveAsDialog(self._suggested_name, self._quick_exit, self)
        dialog.accepted.connect(lambda: self._save(dialog.chosen_path, self._data))
        dialog.open()

    def _on_save_web_page_clicked(self) -> None:
        if self._web_page is None:
            return
        page = self._web_page().encode("utf-8")  # no store work: built from content alone
        name = Path(self._suggested_name).with_suffix(".html").name
        dialog = SaveAsDialog(name, self._quick_exit, self)
        dialog.accepted.connect(lambda: self._save(dialog.chosen_path, page))
        dialog.open()

    def _save(self, path: Path | None, data: bytes) -> None:
        if path is None:
            return
        # The one writer the command line uses too: 0600 from the start, whole or not at all.
        from victim_champion.operations.printing import save_pdf

        try:
            save_pdf(path, data)
        except VictimChampionError as error:
            self._say(error.message, error=True)
            return
        self._say(f"Saved as {path.name}.")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.show_status(text, error=error)

    def _forget(self) -> None:
        """On close (including lock and quick exit) drop the pages from memory."""
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self._data = b""
