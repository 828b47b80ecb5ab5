"""The audience's screen: the current slide, full screen on the projector if there is one.

With only one screen the trainer works from this window too: Right, Space, Page Down or a
click for the next slide; Left, Page Up or a right click for the one before; B to blank;
Escape (or P, or the small button in the corner) goes back to the presenter view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from victim_champion.core.course import Module, Slide
from victim_champion.ui.guards.quick_exit_triggers import ENDS_SHOW
from victim_champion.ui.widgets.form_widgets import button
from victim_champion.ui.widgets.slide_view import SlideView

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up}


def projector_screen() -> QScreen | None:
    """The second screen Qt reports, if any (the trainer keeps the first)."""
    screens = QGuiApplication.screens()
    return screens[1] if len(screens) > 1 else None


class AudienceWindow(QWidget):
    """A frameless, full-screen slide; blank shows plain navy."""

    next_requested = Signal()
    previous_requested = Signal()
    blank_requested = Signal()
    back_requested = Signal()  # to the presenter view: this window hides

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Slides")
        self.setProperty(ENDS_SHOW, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = SlideView(scale=1.35, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        corner = QHBoxLayout()
        corner.setContentsMargins(8, 0, 8, 8)
        corner.addStretch(1)
        self.back_button = button(
            "Presenter view (Esc)", "Back to the presenter view", tooltip="Esc or P"
        )
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the slides
        self.back_button.clicked.connect(self.back_requested)
        corner.addWidget(self.back_button)
        layout.addLayout(corner)
        self.blanked = False

    def present(self) -> None:
        """Go full screen on the projector, or on this screen if there is only one."""
        screen = projector_screen()
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def show_slide(self, module: Module, slide: Slide) -> None:
        """Follow the presenter (unless blanked)."""
        if not self.blanked:
            self.view.show_slide(module, slide)

    def set_blank(self, blank: bool, module: Module, slide: Slide) -> None:
        """Blank the screen, or bring the slide back."""
        self.blanked = blank
        if blank:
            self.view.blank()
        else:
            self.view.show_slide(module, slide)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.next_requested.emit()
        elif key in PREVIOUS_KEYS:
            self.previous_requested.emit()
        elif key == Qt.Key.Key_B:
            self.blank_requested.emit()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_P):
            self.back_requested.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.next_requested.emit()
        elif event.button() == Qt.MouseButton.RightButton:
            self.previous_requested.emit()
        else:
            super().mousePressEvent(event)
