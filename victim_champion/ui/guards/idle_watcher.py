"""Locks after a stretch with no keyboard, mouse or touch input.

``hold`` (when given) can say "not now": while a trainer presents or the kiosk runs, a
long discussion slide or a queue at the sign-in laptop is not idleness. The watcher then
starts its count again instead of locking. The quick exit and the system's own lock
(screen saver, lid) are not affected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits ``idle`` when no input arrives for ``seconds`` while running."""

    idle = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self.hold: Callable[[], bool] = lambda: False

    def _on_timeout(self) -> None:
        if self.hold():
            self._timer.start()  # presenting or in kiosk mode: count again
            return
        self.idle.emit()

    def start(self, seconds: float) -> None:
        """Begin (or restart) watching with this timeout."""
        self._timer.setInterval(int(seconds * 1000))
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (while locked)."""
        self._timer.stop()

    @property
    def active(self) -> bool:
        """True while watching."""
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False
