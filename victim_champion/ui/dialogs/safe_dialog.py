"""The base for every dialog: its own Quick exit button, and Escape left to the exit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from victim_champion.ui.widgets.form_widgets import button


class SafeDialog(QDialog):
    """A modal dialog that closes only through its own buttons (Escape is the quick exit)."""

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.quick_exit_button = button(
            "Quick exit", "Quick exit", role="exit", tooltip="Hide this screen now (Esc)"
        )
        self.quick_exit_button.clicked.connect(quick_exit)

    def button_row(self, *buttons: QPushButton) -> QHBoxLayout:
        """The dialog's buttons, with Quick exit kept at the far left."""
        row = QHBoxLayout()
        row.addWidget(self.quick_exit_button)
        row.addStretch(1)
        for each in buttons:
            row.addWidget(each)
        return row
