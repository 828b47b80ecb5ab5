"""Work that must not put off the first paint: started on the next turn of the event loop
after the window is first painted.

A zero-delay timer is not enough: it fires on the loop's first turn, before the window
system asks for the paint, so whatever it starts comes first (the warm-up's first import
put the unlock screen off by 6 to 7 ms).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If the window is never painted (shown minimised, say), the work starts after this.
UNPAINTED_START_MS = 1500


class _AfterFirstPaint(QObject):
    """Calls ``start`` once, on the next turn of the loop after ``window`` is painted."""

    def __init__(self, window: QWidget, start: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._start: Callable[[], None] | None = start
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_START_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._go)
        return False

    def _go(self) -> None:
        if self._start is not None:
            start, self._start = self._start, None
            self._window.removeEventFilter(self)
            start()


def after_first_paint(window: QWidget, start: Callable[[], None]) -> None:
    """Call ``start`` once ``window`` is first painted (kept alive by the window)."""
    _AfterFirstPaint(window, start)
