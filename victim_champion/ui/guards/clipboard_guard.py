"""Copies text for the app, and clears the clipboard on exit only if it still holds ours."""

from __future__ import annotations

import hashlib

from PySide6.QtGui import QGuiApplication


class ClipboardGuard:
    """Remembers a digest (not the text) of what the app last put on the clipboard."""

    def __init__(self) -> None:
        self._ours: str | None = None

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard as the app."""
        QGuiApplication.clipboard().setText(text)
        self._ours = hashlib.sha256(text.encode()).hexdigest()

    def clear_if_ours(self) -> None:
        """Clear the clipboard if it still holds what the app put there."""
        if self._ours is None:
            return
        current = QGuiApplication.clipboard().text()
        if hashlib.sha256(current.encode()).hexdigest() == self._ours:
            QGuiApplication.clipboard().clear()
        self._ours = None
