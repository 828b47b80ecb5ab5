"""Locking and the quick exit.

The quick exit runs in the order SECURITY.md gives: the decoy is painted over every
window first, then the data is locked, then the clipboard is cleared and every dialog,
menu and preview is closed. Nothing in that path waits for background work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from victim_champion.core.sync_errors import DeviceRevokedError
from victim_champion.ui.guards import lock_reasons, other_windows

if TYPE_CHECKING:
    from victim_champion.operations.workspace import ProfileGate
    from victim_champion.ui.background_work import BackgroundWork
    from victim_champion.ui.controllers.held_workspace import HeldWorkspace
    from victim_champion.ui.controllers.work_area import WorkArea
    from victim_champion.ui.guards.clipboard_guard import ClipboardGuard
    from victim_champion.ui.guards.idle_watcher import IdleWatcher
    from victim_champion.ui.guards.quick_exit_triggers import QuickExitTriggers
    from victim_champion.ui.shell_window import ShellWindow


class LockController(QObject):
    """Locks the data (Lock button, idle time, the system's lock, a revocation) and runs
    the quick exit (the button, Esc, Shift three times)."""

    locked = Signal()
    quick_exited = Signal()

    def __init__(
        self,
        window: ShellWindow,
        gate: ProfileGate,
        work: BackgroundWork,
        held: HeldWorkspace,
        guards: tuple[QuickExitTriggers, IdleWatcher, ClipboardGuard],
        work_area: Callable[[], WorkArea | None],
        restart: Callable[[], None],
        show_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._window = window
        self._gate = gate
        self._work = work
        self._held = held
        self._triggers, self._idle, self._clipboard = guards
        self._work_area = work_area  # None until the first unlock builds it
        self._restart = restart
        self._show_error = show_error
        self.revoked = False  # a wiped profile: its message stays on this screen
        self._triggers.triggered.connect(self.quick_exit)
        window.quick_exit_button.clicked.connect(self.quick_exit)
        window.lock_button.clicked.connect(lambda: self.lock(lock_reasons.BUTTON))

    def lock(self, reason: str = "") -> None:
        """Lock the data and ask for the passphrase again; an open conversation is kept as a
        draft (idle lock, Lock button, the system's lock), unless the profile is revoked.
        ``reason`` (ui/guards/lock_reasons.py) is said on the unlock screen."""
        self._lock(None if self.revoked else self._draft(other_windows.visible(self._window)))
        self._window.unlock.show_reason(reason)
        if not self._window.showing_decoy:
            self._window.show_unlock()
        self.locked.emit()

    def quick_exit(self) -> None:
        """Decoy first (one frame), then lock, then clipboard and the closing of windows."""
        self._remember_talk()
        with self._triggers.paused():  # no Python filter on each widget a dialog unblocks
            hidden = other_windows.hide(self._window)
            self._window.show_decoy()
        self._lock(self._draft(hidden))  # read after the decoy is painted, before clearing
        self._window.unlock.show_reason(lock_reasons.QUICK_EXIT)
        self.quick_exited.emit()

    def _remember_talk(self) -> None:
        area = self._work_area()
        if area is not None:
            area.pages.sessions.remember_talk()

    def _draft(self, open_windows: list[QWidget]) -> dict[str, object] | None:
        area = self._work_area()
        return area.drafts.capture(open_windows) if area is not None else None

    def _lock(self, draft: dict[str, object] | None = None) -> None:
        self._remember_talk()
        self._work.cancel_all()
        self._idle.stop()
        other_windows.close_transient(self._window)
        self._window.clear_personal_data()
        area = self._work_area()
        if area is not None:
            area.detach()
        workspace = self._held.take()
        if workspace is not None:
            if draft is not None and area is not None:
                area.drafts.keep(workspace, draft)  # written before closing, or lost
            workspace.close()
        self._clipboard.clear_if_ours()  # after the decoy is painted, on every lock

    def on_revoked(self) -> None:
        """A signed revocation from the hub: lock, erase the profile, and say so."""
        self.revoked = True
        self.lock()
        self._gate.wipe()
        self._restart()
        self._show_error(DeviceRevokedError().message)
