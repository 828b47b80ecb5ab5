"""Composition root: the one place that wires the concrete parts together.

``main`` is the ``victim-champion`` entry point: the command line, which opens the
desktop app when no command is given. Qt is imported only when the desktop is built,
so a command such as ``session list`` never loads it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from victim_champion.operations.languages import DEFAULT_LANGUAGE, choose_language
from victim_champion.operations.workspace import ProfileGate
from victim_champion.store.profile import Profile

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from victim_champion.ui.controllers.shell_controller import ShellController
    from victim_champion.ui.guards.system_lock_watcher import SystemLockWatcher
    from victim_champion.ui.shell_window import ShellWindow

DEBUG_GUI_THREAD_VARIABLE = "VC_DEBUG_GUI_THREAD"

# The language of the kiosk and of everything printed from the app; en-GB when unset.
LANGUAGE_VARIABLE = "VC_LANGUAGE"


@dataclass
class DesktopApp:
    """The wired-up desktop app: one window, its controller and the OS lock watcher."""

    window: ShellWindow
    controller: ShellController
    system_lock: SystemLockWatcher

    def close(self) -> None:
        """Lock, stop watching input, and wait for background work."""
        self.controller.lock()
        self.controller.uninstall(application())
        self.controller.work.shutdown()
        self.controller.events.close()


def application() -> QApplication:
    """The QApplication, themed (created if needed)."""
    from PySide6.QtWidgets import QApplication

    from victim_champion.ui.theme import apply_theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    apply_theme(app)
    return app


def build_desktop(
    profile: Profile,
    demo_passphrase: str | None = None,
    clock: Callable[[], float] = time.monotonic,
    language: str = DEFAULT_LANGUAGE,
) -> DesktopApp:
    """Wire the shell for a profile; the caller shows the window and runs the event loop.

    ``language`` (a catalogue language) is what the kiosk shows and the app prints.
    """
    from victim_champion.ui.controllers.shell_controller import ShellController
    from victim_champion.ui.guards import lock_reasons
    from victim_champion.ui.guards.system_lock_watcher import SystemLockWatcher
    from victim_champion.ui.shell_window import ShellWindow
    from victim_champion.ui.work_area_registry import build_controllers

    app = application()
    # Debug mode (every UI test): a store call made on the GUI thread fails the test.
    gui_thread = threading.get_ident() if os.environ.get(DEBUG_GUI_THREAD_VARIABLE) else None
    window = ShellWindow(demo_passphrase, language)
    gate = ProfileGate(profile, forbidden_thread=gui_thread)
    controller = ShellController(window, gate, build_controllers, clock)
    controller.install(app)
    system_lock = SystemLockWatcher(window)
    system_lock.lock_requested.connect(lambda: controller.lock(lock_reasons.SYSTEM))
    controller.start()
    return DesktopApp(window, controller, system_lock)


def hand_over_after_locking(desktop: DesktopApp, cleanup: Callable[[], None]) -> None:
    """After a quick exit or any lock, carry on in a fresh process that never held the
    passphrase, the key or a record (ui/guards/fresh_process.py)."""
    from PySide6.QtCore import QTimer

    from victim_champion.ui.guards import lock_reasons
    from victim_champion.ui.guards.fresh_process import hand_over

    def go(mode: str) -> None:
        if desktop.controller.revoked:  # the wipe and its message come first
            return

        def before_exit() -> None:
            desktop.close()
            cleanup()

        area = desktop.controller.work_area
        presenting = None if area is None else area.pages.sessions.resume_presenting
        hand_over(desktop.window, mode, before_exit, presenting, lambda: fail_closed(desktop))

    # A moment after the decoy or unlock screen is painted, never before it.
    desktop.controller.quick_exited.connect(lambda: QTimer.singleShot(100, lambda: go("decoy")))
    # The reason it locked goes too ("unlock:idle-600"), for the new unlock screen to say.
    unlock_screen = desktop.window.unlock

    def go_unlock() -> None:
        go(lock_reasons.resume_mode("unlock", unlock_screen.reason))

    desktop.controller.locked.connect(lambda: QTimer.singleShot(100, go_unlock))


def fail_closed(desktop: DesktopApp) -> None:
    """No fresh process took over after a lock: close the store (if anything reopened it),
    zero the keys this process still holds, and stay on the decoy with nothing on screen.
    The decoy's way back to the unlock screen still works."""
    from victim_champion.store.key_scrub import zero_held_keys

    if desktop.controller.is_unlocked:
        desktop.controller.lock()
    desktop.window.clear_personal_data()
    desktop.window.show_decoy()
    zero_held_keys()


