"""The safety shell's decisions: first run, unlock, lock, idle lock and the quick exit.

The quick exit runs in the order SECURITY.md gives: the decoy is painted over every
window first, then the data is locked, then the clipboard is cleared and every dialog,
menu and preview is closed. Nothing in that path waits for background work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from victim_champion.core.errors import TooManyAttemptsError, WrongPassphraseError, message_for
from victim_champion.core.events import SyncFinished
from victim_champion.core.settings import ProfileSettings
from victim_champion.core.sync_errors import DeviceRevokedError
from victim_champion.operations.workspace import ProfileGate, Workspace, let_go_of_expired
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.event_bridge import EventBridge
from victim_champion.ui.guards import lock_reasons, other_windows
from victim_champion.ui.guards.clipboard_guard import ClipboardGuard
from victim_champion.ui.guards.idle_watcher import IdleWatcher
from victim_champion.ui.guards.quick_exit_triggers import QuickExitTriggers
from victim_champion.ui.shell_window import ShellWindow
from victim_champion.ui.work_area_registry import PAGES, PageContext, PageController

if TYPE_CHECKING:
    from victim_champion.core.device_policy import DevicePolicy
    from victim_champion.ui.controllers.draft_offer import DraftOffer
    from victim_champion.ui.controllers.sync_controller import SyncController
    from victim_champion.ui.controllers.training_controller import TrainingController
    from victim_champion.ui.dialogs.settings_dialog import SettingsDialog

UNEXPECTED = "Something went wrong while opening the records; try again, or restart the app."


def _close_quietly(result: object) -> None:
    """A profile that finished opening after a lock or quick exit is closed at once."""
    if isinstance(result, tuple) and result and isinstance(result[0], Workspace):
        result[0].close()


# The device policy and profile administration (the audit log, key slots, the wire
# codec) are imported when the records are opened, not before the unlock screen is drawn
# (benchmarks/startup.py, issue 20).
Opened = tuple[Workspace, ProfileSettings, "DevicePolicy | None"]


def _open(gate: ProfileGate, passphrase: str) -> Opened:
    """Unlock, let go of expired records, and read the settings and the hub's policy (on a
    worker thread)."""
    from victim_champion.operations.profile_admin import device_policy, load_settings

    workspace = gate.unlock(passphrase)
    try:
        let_go_of_expired(workspace)  # a full disk is retried at the next unlock
        return workspace, load_settings(workspace), device_policy(workspace)
    except BaseException:
        workspace.close()
        raise


class ShellController(QObject):
    """Owns the unlocked workspace (if any) and moves the window between its screens."""

    locked = Signal()
    quick_exited = Signal()

    def __init__(
        self,
        window: ShellWindow,
        gate: ProfileGate,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.window = window
        self.gate = gate
        self.events = EventBridge(gate.events, self)
        self.events.on(SyncFinished, self._on_sync_finished)
        self.clock = clock
        self.work = BackgroundWork(self)
        self.triggers = QuickExitTriggers(clock)
        self.idle = IdleWatcher()
        self.clipboard = ClipboardGuard()
        self.revoked = False  # a wiped profile: its message stays on this screen
        self.resume_presenting: tuple[int, float] | None = None  # (slide, talk's start)
        self.workspace: Workspace | None = None
        self.controllers: dict[str, PageController] = {}
        self.settings = ProfileSettings()
        self.policy: DevicePolicy | None = None
        self.drafts: DraftOffer | None = None  # an interrupted conversation (with the pages)

        self.triggers.triggered.connect(self.quick_exit)
        self.idle.idle.connect(lambda: self.lock(lock_reasons.idle(self.idle_lock_seconds)))
        self.idle.hold = lambda: self.training.in_the_room
        window.quick_exit_button.clicked.connect(self.quick_exit)
        window.lock_button.clicked.connect(lambda: self.lock(lock_reasons.BUTTON))
        window.settings_button.clicked.connect(self.open_settings)
        window.first_run.create_requested.connect(self._on_first_run_create_requested)
        window.safety.acknowledged.connect(self._on_safety_acknowledged)
        window.unlock.unlock_requested.connect(self._on_unlock_requested)
        window.decoy.return_requested.connect(self._on_decoy_return_requested)

    def _ensure_built(self) -> None:
        """Build the registered pages and their controllers, on first unlock."""
        if self.window.built:
            return
        # Imported here, not at start-up: these pull in the matcher, sync and the
        # operations, which the unlock screen does not need.
        from victim_champion.ui.controllers.draft_offer import DraftOffer
        from victim_champion.ui.controllers.printing_controller import PrintingController
        from victim_champion.ui.dialogs.quick_reference_dialog import SHORTCUT

        self.window.build_work_area()
        window = self.window
        self.printing = PrintingController(
            self.work, window, self.quick_exit, self.show_error, language=window.language
        )
        for entry in PAGES:
            context = PageContext(
                window,
                window.registered[entry.name],
                self.work,
                self.events,
                self.gate,
                self.printing,
                self.quick_exit,
                self.show_error,
            )
            self.controllers[entry.name] = entry.controller_class()(context)
        self.drafts = DraftOffer(
            window, self.work, self.controllers, self.show_error, self.quick_exit
        )
        self.syncing.revoked.connect(self._on_revoked)
        self._reference_shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self._reference_shortcut.setContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        self._reference_shortcut.activated.connect(self.open_quick_reference)
        window.navigation.currentRowChanged.connect(self._on_navigation_changed)

    @property
    def training(self) -> TrainingController:
        """The Sessions page's controller (the kiosk and presenting too)."""
        return self.controllers["sessions"]  # type: ignore[return-value]

    @property
    def syncing(self) -> SyncController:
        """The Sync page's controller."""
        return self.controllers["sync"]  # type: ignore[return-value]

    def _on_navigation_changed(self, _row: int) -> None:
        current = self.window.current_page()
        for name, controller in self.controllers.items():
            controller.shown(self.window.registered[name] is current)

    def install(self, app: QApplication) -> None:
        """Watch every key and input event in the application."""
        self.triggers.install_on(app, self.idle)  # both paused while the decoy comes up

    def uninstall(self, app: QApplication) -> None:
        """Stop watching (when the shell is torn down)."""
        self.triggers.remove_from(app)
        self.clipboard.remove_from(app)

    def start(self) -> None:
        """First run if there is no profile yet, otherwise the passphrase screen."""
        if self.gate.exists():
            self.window.show_unlock()
        else:
            self.window.show_first_run()

    @property
    def is_unlocked(self) -> bool:
        """True while the profile is unlocked."""
        return self.workspace is not None

    # ------------------------------------------------------------------ first run

    def _on_first_run_create_requested(self, passphrase: str) -> None:
        self.window.first_run.set_busy(True)

        gate = self.gate

        def create_and_open() -> Opened:  # on a worker thread
            gate.create(passphrase)
            return _open(gate, passphrase)

        self.work.run(
            create_and_open,
            self._on_profile_created,
            self._on_first_run_failed,
            on_discarded=_close_quietly,
        )

    def _on_profile_created(self, opened: Opened) -> None:
        self.window.first_run.set_busy(False)
        self._adopt(*opened)
        self.window.show_safety()

    def _on_first_run_failed(self, error: BaseException) -> None:
        self.window.first_run.set_busy(False)
        message = message_for(error, UNEXPECTED)
        self.window.first_run.show_error(message)

    def _on_safety_acknowledged(self) -> None:
        if self.workspace is None:
            self.window.show_unlock()
            return
        self.window.show_work_area()

    # ------------------------------------------------------------------ unlock

    def _on_unlock_requested(self, passphrase: str) -> None:
        # The wait between wrong tries is the store's, shared with the command line and
        # the kiosk and kept across restarts (store/keys/attempts.py); it arrives here as
        # TooManyAttemptsError or with a WrongPassphraseError.
        self.window.unlock.set_busy(True)
        gate = self.gate
        self.work.run(
            lambda: _open(gate, passphrase),
            self._on_unlocked,
            self._on_unlock_failed,
            on_discarded=_close_quietly,
        )

    def _on_unlocked(self, opened: Opened) -> None:
        self.window.unlock.set_busy(False)
        self._adopt(*opened)
        self.window.show_work_area()

    def _on_unlock_failed(self, error: BaseException) -> None:
        self.window.unlock.set_busy(False)
        if isinstance(error, WrongPassphraseError):
            self.window.unlock.show_error(error.message, error.wait_seconds)
        elif isinstance(error, TooManyAttemptsError):
            self.window.unlock.show_error(error.message, error.seconds)
        else:
            self.window.unlock.show_error(message_for(error, UNEXPECTED))

    def _adopt(
        self, workspace: Workspace, settings: ProfileSettings, policy: DevicePolicy | None
    ) -> None:
        self._ensure_built()
        if self.resume_presenting is not None:  # handed over from the process before
            self.training.resume_presenting, self.resume_presenting = self.resume_presenting, None
        self.workspace, self.settings, self.policy = workspace, settings, policy
        for controller in self.controllers.values():
            controller.attach(workspace)
        if self.drafts is not None:
            self.drafts.attach(workspace)  # offers an interrupted conversation back
        self._on_navigation_changed(self.window.navigation.currentRow())
        self._watch_idle()

    @property
    def idle_lock_seconds(self) -> int:
        """The idle lock in force: the laptop's setting within the range the hub allows."""
        from victim_champion.core.device_policy import effective_idle_lock_seconds

        return effective_idle_lock_seconds(self.settings.idle_lock_seconds, self.policy)

    def _watch_idle(self) -> None:
        self.idle.start(self.idle_lock_seconds)

    def _on_sync_finished(self, event: SyncFinished) -> None:
        """A round may have brought a new policy from the hub: read it and apply it."""
        workspace = self.workspace
        if workspace is None or not event.ok:
            return
        from victim_champion.operations.profile_admin import device_policy

        self.work.run(lambda: device_policy(workspace), self._on_policy_read, lambda _: None)

    def _on_policy_read(self, policy: DevicePolicy | None) -> None:
        if self.workspace is not None and policy != self.policy:
            self.policy = policy
            self._watch_idle()

    def open_quick_reference(self) -> None:
        """Ctrl+K: the rights and services, while talking with someone."""
        from victim_champion.ui.dialogs.quick_reference_dialog import QuickReferenceDialog

        if self.workspace is not None:
            QuickReferenceDialog(self.quick_exit, self.window).open()

    def show_error(self, text: str) -> None:
        """Tell the person, in one sentence, why something could not be done."""
        MessageDialog("Could not finish", text, self.quick_exit, self.window).open()

    # ------------------------------------------------------------------ settings

    def open_settings(self) -> None:
        """The settings dialog (modal, non-blocking: lock and quick exit close it)."""
        from victim_champion.ui.dialogs.settings_dialog import SettingsDialog

        if self.workspace is None:
            return
        dialog = SettingsDialog(
            self.settings, self.quick_exit, self.window, change_passphrase=self.change_passphrase
        )
        dialog.accepted.connect(lambda: self._on_settings_saved(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def change_passphrase(self) -> None:
        """The change-passphrase dialog (passphrase_change.py)."""
        from victim_champion.ui.controllers.passphrase_change import ask_for_new_passphrase

        ask_for_new_passphrase(self.gate, self.work, self.quick_exit, self.window)

    def _on_settings_saved(self, dialog: SettingsDialog) -> None:
        workspace, chosen = self.workspace, dialog.result_settings
        if workspace is None or chosen is None:
            return
        from victim_champion.operations.profile_admin import save_settings

        self.work.run(
            lambda: save_settings(workspace, chosen),
            lambda _: self._on_settings_stored(chosen),
            lambda error: self.show_error(message_for(error, UNEXPECTED)),
        )

    def _on_settings_stored(self, chosen: ProfileSettings) -> None:
        if self.workspace is not None:
            self.settings = chosen
            self._watch_idle()

    # ------------------------------------------------------------------ lock and exit

    def lock(self, reason: str = "") -> None:
        """Lock the data and ask for the passphrase again; an open conversation is kept as a
        draft (idle lock, Lock button, the system's lock), unless the profile is revoked.
        ``reason`` (ui/guards/lock_reasons.py) is said on the unlock screen."""
        self._lock(None if self.revoked else self._draft(other_windows.visible(self.window)))
        self.window.unlock.show_reason(reason)
        if not self.window.showing_decoy:
            self.window.show_unlock()
        self.locked.emit()

    def quick_exit(self) -> None:
        """Decoy first (one frame), then lock, then clipboard and the closing of windows."""
        self._remember_talk()
        with self.triggers.paused():  # no Python filter on each widget a dialog unblocks
            hidden = other_windows.hide(self.window)
            self.window.show_decoy()
        self._lock(self._draft(hidden))  # read after the decoy is painted, before clearing
        self.window.unlock.show_reason(lock_reasons.QUICK_EXIT)
        self.quick_exited.emit()

    def _remember_talk(self) -> None:
        if "sessions" in self.controllers:
            self.training.remember_talk()

    def _draft(self, open_windows: list[QWidget]) -> dict[str, object] | None:
        return self.drafts.capture(open_windows) if self.drafts is not None else None

    def _lock(self, draft: dict[str, object] | None = None) -> None:
        self._remember_talk()
        self.work.cancel_all()
        self.idle.stop()
        other_windows.close_transient(self.window)
        self.window.clear_personal_data()
        for controller in self.controllers.values():
            controller.detach()
        if self.drafts is not None:
            self.drafts.detach()
        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            if draft is not None and self.drafts is not None:
                self.drafts.keep(workspace, draft)  # written before closing, or lost
            workspace.close()
        self.clipboard.clear_if_ours()  # after the decoy is painted, on every lock

    def _on_revoked(self) -> None:
        """A signed revocation from the hub: lock, erase the profile, and say so."""
        self.revoked = True
        self.lock()
        self.gate.wipe()
        self.start()
        self.show_error(DeviceRevokedError().message)

    def _on_decoy_return_requested(self) -> None:
        self.start()
