"""Changing the passphrase from Settings, by keyboard, on the real desktop and profile."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.passphrase_dialog import PassphraseDialog
from victim_champion.ui.dialogs.settings_dialog import SettingsDialog

NEW = "lantern teapot orchard velvet"


def open_passphrase_dialog(desktop: DesktopApp) -> PassphraseDialog:
    desktop.controller.open_settings()
    settings = QApplication.activeModalWidget()
    assert isinstance(settings, SettingsDialog)
    settings.passphrase_button.click()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PassphraseDialog)
    return dialog


def type_in(qtbot: QtBot, dialog: PassphraseDialog, current: str, new: str) -> None:
    for field, text in ((dialog.current, current), (dialog.new, new), (dialog.confirmation, new)):
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)  # Enter submits


def test_a_weak_new_passphrase_is_refused_in_the_dialog_with_words_that_would_do(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    dialog = open_passphrase_dialog(desktop)
    type_in(qtbot, dialog, DEMO_PASSPHRASE, "password1234")
    assert dialog.isVisible() and "very common password" in dialog.message.text()
    assert "for example" in dialog.message.text()
    assert dialog.strength.text().startswith("Strength:")


def test_the_new_passphrase_opens_and_the_old_one_no_longer_does(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    dialog = open_passphrase_dialog(desktop)
    type_in(qtbot, dialog, DEMO_PASSPHRASE, NEW)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MessageDialog))
    done = QApplication.activeModalWidget()
    assert isinstance(done, MessageDialog) and "new passphrase" in done.text.text()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # its fields are gone too
    desktop.controller.lock()
    screen = desktop.window.unlock
    qtbot.keyClicks(screen.passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=10_000)
    assert "does not open this profile" in screen.message.text()
    unlock(qtbot, desktop, NEW)
