"""The one bridge from core events to the GUI thread.

Operations publish on whichever thread they run (a sync round runs on a worker). The
bridge re-emits every event through a Qt signal, which Qt queues onto the GUI thread,
and there hands it to the handlers that asked for its type. Pages refresh themselves
this way; nothing else in ui/ subscribes to the core bus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from victim_champion.core.events import Event, EventBus

E = TypeVar("E", bound=Event)


class EventBridge(QObject):
    """Subscribes to the core bus once; delivers each event on the GUI thread."""

    _arrived = Signal(object)  # emitted on any thread, received on the GUI thread

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[tuple[type[Event], Callable[[Event], None]]] = []
        self._arrived.connect(self._dispatch)
        self._unsubscribe = bus.subscribe(Event, self._arrived.emit)

    def on(self, kind: type[E], handler: Callable[[E], None]) -> None:
        """Call ``handler`` on the GUI thread for every event of ``kind``."""
        self._handlers.append((kind, handler))  # type: ignore[arg-type]

    def close(self) -> None:
        """Stop listening (the shell is being torn down)."""
        self._unsubscribe()

    def _dispatch(self, event: Event) -> None:
        for kind, handler in list(self._handlers):
            if isinstance(event, kind):
                handler(event)
