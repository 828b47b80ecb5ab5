"""Typed events the core announces without Qt; the UI bridges them onto its thread once.

Operations publish on whatever thread they run on; a subscriber is called on that same
thread, so a subscriber that touches widgets must go through the UI's one bridge
(ui/event_bridge.py). Model: Electrum's callback manager, with types instead of names.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Event:
    """Root of every event."""


class RecordArea(StrEnum):
    """Which records changed, so only the pages that show them refresh."""

    SESSIONS = "sessions"
    REGISTER = "register"
    SIGNPOSTING = "signposting"
    REFERRAL_OUTCOMES = "referral-outcomes"
    SETTINGS = "settings"
    CONTENT = "content"


@dataclass(frozen=True)
class RecordsChanged(Event):
    """Records in one area were written (by this laptop or by a sync)."""

    area: RecordArea


@dataclass(frozen=True)
class SyncFinished(Event):
    """A sync round ended; ``received`` counts what came from the hub."""

    ok: bool
    received: int = 0


@dataclass(frozen=True)
class Locked(Event):
    """The data was locked (lock, idle lock or quick exit)."""


Subscriber = Callable[[Event], None]


class EventBus:
    """Subscribe to an event type (and its subtypes); publish from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[tuple[type[Event], Subscriber]] = []

    def subscribe(self, kind: type[Event], subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` for every published ``kind``; returns the way to stop."""
        entry = (kind, subscriber)
        with self._lock:
            self._subscribers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._subscribers:
                    self._subscribers.remove(entry)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Tell every subscriber of this event's type, on the calling thread."""
        with self._lock:
            chosen = [s for kind, s in self._subscribers if isinstance(event, kind)]
        for subscriber in chosen:
            subscriber(event)
