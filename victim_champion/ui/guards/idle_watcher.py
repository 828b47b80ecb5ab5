"""Locks after a stretch with no keyboard, mouse or touch input."""

from __future__ import annotations

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
        self._timer.timeout.connect(self.idle)

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
