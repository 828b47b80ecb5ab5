"""The decoy: a plain notes page that gives no hint of Victim Champion.

Staff get back with Ctrl+Alt+U (documented in docs/desk-guide.md and on the
first-run safety screen), which leads to the passphrase screen. Nothing on the decoy
says so.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

DECOY_TITLE = "Notes"
RETURN_SHORTCUT = "Ctrl+Alt+U"
DECOY_TEXT = (
    "Shopping\n"
    "- bread, milk, eggs\n"
    "- apples, bananas\n"
    "- tea bags\n"
    "- washing-up liquid\n\n"
    "Saturday\n"
    "- library books back\n"
    "- bins out Friday night\n"
)


class DecoyScreen(QWidget):
    """A neutral notes page; emits ``return_requested`` on the staff shortcut."""

    return_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: #ffffff; color: #202020;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page = QPlainTextEdit(self)
        self.page.setAccessibleName("Notes")
        self.page.setFrameStyle(0)
        self.page.setStyleSheet(
            "QPlainTextEdit { background: #ffffff; color: #202020; border: 0; "
            "font-family: 'DejaVu Sans Mono', monospace; font-size: 12pt; padding: 24px; }"
        )
        layout.addWidget(self.page)
        self._shortcut = QShortcut(QKeySequence(RETURN_SHORTCUT), self)
        self._shortcut.activated.connect(self.return_requested)

    def reset(self) -> None:
        """Put back the neutral text (anything typed on the decoy is thrown away)."""
        self.page.setPlainText(DECOY_TEXT)
