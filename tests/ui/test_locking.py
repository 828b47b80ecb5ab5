"""Unlocking, locking by hand and by idleness, and locking over an open dialog."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import REPO
from tests.support.tools import require_tool
from tests.ui.conftest import DEMO_NAMES, unlock, unlocked_store
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.dialogs.settings_dialog import SettingsDialog


def test_a_wrong_passphrase_waits_longer_each_time(qtbot: QtBot, desktop: DesktopApp) -> None:
    """Three free tries, then the store's own wait (shared with the command line and the
    kiosk, and kept across restarts): the screen says how long, and holds the button."""
    screen = desktop.window.unlock
    for expected in ("Unlock", "Unlock", "Try again in 1 s", "Try again in 2 s"):
        qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=10_000)
        screen.message.hide()
        qtbot.keyClicks(screen.passphrase, "not the passphrase")
        qtbot.keyClick(screen.passphrase, "\r")
        qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=10_000)
        assert "does not open this profile" in screen.message.text()
        assert screen.unlock_button.text() == expected
        assert screen.unlock_button.isEnabled() == (expected == "Unlock")
        assert screen.passphrase.text() == ""
    assert not desktop.controller.is_unlocked


def test_after_a_wrong_passphrase_typing_goes_to_the_field_and_enter_says_why_it_waits(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    screen = desktop.window.unlock
    for _ in range(3):
        qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=10_000)
        qtbot.keyClicks(screen.passphrase, "not the passphrase")
        qtbot.keyClick(screen.passphrase, "\r")
        qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=10_000)
        assert QApplication.focusWidget() is screen.passphrase  # never Quick exit
    qtbot.keyClicks(screen.passphrase, DEMO_PASSPHRASE)  # the right one, too soon
    qtbot.keyClick(screen.passphrase, "\r")
    assert screen.message.is_error
    assert screen.message.text().startswith("Error: Wait 1 second after the wrong")
    assert screen.passphrase.text() == DEMO_PASSPHRASE  # kept for when the wait ends
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=5_000)
    qtbot.keyClick(screen.passphrase, "\r")
    qtbot.waitUntil(lambda: desktop.controller.is_unlocked, timeout=10_000)


def test_the_lock_button_closes_the_store_and_clears_the_register(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    store = unlocked_store(desktop)
    assert store is not None
    desktop.window.lock_button.click()
    assert not store.owner.is_open
    assert desktop.window.stack.currentWidget() is desktop.window.unlock
    assert widgets_containing(DEMO_NAMES) == []
    assert not desktop.window.lock_button.isVisible()


def test_idle_time_locks_the_app(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    assert desktop.controller.idle.active
    desktop.controller.idle.start(0.2)  # the real timer, shortened
    qtbot.waitUntil(lambda: not desktop.controller.is_unlocked, timeout=5_000)
    assert desktop.window.stack.currentWidget() is desktop.window.unlock
    assert widgets_containing(DEMO_NAMES) == []


def test_locking_while_a_dialog_is_open_closes_the_dialog(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    desktop.controller.open_settings()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    desktop.controller.lock()
    assert not dialog.isVisible()
    assert not desktop.controller.is_unlocked
    assert QApplication.activeModalWidget() is None


def test_the_idle_lock_setting_is_saved_in_the_profile(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    desktop.controller.open_settings()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    dialog.idle_lock.setValue(90)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: desktop.controller.settings.idle_lock_seconds == 90)
    desktop.controller.lock()
    unlock(qtbot, desktop)
    assert desktop.controller.settings.idle_lock_seconds == 90


SCREEN_LOCK_SCRIPT = textwrap.dedent(
    """
    import subprocess
    from datetime import date
    from PySide6.QtCore import QTimer
    from victim_champion.app import application, build_desktop
    from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile

    app = application()
    demo = create_demo_profile(date(2026, 11, 21))
    desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
    from victim_champion.ui.controllers.unlock_controller import open_profile
    desktop.controller._adopt(*open_profile(desktop.controller.gate, DEMO_PASSPHRASE))
    desktop.window.show_work_area()
    desktop.window.show()
    assert desktop.controller.is_unlocked
    # The watcher joins the buses after the window's first paint (ui/first_paint.py).
    QTimer.singleShot(100, lambda: print("listening:", desktop.system_lock.listening))
    QTimer.singleShot(300, lambda: subprocess.run([
        "dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"], check=True))
    QTimer.singleShot(5000, app.quit)
    desktop.controller.locked.connect(app.quit)
    app.exec()
    print("locked" if not desktop.controller.is_unlocked else "still unlocked")
    desktop.close()
    demo.discard()
    """
)


def test_the_desktop_screen_saver_locking_locks_the_app() -> None:
    require_tool("dbus-run-session", "a private D-Bus session bus")
    child = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", SCREEN_LOCK_SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # this script unlocks on its main thread, so the GUI-thread check is off here
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "VC_DEBUG_GUI_THREAD": ""},
    )
    assert "org.freedesktop.ScreenSaver.ActiveChanged" in child.stdout, child.stderr
    # The last line exactly: "still unlocked" also ends with "locked".
    last_line = child.stdout.strip().splitlines()[-1] if child.stdout.strip() else ""
    assert last_line == "locked", child.stdout + child.stderr
