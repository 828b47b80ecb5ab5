"""First run, the safety screen and the unlock: from the passphrase to the work area."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from victim_champion.core.errors import TooManyAttemptsError, WrongPassphraseError, message_for
from victim_champion.core.settings import ProfileSettings
from victim_champion.operations.workspace import ProfileGate, Workspace, let_go_of_expired

if TYPE_CHECKING:
    from victim_champion.core.device_policy import DevicePolicy
    from victim_champion.ui.background_work import BackgroundWork
    from victim_champion.ui.controllers.held_workspace import HeldWorkspace
    from victim_champion.ui.controllers.work_area import WorkArea
    from victim_champion.ui.shell_window import ShellWindow

UNEXPECTED = "Something went wrong while opening the records; try again, or restart the app."


def _close_quietly(result: object) -> None:
    """A profile that finished opening after a lock or quick exit is closed at once."""
    if isinstance(result, tuple) and result and isinstance(result[0], Workspace):
        result[0].close()


# The device policy and profile administration (the audit log, key slots, the wire
# codec) are imported when the records are opened, not before the unlock screen is drawn
# (benchmarks/startup.py, issue 20).
Opened = tuple[Workspace, ProfileSettings, "DevicePolicy | None"]


def open_profile(gate: ProfileGate, passphrase: str) -> Opened:
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


class UnlockController(QObject):
    """Moves the window from first run or the passphrase to the work area, and hands the
    opened workspace to the work area's controllers."""

    def __init__(
        self,
        window: ShellWindow,
        gate: ProfileGate,
        work: BackgroundWork,
        held: HeldWorkspace,
        work_area: Callable[[], WorkArea],
    ) -> None:
        super().__init__()
        self._window = window
        self._gate = gate
        self._work = work
        self._held = held
        self._work_area = work_area  # built on the first call
        self.resume_presenting: tuple[int, float] | None = None  # (slide, talk's start)
        window.first_run.create_requested.connect(self._on_first_run_create_requested)
        window.safety.acknowledged.connect(self._on_safety_acknowledged)
        window.unlock.unlock_requested.connect(self._on_unlock_requested)
        window.decoy.return_requested.connect(self.start)

    def start(self) -> None:
        """First run if there is no profile yet, otherwise the passphrase screen."""
        if self._gate.exists():
            self._window.show_unlock()
        else:
            self._window.show_first_run()

    # ------------------------------------------------------------------ first run

    def _on_first_run_create_requested(self, passphrase: str) -> None:
        self._window.first_run.set_busy(True)

        gate = self._gate

        def create_and_open() -> Opened:  # on a worker thread
            gate.create(passphrase)
            return open_profile(gate, passphrase)

        self._work.run(
            create_and_open,
            self._on_profile_created,
            self._on_first_run_failed,
            on_discarded=_close_quietly,
        )

    def _on_profile_created(self, opened: Opened) -> None:
        self._window.first_run.set_busy(False)
        self.adopt(*opened)
        self._window.show_safety()

    def _on_first_run_failed(self, error: BaseException) -> None:
        self._window.first_run.set_busy(False)
        self._window.first_run.show_error(message_for(error, UNEXPECTED))

    def _on_safety_acknowledged(self) -> None:
        if self._held.workspace is None:
            self._window.show_unlock()
            return
        self._window.show_work_area()

    # ------------------------------------------------------------------ unlock

    def _on_unlock_requested(self, passphrase: str) -> None:
        # The wait between wrong tries is the store's, shared with the command line and
        # the kiosk and kept across restarts (store/keys/attempts.py); it arrives here as
        # TooManyAttemptsError or with a WrongPassphraseError.
        self._window.unlock.set_busy(True)
        gate = self._gate
        self._work.run(
            lambda: open_profile(gate, passphrase),
            self._on_unlocked,
            self._on_unlock_failed,
            on_discarded=_close_quietly,
        )

    def _on_unlocked(self, opened: Opened) -> None:
        self._window.unlock.set_busy(False)
        self.adopt(*opened)
        self._window.show_work_area()

    def _on_unlock_failed(self, error: BaseException) -> None:
        self._window.unlock.set_busy(False)
        if isinstance(error, WrongPassphraseError):
            self._window.unlock.show_error(error.message, error.wait_seconds)
        elif isinstance(error, TooManyAttemptsError):
            self._window.unlock.show_error(error.message, error.seconds)
        else:
            self._window.unlock.show_error(message_for(error, UNEXPECTED))

    def adopt(
        self, workspace: Workspace, settings: ProfileSettings, policy: DevicePolicy | None
    ) -> None:
        """Hold the opened workspace and hand it to every controller behind the passphrase."""
        area = self._work_area()
        if self.resume_presenting is not None:  # handed over from the process before
            area.pages.sessions.resume_presenting = self.resume_presenting
            self.resume_presenting = None
        self._held.workspace = workspace
        area.settings.adopt(settings, policy)
        area.attach(workspace)
        area.settings.watch_idle()
