"""The one helper for slow work: runs it off the GUI thread, brings results back onto it.

Unlock now, PDF batches and sync later all go through :class:`BackgroundWork`. Workers
never touch widgets. ``cancel_all`` (lock and quick exit) makes every running job's
result stale: a stale result is handed to its ``on_discarded`` (to close a store that
opened too late, for example) and never to the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class BackgroundWork(QObject):
    """Runs callables on worker threads; delivers outcomes on the GUI thread."""

    _outcome = Signal(object)  # emitted on a worker thread, received on the GUI thread
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vc-work")
        self._generation = 0
        self._running = 0
        self._outcome.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """True while any job has not yet delivered its outcome."""
        return self._running > 0

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_discarded: Callable[[Any], None] | None = None,
    ) -> None:
        """Start ``work`` on a worker thread; exactly one callback runs on the GUI thread."""
        generation = self._generation
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)

        def job() -> None:  # runs on a "vc-work" thread
            try:
                outcome: tuple[bool, Any] = (True, work())
            except BaseException as error:  # delivered to on_error on the GUI thread
                outcome = (False, error)
            self._outcome.emit((generation, outcome, on_done, on_error, on_discarded))

        self._executor.submit(job)

    def cancel_all(self) -> None:
        """Make every running job's result stale (the work itself runs to its end)."""
        self._generation += 1

    def shutdown(self) -> None:
        """Stop accepting work and wait for running jobs (at application exit)."""
        self.cancel_all()
        self._executor.shutdown(wait=True)

    def _deliver(self, payload: tuple[Any, ...]) -> None:
        generation, (ok, value), on_done, on_error, on_discarded = payload
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)
        if generation != self._generation:
            if ok and on_discarded is not None:
                on_discarded(value)
            return
        if ok:
            on_done(value)
        else:
            on_error(value)
