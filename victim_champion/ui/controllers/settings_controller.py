"""The profile's settings behind the Settings button, and the idle lock they set.

Built on first unlock (ui/controllers/work_area.py), so the dialogs and profile
administration it imports are not loaded before the unlock screen is drawn
(benchmarks/startup.py, issue 20); the warm-up loads them while that screen waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from victim_champion.core.device_policy import DevicePolicy, effective_idle_lock_seconds
from victim_champion.core.errors import message_for
from victim_champion.core.events import SyncFinished
from victim_champion.core.settings import ProfileSettings
from victim_champion.operations.profile_admin import device_policy, save_settings
from victim_champion.ui.controllers.passphrase_change import ask_for_new_passphrase
from victim_champion.ui.dialogs.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from victim_champion.operations.workspace import ProfileGate
    from victim_champion.ui.background_work import BackgroundWork
    from victim_champion.ui.controllers.held_workspace import HeldWorkspace
    from victim_champion.ui.event_bridge import EventBridge
    from victim_champion.ui.guards.idle_watcher import IdleWatcher
    from victim_champion.ui.shell_window import ShellWindow

UNEXPECTED = "Something went wrong while opening the records; try again, or restart the app."


class SettingsController(QObject):
    """The settings dialog, the passphrase change, and the idle lock in force (the
    laptop's own setting, held within the range the hub's policy allows)."""

    def __init__(
        self,
        window: ShellWindow,
        gate: ProfileGate,
        work: BackgroundWork,
        events: EventBridge,
        held: HeldWorkspace,
        idle: IdleWatcher,
        quick_exit: Callable[[], None],
        show_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._window = window
        self._gate = gate
        self._work = work
        self._held = held
        self._idle = idle
        self._quick_exit = quick_exit
        self._show_error = show_error
        self.settings = ProfileSettings()
        self.policy: DevicePolicy | None = None
        events.on(SyncFinished, self._on_sync_finished)
        window.settings_button.clicked.connect(self.open_settings)

    def adopt(self, settings: ProfileSettings, policy: DevicePolicy | None) -> None:
        """The settings and the hub's policy read at unlock."""
        self.settings, self.policy = settings, policy

    @property
    def idle_lock_seconds(self) -> int:
        """The idle lock in force: the laptop's setting within the range the hub allows."""
        return effective_idle_lock_seconds(self.settings.idle_lock_seconds, self.policy)

    def watch_idle(self) -> None:
        """(Re)start the idle lock with the time in force."""
        self._idle.start(self.idle_lock_seconds)

    def _on_sync_finished(self, event: SyncFinished) -> None:
        """A round may have brought a new policy from the hub: read it and apply it."""
        workspace = self._held.workspace
        if workspace is None or not event.ok:
            return
        self._work.run(lambda: device_policy(workspace), self._on_policy_read, lambda _: None)

    def _on_policy_read(self, policy: DevicePolicy | None) -> None:
        if self._held.workspace is not None and policy != self.policy:
            self.policy = policy
            self.watch_idle()

    def open_settings(self) -> None:
        """The settings dialog (modal, non-blocking: lock and quick exit close it)."""
        if self._held.workspace is None:
            return
        dialog = SettingsDialog(
            self.settings, self._quick_exit, self._window, change_passphrase=self.change_passphrase
        )
        dialog.accepted.connect(lambda: self._on_settings_saved(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def change_passphrase(self) -> None:
        """The change-passphrase dialog (passphrase_change.py)."""
        ask_for_new_passphrase(self._gate, self._work, self._quick_exit, self._window)

    def _on_settings_saved(self, dialog: SettingsDialog) -> None:
        workspace, chosen = self._held.workspace, dialog.result_settings
        if workspace is None or chosen is None:
            return
        self._work.run(
            lambda: save_settings(workspace, chosen),
            lambda _: self._on_settings_stored(chosen),
            lambda error: self._show_error(message_for(error, UNEXPECTED)),
        )

    def _on_settings_stored(self, chosen: ProfileSettings) -> None:
        if self._held.workspace is not None:
            self.settings = chosen
            self.watch_idle()