def show_resumed(desktop: DesktopApp) -> None:
    """Show the window; a fresh process after a hand-over shows the screen and place the
    old one had, and says when it is painted."""
    from PySide6.QtCore import QTimer

    from victim_champion.ui.guards.fresh_process import (
        announce_painted,
        resumed_mode,
        resumed_presenting,
    )
    from victim_champion.ui.guards.lock_reasons import QUICK_EXIT, split_mode
    from victim_champion.ui.shell_window import show_for_this_screen

    mode, geometry = resumed_mode()
    desktop.controller.resume_presenting = resumed_presenting()
    window = desktop.window
    screen, reason = split_mode(mode)
    window.unlock.show_reason(QUICK_EXIT if screen == "decoy" else reason)
    if geometry is not None:
        x, y, width, height, maximised = geometry
        window.setGeometry(x, y, width, height)
        if maximised:
            window.showMaximized()
    if screen == "decoy":
        window.show_decoy()
    if geometry is None:
        show_for_this_screen(window)
    else:
        window.show()
    if mode is not None:
        QTimer.singleShot(0, announce_painted)


def run_desktop(data_dir: Path, demo: bool) -> int:
    """Open the app on the profile in ``data_dir``, or on a throwaway demo profile."""
    from PySide6.QtCore import QTimer

    from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile
    from victim_champion.ui.warm_up import warm_up

    language = choose_language(os.environ.get(LANGUAGE_VARIABLE))  # refused before Qt starts
    app = application()
    # Ctrl+C or a polite kill still locks and removes the demo folder, even one that comes
    # while the window is still being built: the handlers go in first, and a stop asked
    # for before the event loop runs is honoured instead of lost. Python only runs signal
    # handlers when it has control, so a light timer hands it control.
    stopping: list[bool] = []

    def stop(*_: object) -> None:
        stopping.append(True)
        app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    demo_profile = create_demo_profile(date.today()) if demo else None
    desktop: DesktopApp | None = None
    try:
        profile = demo_profile.profile if demo_profile else Profile(data_dir)
        desktop = build_desktop(
            profile, DEMO_PASSPHRASE if demo_profile else None, language=language
        )
        show_resumed(desktop)
        hand_over_after_locking(desktop, demo_profile.discard if demo_profile else lambda: None)
        # The work area's code, loaded in small steps while the unlock screen waits.
        warm_up(after_painting=desktop.window)
        heartbeat = QTimer()
        heartbeat.start(250)
        heartbeat.timeout.connect(lambda: None)
        return 0 if stopping else app.exec()
    finally:
        if desktop is not None:
            desktop.close()
        if demo_profile is not None:
            demo_profile.discard()


def main(argv: Sequence[str] | None = None) -> int:
    """``victim-champion``: a command, or the desktop app when none is given."""
    from victim_champion.cli.main import main as command_line
    from victim_champion.cli.self_test import QT_PROBE_COMMAND

    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == [QT_PROBE_COMMAND]:  # self-test's child: Qt checks in their own process
        from victim_champion.ui.guards.platform_probe import run_probe
        from victim_champion.ui.warm_up import behind_the_passphrase

        return run_probe(behind_the_passphrase)
    return command_line(arguments, open_desktop=run_desktop)
