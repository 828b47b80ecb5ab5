"""A one-sentence message with OK (and the Quick exit button, like every dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QWidget

from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label


def sentence(text: str) -> QLabel:
    """A message's text: plain (messages can quote what people typed, such as feedback
    comments, so never read as markup), and wide enough to read."""
    widget = label(text)
    widget.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.NoTextInteraction)
    widget.setMinimumWidth(380)
    return widget


class MessageDialog(SafeDialog):
    """Tells the person what happened and what to do next."""

    def __init__(
        self, title: str, text: str, quick_exit: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(quick_exit, parent)
        layout = self.titled_layout(title)
        self.text = sentence(text)
        layout.addWidget(self.text)
        self.ok_button = button("OK", "OK", role="primary")
        self.ok_button.clicked.connect(self.accept)
        layout.addLayout(self.button_row(self.ok_button))
        self.finished.connect(self.deleteLater)


class ConfirmDialog(SafeDialog):
    """Asks before something that cannot be taken back: Cancel, or the named action.

    Cancel has the focus, so a stray Space cancels; the action is the default button, so
    Enter confirms what the sentence asked; Escape (the quick exit) still hides everything."""

    def __init__(
        self,
        title: str,
        text: str,
        action: str,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(quick_exit, parent)
        layout = self.titled_layout(title)
        self.text = sentence(text)
        layout.addWidget(self.text)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = button(action, action, role="primary")
        self.ok_button.clicked.connect(self.accept)
        layout.addLayout(self.button_row(self.cancel_button, self.ok_button))
        self.finished.connect(self.deleteLater)

    def _first_focus(self) -> None:
        self.cancel_button.setFocus()
