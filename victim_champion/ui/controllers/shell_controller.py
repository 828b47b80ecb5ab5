"""The safety shell's decisions: first run, unlock, lock, idle lock and the quick exit.

The quick exit runs in the order SECURITY.md gives: the decoy is painted over every
window first, then the data is locked, then the clipboard is cleared and every dialog,
menu and preview is closed. Nothing in that path waits for background work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from victim_champion.core.errors import (
    DeviceRevokedError,
    WrongPassphraseError,
    message_for,
)
from victim_champion.core.settings import ProfileSettings
from victim_champion.core.unlock_throttle import UnlockThrottle
from victim_champion.store.profile import OpenStore, Profile
from victim_champion.store.repositories.audit_log import AuditLogRepository
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.guards.clipboard_guard import ClipboardGuard
from victim_champion.ui.guards.idle_watcher import IdleWatcher
from victim_champion.ui.guards.quick_exit_triggers import QuickExitTriggers
from victim_champion.ui.shell_window import ShellWindow

if TYPE_CHECKING:
    from victim_champion.store.repositories.record_repository import Records
    from victim_champion.ui.dialogs.settings_dialog import SettingsDialog

UNEXPECTED = "Something went wrong while opening the records; try again, or restart the app."


def _close_quietly(result: object) -> None:
    """A store that finished opening after a lock or quick exit is closed at once."""
    if isinstance(result, OpenStore):
        result.close()


class ShellController(QObject):
    """Owns the unlocked store (if any) and moves the window between its screens."""

    locked = Signal()
    quick_exited = Signal()

    def __init__(
        self,
        window: ShellWindow,
        profile: Profile,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.window = window
        self.profile = profile
        self.clock = clock
        self.work = BackgroundWork(self)
        self.triggers = QuickExitTriggers(clock)
        self.idle = IdleWatcher()
        self.throttle = UnlockThrottle()
        self.clipboard = ClipboardGuard()
        self.store: OpenStore | None = None
        self.records: Records | None = None
        self.settings = ProfileSettings()

        self.triggers.triggered.connect(self.quick_exit)
        self.idle.idle.connect(self.lock)
        window.quick_exit_button.clicked.connect(self.quick_exit)
        window.lock_button.clicked.connect(self.lock)
        window.settings_button.clicked.connect(self.open_settings)
        window.first_run.create_requested.connect(self._on_first_run_create_requested)
        window.safety.acknowledged.connect(self._on_safety_acknowledged)
        window.unlock.unlock_requested.connect(self._on_unlock_requested)
        window.decoy.return_requested.connect(self._on_decoy_return_requested)

    def _ensure_built(self) -> None:
        """Build the pages behind the passphrase and their controllers, on first unlock."""
        if self.window.built:
            return
        # Imported here, not at start-up: these pull in the matcher, sync and the store's
        # use cases, which the unlock screen does not need.
        from victim_champion.ui.controllers.compass_point_controller import CompassPointController
        from victim_champion.ui.controllers.printing_controller import PrintingController
        from victim_champion.ui.controllers.reports_controller import ReportsController
        from victim_champion.ui.controllers.sync_controller import SyncController
        from victim_champion.ui.controllers.training_controller import TrainingController
        from victim_champion.ui.dialogs.quick_reference_dialog import SHORTCUT

        self.window.build_work_area()
        window = self.window
        self.printing = PrintingController(self.work, window, self.quick_exit, self.show_error)
        window.sessions.print_certificates_requested.connect(self._on_print_certificates)
        window.handouts.preview_requested.connect(self.printing.preview_handout)
        self.training = TrainingController(
            window, self.profile, self.work, self.quick_exit, self.show_error
        )
        self.syncing = SyncController(self.work, window.sync)
        self.compass_point = CompassPointController(
            window.signposting, self.work, self.printing, self.quick_exit, self.show_error
        )
        self.reports = ReportsController(window.reports, self.work, self.printing, self.show_error)
        self.syncing.revoked.connect(self._on_revoked)
        self._reference_shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self._reference_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self._reference_shortcut.activated.connect(self.open_quick_reference)
        window.audit.refresh_button.clicked.connect(self.show_audit)
        window.navigation.currentRowChanged.connect(lambda _: self.show_audit())
        window.navigation.currentRowChanged.connect(
            lambda _: self.reports.shown(window.current_page() is window.reports)
        )

    def install(self, app: QApplication) -> None:
        """Watch every key and input event in the application."""
        app.installEventFilter(self.triggers)
        app.installEventFilter(self.idle)

    def uninstall(self, app: QApplication) -> None:
        """Stop watching (when the shell is torn down)."""
        app.removeEventFilter(self.triggers)
        app.removeEventFilter(self.idle)

    def start(self) -> None:
        """First run if there is no profile yet, otherwise the passphrase screen."""
        if self.profile.exists():
            self.window.show_unlock()
        else:
            self.window.show_first_run()

    @property
    def is_unlocked(self) -> bool:
        """True while a store is open."""
        return self.store is not None

    # ------------------------------------------------------------------ first run

    def _on_first_run_create_requested(self, passphrase: str) -> None:
        self.window.first_run.set_busy(True)

        def create_and_open() -> OpenStore:  # runs on a worker thread
            self.profile.create(passphrase)
            return self.profile.open(passphrase)

        self.work.run(
            create_and_open,
            self._on_profile_created,
            self._on_first_run_failed,
            on_discarded=_close_quietly,
        )

    def _on_profile_created(self, store: OpenStore) -> None:
        self.window.first_run.set_busy(False)
        self._adopt(store)
        self.window.show_safety()

    def _on_first_run_failed(self, error: BaseException) -> None:
        self.window.first_run.set_busy(False)
        message = message_for(error, UNEXPECTED)
        self.window.first_run.show_error(message)

    def _on_safety_acknowledged(self) -> None:
        if self.records is None:
            self.window.show_unlock()
            return
        self.window.show_work_area()

    # ------------------------------------------------------------------ unlock

    def _on_unlock_requested(self, passphrase: str) -> None:
        wait = self.throttle.wait_seconds(self.clock())
        if wait > 0:
            self.window.unlock.show_error("Please wait before trying again.", wait)
            return
        self.window.unlock.set_busy(True)
        self.work.run(
            lambda: self.profile.open(passphrase),
            self._on_unlocked,
            self._on_unlock_failed,
            on_discarded=_close_quietly,
        )

    def _on_unlocked(self, store: OpenStore) -> None:
        self.throttle.record_success()
        self.window.unlock.set_busy(False)
        self._adopt(store)
        self.window.show_work_area()

    def _on_unlock_failed(self, error: BaseException) -> None:
        self.window.unlock.set_busy(False)
        if isinstance(error, WrongPassphraseError):
            delay = self.throttle.record_failure(self.clock())
            self.window.unlock.show_error(error.message, delay)
        else:
            self.window.unlock.show_error(message_for(error, UNEXPECTED))

    def _adopt(self, store: OpenStore) -> None:
        self._ensure_built()
        self.store = store
        from victim_champion.store.repositories.record_repository import Records

        self.records = Records(store)
        self.settings = self.records.settings()
        self.window.sessions.show_records(self.records)
        self.syncing.attach(store)
        self.training.attach(store)
        self.compass_point.attach(store)
        self.reports.attach(store)
        self.idle.start(self.settings.idle_lock_seconds)

    # ------------------------------------------------------------------ printing

    def _on_print_certificates(self, session_id: str) -> None:
        if self.store is not None:
            self.printing.print_certificates(
                self.store, session_id, self.training.course.signed_name
            )

    def open_quick_reference(self) -> None:
        """Ctrl+K: the rights and services, while talking with someone."""
        from victim_champion.ui.dialogs.quick_reference_dialog import QuickReferenceDialog

        if self.records is not None:
            QuickReferenceDialog(self.quick_exit, self.window).open()

    def show_audit(self) -> None:
        """Load the audit log into its page (when it is the page on show)."""
        if (
            self.store is not None
            and self.window.built
            and self.window.current_page() is self.window.audit
        ):
            events = self.store.owner.run(lambda c: AuditLogRepository(c).recent())
            self.window.audit.show_events(events)

    def show_error(self, text: str) -> None:
        """Tell the person, in one sentence, why something could not be done."""
        MessageDialog("Could not finish", text, self.quick_exit, self.window).open()

    # ------------------------------------------------------------------ settings

    def open_settings(self) -> None:
        """The settings dialog (modal, non-blocking: lock and quick exit close it)."""
        from victim_champion.ui.dialogs.settings_dialog import SettingsDialog

        if self.records is None:
            return
        dialog = SettingsDialog(self.settings, self.quick_exit, self.window)
        dialog.accepted.connect(lambda: self._on_settings_saved(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_settings_saved(self, dialog: SettingsDialog) -> None:
        if self.records is None or dialog.result_settings is None:
            return
        self.records.save_settings(dialog.result_settings)
        self.settings = dialog.result_settings
        self.idle.start(self.settings.idle_lock_seconds)

    # ------------------------------------------------------------------ lock and exit

    def lock(self) -> None:
        """Lock the data and ask for the passphrase again."""
        self._lock()
        if not self.window.showing_decoy:
            self.window.show_unlock()
        self.locked.emit()

    def quick_exit(self) -> None:
        """Decoy first (one frame), then lock, then clipboard and the closing of windows."""
        self._hide_other_windows()
        self.window.show_decoy()
        self._lock()
        self.clipboard.clear_if_ours()
        self.quick_exited.emit()

    def _lock(self) -> None:
        self.work.cancel_all()
        self.idle.stop()
        self._close_transient_windows()
        self.window.clear_personal_data()
        if self.window.built:
            self.syncing.detach()
            self.training.detach()
            self.compass_point.detach()
            self.reports.detach()
        store, self.store, self.records = self.store, None, None
        if store is not None:
            store.close()

    def _hide_other_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                widget.hide()

    def _close_transient_windows(self) -> None:
        for _ in range(20):  # menus can nest; each close reveals the next
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget is self.window:
                continue
            if isinstance(widget, QDialog):
                widget.reject()  # ends exec() loops too: no dialog can hold the lock up
            elif isinstance(widget, QWidget) and widget.isVisible():
                widget.close()

    def _on_revoked(self) -> None:
        """A signed revocation from the hub: lock, erase the profile, and say so."""
        self.lock()
        self.profile.wipe()
        self.start()
        self.show_error(DeviceRevokedError().message)

    def _on_decoy_return_requested(self) -> None:
        self.start()
