"""Everything the app copies is marked as sensitive, so clipboard history keeps none of it.

Windows (10 1809 and later) keeps a clipboard history (Win+V) and can sync it to the
person's other devices; KDE's Klipper and other Linux clipboard managers keep their own.
The app clears the clipboard when it locks, but a copy already in such a history stays
there. Each of these honours a marker placed beside the text:

- Windows: the registered formats ``ExcludeClipboardContentFromMonitorProcessing`` (any
  data), ``CanIncludeInClipboardHistory`` and ``CanUploadToCloudClipboard`` (a DWORD of
  0), as Microsoft's "Cloud Clipboard and Clipboard History Formats" describes. Qt's
  Windows clipboard passes a MIME type ``application/x-qt-windows-mime;value="NAME"`` on
  as the registered format NAME, with the bytes unchanged.
- Linux: ``x-kde-passwordManagerHint`` set to ``secret``, which Klipper (and clipboard
  managers that follow it) leave out of their history.

``sensitive_mime_data`` builds the marked data; ``put_on_clipboard`` is the app's one way to
copy. ``CopyKeys`` makes Ctrl+C and Ctrl+X in the app's text fields use it too, so a
name copied from the register never reaches the clipboard unmarked, not even for a moment.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

WINDOWS_FORMAT = 'application/x-qt-windows-mime;value="{}"'
DWORD_ZERO = (0).to_bytes(4, "little")
HINTS: dict[str, bytes] = {
    WINDOWS_FORMAT.format("ExcludeClipboardContentFromMonitorProcessing"): b"\x01",
    WINDOWS_FORMAT.format("CanIncludeInClipboardHistory"): DWORD_ZERO,
    WINDOWS_FORMAT.format("CanUploadToCloudClipboard"): DWORD_ZERO,
    "x-kde-passwordManagerHint": b"secret",
}
# Qt gives a text editor's line breaks as U+2029; the clipboard wants "\n".
PARAGRAPH_SEPARATOR = "\u2029"


def sensitive_mime_data(text: str) -> QMimeData:
    """``text`` as plain text, with every marker that keeps it out of clipboard history."""
    data = QMimeData()
    data.setText(text)
    for mime_type, value in HINTS.items():
        data.setData(mime_type, value)
    return data


def is_marked(data: QMimeData | None) -> bool:
    """Whether clipboard data already carries the markers (the app put it there)."""
    return data is not None and all(data.hasFormat(mime_type) for mime_type in HINTS)


def put_on_clipboard(text: str, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
    """Copy ``text`` for the person, marked as sensitive. The clipboard takes ownership."""
    QGuiApplication.clipboard().setMimeData(sensitive_mime_data(text), mode)


def _selection(widget: QObject) -> tuple[str, bool] | None:
    """A text field's selected text, and whether cutting it is allowed; None if the widget
    is not a text field, nothing is selected, or its text is masked."""
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal or not widget.hasSelectedText():
            return None  # a passphrase field never offers its text to the clipboard
        return widget.selectedText(), not widget.isReadOnly()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        cursor = widget.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectedText().replace(PARAGRAPH_SEPARATOR, "\n"), not widget.isReadOnly()
    return None


def _cut(widget: QObject) -> None:
    if isinstance(widget, QLineEdit):
        widget.del_()  # removes the selection, as one undo step
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        widget.textCursor().removeSelectedText()


class CopyKeys(QObject):
    """Installed on the application: Ctrl+C and Ctrl+X in a text field copy through
    ``put_on_clipboard`` instead of Qt's unmarked copy. ``copied`` is told the text."""

    def __init__(self, copied: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._copied = copied

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        cut = event.matches(QKeySequence.StandardKey.Cut)
        if not (cut or event.matches(QKeySequence.StandardKey.Copy)):
            return False
        selected = _selection(watched)
        if selected is None:
            return False
        text, may_cut = selected
        put_on_clipboard(text)
        if self._copied is not None:
            self._copied(text)
        if cut and may_cut:
            _cut(watched)
        return True
