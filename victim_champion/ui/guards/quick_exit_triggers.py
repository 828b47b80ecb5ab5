"""Watches every key press in the app for the quick-exit triggers: Escape and Shift x3.

Installed on the QApplication, so it sees keys in every window, including modal dialogs,
before any widget does. Escape is consumed (dialogs never see it, so they close only
through their own buttons).

**Except in the presenter view and on the audience screen** (windows with the property
``ENDS_SHOW``): there Escape ends the show, as it does in PowerPoint, so a trainer's habit
never puts the decoy on the projector, nor has them type the passphrase in front of the
room. Shift three times and the Quick exit button still hide everything from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from victim_champion.core.quick_exit_rules import TripleShiftDetector

ENDS_SHOW = "escapeEndsShow"  # a window property: Escape there ends the show instead
# Qt::Key_Escape and Qt::Key_Shift, as the numbers QKeyEvent.key() gives. Not Qt.Key: the
# first use of PySide's Qt namespace builds all its 93 enums (about 25 ms), and the
# first key pressed may be the quick exit (tests/ui/test_start_up_enums.py).
ESCAPE_KEY = 0x01000000
SHIFT_KEY = 0x01000020


def _ends_show(widget: QWidget) -> bool:
    return bool(widget.window().property(ENDS_SHOW))


class QuickExitTriggers(QObject):
    """Emits ``triggered`` on Escape or on the third Shift press within the rules."""

    triggered = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._shift = TripleShiftDetector()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        # A key press reaches the filter once per widget it propagates through; only the
        # first, spontaneous delivery to a widget is the person's actual key press.
        if not isinstance(watched, QWidget) or not event.spontaneous():
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key == ESCAPE_KEY:
            self._shift.other_key_pressed()
            if _ends_show(watched):
                return False  # the presenter or audience window ends the show
            self.triggered.emit()
            return True
        if key == SHIFT_KEY:
            if not event.isAutoRepeat() and self._shift.shift_pressed(self._clock()):
                self.triggered.emit()
            return False
        self._shift.other_key_pressed()
        return False
