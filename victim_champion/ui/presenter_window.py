"""The trainer's presenter view: this slide, its notes, the next slide and a timer.

Keys: Right, Space or Page Down for the next slide; Left or Page Up for the previous;
B to blank the audience screen. **Escape ends the show**, as in PowerPoint: it hides the
audience screen if it is up, otherwise closes the presenter view. The quick exit is Shift
three times or the red Quick exit button here, which hide both windows at once. (Why:
a trainer's Escape habit must not put the decoy on the projector, or have them type the
passphrase in front of the room; nothing on these two screens is personal data.)
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from victim_champion.core.course import Course
from victim_champion.ui.audience_window import AudienceWindow, projector_screen
from victim_champion.ui.guards.quick_exit_triggers import ENDS_SHOW
from victim_champion.ui.widgets.form_widgets import button, label
from victim_champion.ui.widgets.slide_view import SlideView

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp}


class PresenterWindow(QWidget):
    """Steps through every slide of the course; drives the audience window."""

    def __init__(
        self,
        course: Course,
        quick_exit: Callable[[], None] | None = None,
        index: int = 0,
        started_at: float | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Presenter view")
        self.setProperty(ENDS_SHOW, True)
        self.resize(1200, 760)
        self.slides = course.all_slides()
        self.index = max(0, min(index, len(self.slides) - 1))
        self.audience = AudienceWindow()
        self.audience.next_requested.connect(self.next)
        self.audience.previous_requested.connect(self.previous)
        self.audience.blank_requested.connect(self.toggle_blank)
        self.audience.back_requested.connect(self.toggle_audience)
        # Wall-clock, so the talk's clock carries on across a lock (and a fresh process).
        self.started_at = time.time() if started_at is None else started_at

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.counter = label("", "subheading")
        self.counter.setAccessibleDescription("Slide number")
        self.clock = label("", "subheading")
        self.clock.setAccessibleDescription("Time since the start")
        top.addWidget(self.counter)
        top.addStretch(1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        middle = QHBoxLayout()
        self.current = SlideView(scale=0.8)
        self.current.setAccessibleName("Current slide")
        middle.addWidget(self.current, 3)
        side = QVBoxLayout()
        side.addWidget(label("Next", "subheading"))
        self.next_title = QLabel()
        self.next_title.setWordWrap(True)
        self.next_title.setAccessibleDescription("Next slide")
        side.addWidget(self.next_title)
        side.addWidget(label("Notes", "subheading"))
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleDescription("Trainer notes")
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.notes.setStyleSheet("font-size: 14pt;")
        # Notes with an activity and a module's quiz answers run long: they scroll, and the
        # window still fits a 1280x720 screen.
        notes_area = QScrollArea()
        notes_area.setWidget(self.notes)
        notes_area.setWidgetResizable(True)
        notes_area.setFrameShape(QFrame.Shape.NoFrame)
        notes_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the slides
        # No name of its own: a reader hears the notes' words (their label's name), and the
        # purpose as that label's description.
        self.notes_area = notes_area
        side.addWidget(notes_area, 1)
        middle.addLayout(side, 2)
        layout.addLayout(middle, 1)
        buttons = QHBoxLayout()
        self.previous_button = button("\u2190 Previous", "Previous slide")
        self.next_button = button("Next \u2192", "Next slide", role="primary")
        self.blank_button = button("Blank (B)", "Blank the audience screen")
        self.audience_button = button("Show audience screen", "Show the audience screen")
        self.quick_exit_button = button(
            "Quick exit", "Quick exit", role="exit", tooltip="Hide everything now (Shift x3)"
        )
        if quick_exit is not None:
            self.quick_exit_button.clicked.connect(quick_exit)
        buttons.addWidget(self.quick_exit_button)
        buttons.addStretch(1)
        for each in (
            self.previous_button,
            self.next_button,
            self.blank_button,
            self.audience_button,
        ):
            each.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(each)
        layout.addLayout(buttons)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.blank_button.clicked.connect(self.toggle_blank)
        self.audience_button.clicked.connect(self.toggle_audience)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start(1000)
        self._show()

    def start(self) -> None:
        """Open the presenter view, and the audience view on a projector if there is one."""
        screen = self.screen().availableGeometry()  # a 1280x720 laptop keeps every button
        self.resize(
            min(self.width(), screen.width() - 24), min(self.height(), screen.height() - 48)
        )
        self.move(screen.x() + (screen.width() - self.width()) // 2, screen.y() + 8)
        self.show()
        if projector_screen() is not None:
            self.audience.present()
        self.setFocus()

    def _show(self) -> None:
        module, slide = self.slides[self.index]
        self.current.show_slide(module, slide)
        self.audience.show_slide(module, slide)
        self.notes.setText(module.presenter_notes(slide))
        self.notes_area.verticalScrollBar().setValue(0)
        if self.index + 1 < len(self.slides):
            next_module, next_slide = self.slides[self.index + 1]
            self.next_title.setText(f"{next_slide.title}\n({next_module.title})")
        else:
            self.next_title.setText("End of the course")
        self.counter.setText(f"Slide {self.index + 1} of {len(self.slides)}: {module.title}")
        self._update_clock()

    def _update_clock(self) -> None:
        elapsed = max(0, int(time.time() - self.started_at))
        minutes, seconds = divmod(elapsed, 60)
        self.clock.setText(f"{minutes:02d}:{seconds:02d}")

    def next(self) -> None:
        """The next slide."""
        if self.index + 1 < len(self.slides):
            self.index += 1
            self._show()

    def previous(self) -> None:
        """The slide before."""
        if self.index > 0:
            self.index -= 1
            self._show()

    def toggle_blank(self) -> None:
        """Blank the audience screen, or bring it back."""
        module, slide = self.slides[self.index]
        self.audience.set_blank(not self.audience.blanked, module, slide)
        self.blank_button.setText("Unblank (B)" if self.audience.blanked else "Blank (B)")

    def toggle_audience(self) -> None:
        """With one screen, show or hide the audience view over it."""
        if self.audience.isVisible():
            self.audience.hide()
            self.activateWindow()
            self.setFocus()
        else:
            self.audience.present()
        shown = self.audience.isVisible()
        text = "Hide audience screen" if shown else "Show audience screen"
        self.audience_button.setText(text)
        self.audience_button.setAccessibleName(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_B:
            self.toggle_blank()
        elif key == Qt.Key.Key_Escape:  # end the show (see the module's note)
            if self.audience.isVisible():
                self.toggle_audience()
            else:
                self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.audience.close()
        self._tick.stop()
        super().closeEvent(event)
