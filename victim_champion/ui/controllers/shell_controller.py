"""The safety shell: the window's guards and the three controllers that move it between
its screens.

- ``LockController`` (lock_controller.py): the Lock button, the idle and system locks,
  a revocation, and the quick exit (decoy first, then lock, then clipboard and windows).
- ``UnlockController`` (unlock_controller.py): first run, the safety screen, the unlock.
- ``WorkArea`` (work_area.py), built on first unlock: ``SettingsController``
  (settings_controller.py), printing, the registered pages' typed controllers, the draft
  offer and Ctrl+K.

This class only wires them together; app.py and the tests reach the parts through it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QApplication

from victim_champion.core.settings import ProfileSettings
from victim_champion.operations.workspace import ProfileGate, Workspace
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.controllers.held_workspace import HeldWorkspace
from victim_champion.ui.controllers.lock_controller import LockController
from victim_champion.ui.controllers.unlock_controller import UnlockController
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.event_bridge import EventBridge
from victim_champion.ui.guards import lock_reasons
from victim_champion.ui.guards.clipboard_guard import ClipboardGuard
from victim_champion.ui.guards.idle_watcher import IdleWatcher
from victim_champion.ui.guards.quick_exit_triggers import QuickExitTriggers
from victim_champion.ui.shell_window import ShellWindow

if TYPE_CHECKING:
    from victim_champion.core.device_policy import DevicePolicy
    from victim_champion.ui.controllers.draft_offer import DraftOffer
    from victim_champion.ui.controllers.printing_controller import PrintingController
    from victim_champion.ui.controllers.sync_controller import SyncController
    from victim_champion.ui.controllers.training_controller import TrainingController
    from victim_champion.ui.controllers.work_area import BuildPages, PageControllers, WorkArea


class ShellController(QObject):
    """Owns the guards and the workspace (if any) and wires the shell's controllers."""

    def __init__(
        self,
        window: ShellWindow,
        gate: ProfileGate,
        build_pages: BuildPages,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.window = window
        self.gate = gate
        self.events = EventBridge(gate.events, self)
        self.clock = clock
        self.work = BackgroundWork(self)
        self.triggers = QuickExitTriggers(clock)
        self.idle = IdleWatcher()
        self.clipboard = ClipboardGuard()
        self.held = HeldWorkspace()
        self.work_area: WorkArea | None = None  # built on first unlock
        self._build_pages = build_pages
        self.unlocking = UnlockController(window, gate, self.work, self.held, self._built)
        self.locking = LockController(
            window,
            gate,
            self.work,
            self.held,
            (self.triggers, self.idle, self.clipboard),
            lambda: self.work_area,
            self.unlocking.start,
            self.show_error,
        )
        self.locked: SignalInstance = self.locking.locked
        self.quick_exited: SignalInstance = self.locking.quick_exited
        self.lock = self.locking.lock
        self.quick_exit = self.locking.quick_exit
        self.start = self.unlocking.start
        self.idle.idle.connect(lambda: self.lock(lock_reasons.idle(self.idle_lock_seconds)))
        self.idle.hold = lambda: self.training.in_the_room

    def _built(self) -> WorkArea:
        """The work area, built on first unlock: imported here, not at start-up, because
        it pulls in the pages, the matcher, sync and the operations."""
        if self.work_area is None:
            from victim_champion.ui.controllers.work_area import ShellParts, WorkArea

            parts = ShellParts(
                self.gate, self.work, self.events, self.idle, self.quick_exit, self.show_error
            )
            self.work_area = WorkArea(self.window, self._build_pages, self.held, parts)
            self.work_area.pages.sync.revoked.connect(self.locking.on_revoked)
        return self.work_area

    def install(self, app: QApplication) -> None:
        """Watch every key and input event in the application."""
        self.triggers.install_on(app, self.idle)  # both paused while the decoy comes up

    def uninstall(self, app: QApplication) -> None:
        """Stop watching (when the shell is torn down)."""
        self.triggers.remove_from(app)
        self.clipboard.remove_from(app)

    def show_error(self, text: str) -> None:
        """Tell the person, in one sentence, why something could not be done."""
        MessageDialog("Could not finish", text, self.quick_exit, self.window).open()

    # -------------------------------------------------- typed access for app.py and tests

    @property
    def _area(self) -> WorkArea:
        if self.work_area is None:
            raise LookupError("the work area is built on first unlock")
        return self.work_area

    @property
    def workspace(self) -> Workspace | None:
        """The unlocked workspace, or None while locked."""
        return self.held.workspace

    @property
    def is_unlocked(self) -> bool:
        """True while the profile is unlocked."""
        return self.held.workspace is not None

    @property
    def revoked(self) -> bool:
        """The hub revoked this laptop and its profile was wiped."""
        return self.locking.revoked

    @property
    def controllers(self) -> PageControllers:
        """The registered pages' controllers (after the first unlock)."""
        return self._area.pages

    @property
    def training(self) -> TrainingController:
        """The Sessions page's controller (the kiosk and presenting too)."""
        return self._area.pages.sessions

    @property
    def syncing(self) -> SyncController:
        """The Sync page's controller."""
        return self._area.pages.sync

    @property
    def printing(self) -> PrintingController:
        """Certificates and handouts, shared by the pages."""
        return self._area.printing

    @property
    def drafts(self) -> DraftOffer:
        """The interrupted conversation, kept at a lock and offered back."""
        return self._area.drafts

    @property
    def settings(self) -> ProfileSettings:
        """The profile's settings (as read at unlock, or saved since)."""
        area = self.work_area
        return area.settings.settings if area is not None else ProfileSettings()

    @property
    def idle_lock_seconds(self) -> int:
        """The idle lock in force: the laptop's setting within the range the hub allows."""
        area = self.work_area
        return (
            area.settings.idle_lock_seconds if area is not None else self.settings.idle_lock_seconds
        )

    @property
    def resume_presenting(self) -> tuple[int, float] | None:
        """(slide, talk's start) handed over from the process before, until unlock."""
        return self.unlocking.resume_presenting

    @resume_presenting.setter
    def resume_presenting(self, value: tuple[int, float] | None) -> None:
        self.unlocking.resume_presenting = value

    def open_settings(self) -> None:
        """The settings dialog (nothing while locked)."""
        if self.work_area is not None:
            self.work_area.settings.open_settings()

    def change_passphrase(self) -> None:
        """The change-passphrase dialog."""
        self._area.settings.change_passphrase()

    def open_quick_reference(self) -> None:
        """Ctrl+K: the rights and services (nothing while locked)."""
        if self.work_area is not None:
            self.work_area.open_quick_reference()

    def _adopt(
        self, workspace: Workspace, settings: ProfileSettings, policy: DevicePolicy | None
    ) -> None:
        """As an unlock does, with a workspace opened elsewhere (tests)."""
        self.unlocking.adopt(workspace, settings, policy)
