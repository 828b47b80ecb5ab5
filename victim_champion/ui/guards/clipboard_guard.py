"""Clears what the app put on the clipboard when it locks or exits quickly.

Anything copied inside the app (Ctrl+C in a register or search field, or ``copy`` here)
makes the app the clipboard's owner; on X11, selecting text also makes it the owner of
the primary selection (what a middle click pastes). Locking asks Qt whether the app still
owns each one, and clears those it does: text another program copied since is left alone.
Some platforms cannot say who owns the clipboard, so the guard also keeps a digest (never
the text) of what ``copy`` placed, and of any new clipboard text that equals the text
selected in the app's focused field at that moment (a Ctrl+C in the app).

Everything the app copies is marked as sensitive (sensitive_clipboard), so clipboard
history and clipboard managers keep none of it: ``copy`` and Ctrl+C or Ctrl+X in a text
field go through ``put_on_clipboard``; a copy made another way inside the app (a context
menu's Copy) is marked again as soon as Qt reports it.
"""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication

from victim_champion.ui.guards.sensitive_clipboard import CopyKeys, is_marked, put_on_clipboard


def _digest(text: str) -> str:
    import hashlib  # here: loading OpenSSL's hashes was 4 ms before the first paint

    return hashlib.sha256(text.encode()).hexdigest()


class ClipboardGuard:
    """Copies for the app, and clears the clipboard and selection if they are still ours."""

    def __init__(self) -> None:
        self._ours: str | None = None
        self._remarked: str | None = None
        self._keys = CopyKeys(self._remember)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._keys)
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def remove_from(self, app: QApplication) -> None:
        """Stop watching (the shell is torn down): take the copy filter off the application
        and let go of the clipboard's signal, so a torn-down shell leaves nothing running on
        every event (tests build many shells in one process; each had stayed installed)."""
        app.removeEventFilter(self._keys)
        with contextlib.suppress(RuntimeError, TypeError):  # already let go
            QGuiApplication.clipboard().dataChanged.disconnect(self._changed)

    def _remember(self, text: str) -> None:
        self._ours = _digest(text)

    def _changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        focused = QApplication.focusWidget()
        selected = getattr(focused, "selectedText", None)
        text = clipboard.text()
        copied_here = callable(selected) and bool(text) and selected() == text
        if copied_here:
            self._ours = _digest(text)
        if not text or is_marked(clipboard.mimeData()):
            return
        if (copied_here or clipboard.ownsClipboard()) and self._remarked != _digest(text):
            # Qt's own copy, unmarked: replace it with a marked one, once (a platform that
            # dropped the markers would otherwise be asked again and again).
            self._remarked = _digest(text)
            put_on_clipboard(text)

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard as the app, marked as sensitive."""
        put_on_clipboard(text)
        self._remember(text)

    def clear_if_ours(self) -> None:
        """Clear the clipboard, and the X11 selection, where the app still owns them."""
        clipboard = QGuiApplication.clipboard()
        matches = self._ours is not None and _digest(clipboard.text()) == self._ours
        if clipboard.ownsClipboard() or matches:
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self._ours = None
        self._remarked = None
