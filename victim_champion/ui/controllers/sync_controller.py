"""Sync from the app: on request, and automatically with backoff when the hub is away.

Sync runs on a worker thread through BackgroundWork; the panel is updated on the GUI
thread. A lock or quick exit cancels it like any other job. A signed revocation from the
hub ends in ``revoked`` being emitted; the shell then wipes the profile.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from victim_champion.core.envelopes import SyncSummary
from victim_champion.core.errors import message_for
from victim_champion.core.sync_errors import DeviceRevokedError
from victim_champion.operations.hub_sync import (
    SyncState,
    ca_from_file,
    enrol_with_hub,
    sync_once,
    sync_state,
)
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.background_work import Progress
from victim_champion.ui.controllers.page_context import PageContext

if TYPE_CHECKING:
    from victim_champion.ui.pages.sync_page import SyncPage

FIRST_RETRY_SECONDS = 60
MAX_RETRY_SECONDS = 30 * 60
ROUTINE_SECONDS = 15 * 60
UNEXPECTED = "Sync stopped unexpectedly; your records are safe on this laptop."


class SyncController(QObject):
    """Connects the sync panel, the background helper and the sync operations."""

    revoked = Signal()

    def __init__(self, context: PageContext[SyncPage]) -> None:
        super().__init__()
        self._work = context.work
        self._page = page = context.page
        self._workspace: Workspace | None = None
        self._enrolled = False
        self._running = False
        self.retry_seconds = FIRST_RETRY_SECONDS
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        page.sync_requested.connect(self.sync_now)
        page.enrol_requested.connect(self._on_enrol_requested)
        self._watch_network()

    def _watch_network(self) -> None:
        """Sync as soon as the OS reports a connection (where Qt has a backend for it).

        Not on Windows: under Wine, loading Qt's Windows backend (the COM network list
        manager) never returned, which froze the window at the first unlock, with the
        records open and the quick exit unable to run. Nothing may risk that, and real
        Windows cannot be tried here, so there the retry timer alone finds the connection
        (after 1, 2, 4 ... 30 minutes) and "Sync now" is always at hand."""
        if sys.platform == "win32":
            return
        from PySide6.QtNetwork import QNetworkInformation

        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend: the timer's retries still find the connection
        information = QNetworkInformation.instance()
        if information is not None:
            information.reachabilityChanged.connect(self._on_reachability_changed)

    def _on_reachability_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.retry_seconds = FIRST_RETRY_SECONDS
            self.sync_now()

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: show the sync state, and sync soon if enrolled."""
        self._workspace = workspace
        self.refresh(first=True)

    def detach(self) -> None:
        """Locked: stop the timer and forget the workspace."""
        self.timer.stop()
        self._workspace = None
        self._enrolled = False
        self._running = False
        self._page.set_busy(False)
        self._page.clear()

    def shown(self, visible: bool) -> None:
        """The state is read at unlock and after each round, not on showing."""

    def refresh(self, *, first: bool = False) -> None:
        """Read the sync state on a worker thread and show it in the panel."""
        workspace = self._workspace
        if workspace is None:
            return
        self._work.run(
            lambda: sync_state(workspace),
            lambda state: self._show_state(state, first),
            lambda error: self._page.say(message_for(error, UNEXPECTED), error=True),
        )

    def _show_state(self, state: SyncState, first: bool) -> None:
        if self._workspace is None:
            return
        self._enrolled = state.hub_url is not None
        self._page.show_state(state.hub_url, state.last_success, state.pending, state.rejected)
        if first and self._enrolled:
            self.timer.start(2_000)

    def sync_now(self) -> None:
        """One round now (ignored while one runs, while locked, or before enrolment)."""
        workspace = self._workspace
        if workspace is None or self._running or not self._enrolled:
            return
        self._running = True
        self._page.set_busy(True)

        def run(progress: Progress) -> SyncSummary:  # runs on a worker thread
            def report(stage: str, done: int, total: int) -> None:
                progress.report(done, total)

            return sync_once(workspace, report)

        self._work.run_batch(run, self._page.show_progress, self._on_done, self._on_failed)

    def _on_done(self, summary: SyncSummary) -> None:
        self._running = False
        self._page.set_busy(False)
        self.retry_seconds = FIRST_RETRY_SECONDS
        self._page.say(
            f"Sent {summary.sent}, received {summary.received}."
            + ("" if not summary.rejected else f" {summary.rejected} refused: see the list below.")
            + "".join(f" {notice}" for notice in summary.notices)
        )
        self.refresh()
        self.timer.start(ROUTINE_SECONDS * 1000)

    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        self._page.set_busy(False)
        if isinstance(error, DeviceRevokedError):
            self.revoked.emit()
            return
        self._page.say(message_for(error, UNEXPECTED), error=True)
        self.refresh()
        # Back off: 1, 2, 4 ... 30 minutes, so a hall with no signal is not hammered.
        self.timer.start(self.retry_seconds * 1000)
        self.retry_seconds = min(self.retry_seconds * 2, MAX_RETRY_SECONDS)

    def _on_enrol_requested(self, hub: str, code: str, ca_file: str = "") -> None:
        workspace = self._workspace
        if workspace is None or not hub or not code:
            self._page.say("Give the hub address and the code from Compass House.", error=True)
            return
        self._page.set_busy(True)

        def enrol() -> object:
            # A file that is not a CA is refused before the hub is asked anything.
            ca_pem = ca_from_file(Path(ca_file)) if ca_file else ""
            return enrol_with_hub(workspace, hub, code, ca_pem)

        self._work.run(enrol, self._on_enrolled, self._on_failed)

    def _on_enrolled(self, _: object) -> None:
        self._page.set_busy(False)
        self._page.say("Enrolled: this laptop now syncs with Compass House.")
        self._enrolled = True
        self.refresh()
        self.sync_now()
