"""The bar that offers an interrupted conversation back, after unlock: when, and two
buttons. It says nothing about the conversation itself."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from victim_champion.ui.widgets.form_widgets import announce, button, label


def interrupted_when(minutes: int) -> str:
    """ "A conversation was interrupted 4 minutes ago." in plain words."""
    if minutes < 1:
        ago = "a moment ago"
    elif minutes == 1:
        ago = "1 minute ago"
    else:
        ago = f"{minutes} minutes ago"
    return f"A conversation was interrupted {ago}."


class DraftOfferBar(QFrame):
    """ "A conversation was interrupted 4 minutes ago. [Bring it back] [Discard]"."""

    bring_back_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName("Interrupted conversation")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        self.text = label("")
        row.addWidget(self.text, 1)
        self.bring_back_button = button(
            "Bring it back", "Bring it back: the interrupted conversation", role="primary"
        )
        self.discard_button = button("Discard", "Discard the interrupted conversation")
        self.bring_back_button.clicked.connect(self.bring_back_requested)
        self.discard_button.clicked.connect(self.discard_requested)
        row.addWidget(self.bring_back_button)
        row.addWidget(self.discard_button)
        self.hide()

    def offer(self, minutes: int) -> None:
        """Show the offer, and have a screen reader say it."""
        self.text.setText(interrupted_when(minutes) + " Bring it back, or discard it?")
        self.show()
        announce(self.text, self.text.text())

    def withdraw(self) -> None:
        """Hide the offer (taken, discarded, expired, or locked)."""
        self.hide()
        self.text.setText("")
