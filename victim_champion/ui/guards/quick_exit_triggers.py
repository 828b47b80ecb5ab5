"""Watches every key press in the app for the quick-exit triggers: Escape and Shift x3.

Installed on the QApplication, so it sees keys in every window, including modal dialogs,
before any widget does. What Escape does is ``EscapeRule``'s (core/quick_exit_rules.py):

* With something transient open, Escape closes it and nothing else: a drop-down, a menu,
  a completer's list (any popup), or a dialog that holds nothing typed about a person (Qt's
  print, page set-up, file, colour and font dialogs, the print preview and "Save as").
  A tooltip is not counted: it comes by resting the mouse, not by choice, so Escape is the
  quick exit with a tooltip showing (Qt hides the tooltip on the same key press).
* Two Escapes within a second are the quick exit from anywhere, including from the
  drop-down or print dialog the first one closed.
* Otherwise Escape is the quick exit, and is consumed: a form dialog (a referral, the
  settings) never sees it, so what is typed there is never closed away by habit.
* **At the kiosk** (a window with the property ``IN_KIOSK``) an attendee's Escape does
  nothing at all: only the staff passphrase leaves it. Shift three times and the Quick
  exit button still hide everything.
* **In the presenter view and on the audience screen** (windows with the property
  ``ENDS_SHOW``): Escape ends the show, as it does in PowerPoint, so a trainer's habit
  never puts the decoy on the projector, nor has them type the passphrase in front of the
  room. Shift three times and the Quick exit button still hide everything from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from victim_champion.core.quick_exit_rules import EscapeAction, EscapeRule, TripleShiftDetector

ENDS_SHOW = "escapeEndsShow"  # a window property: Escape there ends the show instead
IN_KIOSK = "escapeInKiosk"  # a window property: the attendees' kiosk is on show there
# Dialogs that hold nothing typed about a person: Escape closes them (by class name, so
# this module imports neither QtPrintSupport nor the dialogs: start-up cost).
TRANSIENT_DIALOGS = (
    "QPrintDialog",
    "QPageSetupDialog",
    "QPrintPreviewDialog",
    "QFileDialog",
    "QColorDialog",
    "QFontDialog",
    "PdfPreviewDialog",
    "SaveAsDialog",
)
# Qt::Key_Escape and Qt::Key_Shift, as the numbers QKeyEvent.key() gives. Not Qt.Key: the
# first use of PySide's Qt namespace builds all its 93 enums (about 25 ms), and the
# first key pressed may be the quick exit (tests/ui/test_start_up_enums.py).
ESCAPE_KEY = 0x01000000
SHIFT_KEY = 0x01000020


def _window_says(window: QWidget, name: str) -> bool:
    """The window, or the window it was opened over (a popup, a dialog), has ``name``."""
    if window.property(name):
        return True
    opener = window.parentWidget()
    return opener is not None and bool(opener.window().property(name))


def _transient_open(window: QWidget) -> bool:
    if QApplication.activePopupWidget() is not None:
        return True
    return any(window.inherits(name) for name in TRANSIENT_DIALOGS)


class QuickExitTriggers(QObject):
    """Emits ``triggered`` on Escape (within ``EscapeRule``) or on the third Shift press."""

    triggered = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._shift = TripleShiftDetector()
        self._escape = EscapeRule()
        self._installed: tuple[QObject, ...] = ()  # this filter and the others, in order

    def install_on(self, app: QCoreApplication, *others: QObject) -> None:
        """Watch every key in ``app``; ``others`` (the idle watcher) are installed after,
        and paused with it."""
        self._installed = (self, *others)
        for each in self._installed:
            app.installEventFilter(each)

    def remove_from(self, app: QCoreApplication) -> None:
        """Stop watching (when the shell is torn down)."""
        for each in self._installed:
            app.removeEventFilter(each)
        self._installed = ()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Take the application's Python event filters off while the quick exit hides the
        other windows and paints the decoy, then put them back in the same order.

        Hiding a modal dialog unblocks the window below: Qt sends an event to each of its
        widgets (about 650), and a Python filter costs ~15 us an event even when it
        returns at once (the event and the widget are wrapped for Python). With the two
        filters that was about 20 ms of the quick exit's first frame from a dialog;
        without them, 1 ms (benchmarks/quick_exit.py).
        """
        app, installed = QCoreApplication.instance(), self._installed
        if app is None or not installed:
            yield
            return
        for each in installed:
            app.removeEventFilter(each)
        try:
            yield
        finally:
            if self._installed is installed:  # not removed for good meanwhile
                for each in installed:
                    app.installEventFilter(each)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event in the app passes here: hiding a dialog alone sends one to each
        # widget of the window below (~650). isinstance first, because event.type() makes
        # a Python enum each call (~5 us): 650 of them were 4 ms of the quick exit's
        # frame from a dialog.
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        # A key press reaches the filter once per widget it propagates through; only the
        # first, spontaneous delivery to a widget is the person's actual key press.
        if not isinstance(watched, QWidget) or not event.spontaneous():
            return False
        key = event.key()
        if key == ESCAPE_KEY:
            self._shift.other_key_pressed()
            return self._on_escape(watched)
        if key == SHIFT_KEY:
            if not event.isAutoRepeat() and self._shift.shift_pressed(self._clock()):
                self.triggered.emit()
            return False
        self._shift.other_key_pressed()
        return False

    def _on_escape(self, watched: QWidget) -> bool:
        window = watched.window()
        action = self._escape.pressed(
            self._clock(),
            in_kiosk=_window_says(window, IN_KIOSK),
            ends_show=bool(window.property(ENDS_SHOW)),
            transient_open=_transient_open(window),
        )
        if action is EscapeAction.QUICK_EXIT:
            self.triggered.emit()
            return True
        return action is EscapeAction.IGNORE  # LET_THROUGH: Qt closes what is open
