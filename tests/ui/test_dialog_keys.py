"""Keys in dialogs: the first focus is never Quick exit (a Space meant for the dialog must
not hide the screen), and Enter presses the main button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.settings_dialog import SettingsDialog


def test_space_in_a_message_presses_ok_not_quick_exit(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    desktop.controller.show_error("Something could not be done.")
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MessageDialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.ok_button)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert desktop.controller.is_unlocked and not desktop.window.showing_decoy


def test_enter_saves_the_settings(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    desktop.controller.open_settings()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.idle_lock)
    dialog.idle_lock.setValue(150)
    qtbot.keyClick(dialog.idle_lock, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desktop.controller.settings.idle_lock_seconds == 150)
