"""A one-sentence message with OK (and the Quick exit button, like every dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label


class MessageDialog(SafeDialog):
    """Tells the person what happened and what to do next."""

    def __init__(
        self, title: str, text: str, quick_exit: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "subheading"))
        self.text = label(text)
        # Messages can quote what people typed (feedback comments): never read as markup.
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setMinimumWidth(380)
        layout.addWidget(self.text)
        self.ok_button = button("OK", "OK", role="primary")
        self.ok_button.clicked.connect(self.accept)
        layout.addLayout(self.button_row(self.ok_button))
        self.finished.connect(self.deleteLater)
