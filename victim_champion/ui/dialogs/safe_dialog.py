"""The base for every dialog: its own Quick exit button, and Escape left to the exit
(except in a dialog that holds nothing typed, such as Save as, which Escape closes first:
ui/guards/quick_exit_triggers.py).

Enter presses the dialog's main (primary) button, and the first focus goes to the dialog's
own controls, never to Quick exit: a Space or Enter meant for the dialog must not hide
the screen in front of the room.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from victim_champion.ui.widgets.form_widgets import button, label


class SafeDialog(QDialog):
    """A modal dialog that closes only through its own buttons (Escape is the quick exit)."""

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.quick_exit_button = button(
            "Quick exit",
            "Quick exit",
            role="exit",
            tooltip="Hide this screen now (Esc twice always works, or Shift three times)",
        )
        self.quick_exit_button.clicked.connect(quick_exit)

    def titled_layout(self, title: str) -> QVBoxLayout:
        """The dialog's column, headed by its title (also the window's title)."""
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "subheading"))
        return layout

    def button_row(self, *buttons: QPushButton) -> QHBoxLayout:
        """The dialog's buttons, with Quick exit kept at the far left; the primary one is
        the default, so Enter presses it."""
        row = QHBoxLayout()
        row.addWidget(self.quick_exit_button)
        row.addStretch(1)
        for each in buttons:
            row.addWidget(each)
            if each.property("role") == "primary":
                each.setDefault(True)
        return row

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_on_screen()
        QTimer.singleShot(0, self._first_focus)

    def _fit_on_screen(self) -> None:
        """Never taller or wider than the screen's free area (a 1280x720 laptop), title
        bar included, so the buttons at the bottom are always in view."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        width = min(self.width(), free.width() - 16)
        height = min(self.height(), free.height() - 48)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), free.x()), free.right() - self.width())
        y = min(max(self.y(), free.y()), free.bottom() - self.height() - 32)
        self.move(x, max(free.y(), y))

    def _first_focus(self) -> None:
        if self.focusWidget() not in (None, self.quick_exit_button):
            return
        for widget in self.findChildren(QWidget):
            if (
                widget is not self.quick_exit_button
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus()
                return
