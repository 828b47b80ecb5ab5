"""Clears what the app put on the clipboard when it locks or exits quickly.

Anything copied inside the app (Ctrl+C in a register or search field, or ``copy`` here)
makes the app the clipboard's owner; on X11, selecting text also makes it the owner of
the primary selection (what a middle click pastes). Locking asks Qt whether the app still
owns each one, and clears those it does: text another program copied since is left alone.
Some platforms cannot say who owns the clipboard, so the guard also keeps a digest (never
the text) of what ``copy`` placed, and of any new clipboard text that equals the text
selected in the app's focused field at that moment (a Ctrl+C in the app).
"""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication


def _digest(text: str) -> str:
    import hashlib  # here: loading OpenSSL's hashes was 4 ms before the first paint

    return hashlib.sha256(text.encode()).hexdigest()


class ClipboardGuard:
    """Copies for the app, and clears the clipboard and selection if they are still ours."""

    def __init__(self) -> None:
        self._ours: str | None = None
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        focused = QApplication.focusWidget()
        selected = getattr(focused, "selectedText", None)
        text = QGuiApplication.clipboard().text()
        if callable(selected) and text and selected() == text:
            self._ours = _digest(text)

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard as the app."""
        QGuiApplication.clipboard().setText(text)
        self._ours = _digest(text)

    def clear_if_ours(self) -> None:
        """Clear the clipboard, and the X11 selection, where the app still owns them."""
        clipboard = QGuiApplication.clipboard()
        matches = self._ours is not None and _digest(clipboard.text()) == self._ours
        if clipboard.ownsClipboard() or matches:
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self._ours = None
