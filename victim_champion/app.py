"""Composition root of the desktop app: builds the profile, the shell and its watchers."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from victim_champion.store.profile import Profile
from victim_champion.ui.controllers.shell_controller import ShellController
from victim_champion.ui.guards.system_lock_watcher import SystemLockWatcher
from victim_champion.ui.shell_window import ShellWindow
from victim_champion.ui.theme import apply_theme
from victim_champion.ui.warm_up import warm_up


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


def application() -> QApplication:
    """The QApplication, themed (created if needed)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    apply_theme(app)
    return app


def build_desktop(
    profile: Profile,
    demo_passphrase: str | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> DesktopApp:
    """Wire the shell for a profile; the caller shows the window and runs the event loop."""
    app = application()
    window = ShellWindow(demo_passphrase)
    controller = ShellController(window, profile, clock)
    controller.install(app)
    system_lock = SystemLockWatcher(window)
    system_lock.lock_requested.connect(controller.lock)
    controller.start()
    return DesktopApp(window, controller, system_lock)


def run_desktop(data_dir: Path, demo: bool) -> int:
    """Open the app on the profile in ``data_dir``, or on a throwaway demo profile."""
    from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile

    app = application()
    demo_profile = create_demo_profile(date.today()) if demo else None
    profile = demo_profile.profile if demo_profile else Profile(data_dir)
    desktop = build_desktop(profile, DEMO_PASSPHRASE if demo_profile else None)
    desktop.window.show()
    warm_up()  # the work area's code, loaded in small steps while the unlock screen waits
    # Ctrl+C or a polite kill still locks and removes the demo folder: Python only runs
    # signal handlers when it has control, so a light timer hands it control.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: app.quit())
    heartbeat = QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        desktop.close()
        if demo_profile is not None:
            demo_profile.discard()
