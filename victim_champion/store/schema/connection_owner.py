"""One thread owns the database connection; everything else hands it work.

SQLCipher connections are not to be shared between threads. Every call goes through
:meth:`ConnectionOwner.run`, which executes on the single "vc-store" thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from victim_champion.core.errors import StoreLockedError
from victim_champion.store.schema.connection import Connection

T = TypeVar("T")


class StoreWorkOnForbiddenThreadError(AssertionError):
    """A debug-mode check: store work was asked for on a thread that must never wait for
    the database (the GUI thread). It is a programming error, not a person's."""


class ConnectionOwner:
    """A connection opened on, used on, and closed on its own thread.

    ``forbidden_thread``, when set (debug mode, and in every UI test), names a thread that
    may close the connection (the quick exit locks at once) but never run work on it.
    """

    forbidden_thread: int | None = None

    def __init__(self, opener: Callable[[], Connection]) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vc-store")
        self._lock = threading.Lock()
        try:
            self._connection: Connection | None = self._executor.submit(opener).result()
        except BaseException:
            self._executor.shutdown(wait=True)
            raise

    @property
    def is_open(self) -> bool:
        """False once closed."""
        return self._connection is not None

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work(connection)`` on the owner thread and return its result (any thread)."""
        if self.forbidden_thread is not None and threading.get_ident() == self.forbidden_thread:
            raise StoreWorkOnForbiddenThreadError(
                "store work on the GUI thread; run it through BackgroundWork"
            )
        with self._lock:
            connection = self._connection
            if connection is None:
                raise StoreLockedError()
            future = self._executor.submit(work, connection)
        return future.result()

    def close(self) -> None:
        """Interrupt any running statement, close on the owner thread, stop the thread.

        Safe to call twice and from any thread; queued work then fails with
        StoreLockedError rather than touching a closed connection.
        """
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is None:
            return
        connection.interrupt()  # sqlite3_interrupt is the one call safe from any thread
        self._executor.submit(_close_on_owner_thread, connection).result()
        self._executor.shutdown(wait=True)


def _close_on_owner_thread(connection: Connection) -> None:
    # A pending interrupt would also cancel the checkpoint that close() runs, leaving the
    # -wal and -shm files behind; one statement first consumes the interrupt.
    import sqlcipher3

    with contextlib.suppress(sqlcipher3.Error):
        connection.execute("SELECT 1").fetchone()
    connection.close()
