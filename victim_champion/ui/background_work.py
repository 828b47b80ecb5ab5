"""The one helper for slow work: runs it off the GUI thread, brings results back onto it.

Unlock now, PDF batches and sync later all go through :class:`BackgroundWork`. Workers
never touch widgets. ``cancel_all`` (lock and quick exit) makes every running job's
result stale: a stale result is handed to its ``on_discarded`` (to close a store that
opened too late, for example) and never to the screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class Progress:
    """Handed to batch work on its worker thread: report progress, learn of cancellation."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self._emit = emit
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> bool:
        """Called on the worker thread; returns False once the batch is cancelled."""
        self._emit(done, total)
        return not self._cancelled.is_set()

    def cancel(self) -> None:
        """Ask the batch to stop at its next report (any thread)."""
        self._cancelled.set()


class BackgroundWork(QObject):
    """Runs callables on worker threads; delivers outcomes on the GUI thread."""

    _outcome = Signal(object)  # emitted on a worker thread, received on the GUI thread
    _progress = Signal(object)  # likewise, for batch progress
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vc-work")
        self._generation = 0
        self._running = 0
        self._batches: set[Progress] = set()
        self._outcome.connect(self._deliver)
        self._progress.connect(self._deliver_progress)

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

    def run_batch(
        self,
        work: Callable[[Progress], Any],
        on_progress: Callable[[int, int], None],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Progress:
        """Like run, for work that reports progress and can be cancelled part-way."""
        generation = self._generation
        progress = Progress(
            lambda done, total: self._progress.emit((generation, on_progress, done, total))
        )
        self._batches.add(progress)

        def finished(result: Any) -> None:
            self._batches.discard(progress)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._batches.discard(progress)
            on_error(error)

        self.run(
            lambda: work(progress),
            finished,
            failed,
            on_discarded=lambda _: self._batches.discard(progress),
        )
        return progress

    def cancel_all(self) -> None:
        """Make every running job's result stale, and stop batches at their next page."""
        self._generation += 1
        for batch in self._batches:
            batch.cancel()

    def _deliver_progress(self, payload: tuple[Any, ...]) -> None:
        generation, on_progress, done, total = payload
        if generation == self._generation:
            on_progress(done, total)

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
            if on_discarded is not None:
                on_discarded(value)  # a late result, or the error of a cancelled job
            return
        if ok:
            on_done(value)
        else:
            on_error(value)
