"""The audience's screen: the current slide, full screen on the projector if there is one."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from victim_champion.core.course import Module, Slide
from victim_champion.ui.widgets.slide_view import SlideView


def projector_screen() -> QScreen | None:
    """The second screen Qt reports, if any (the trainer keeps the first)."""
    screens = QGuiApplication.screens()
    return screens[1] if len(screens) > 1 else None


class AudienceWindow(QWidget):
    """A frameless, full-screen slide; blank shows plain navy."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Slides")
        self.view = SlideView(scale=1.35, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.blanked = False

    def present(self) -> None:
        """Go full screen on the projector, or on this screen if there is only one."""
        screen = projector_screen()
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()

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
