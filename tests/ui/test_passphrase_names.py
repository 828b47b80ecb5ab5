"""The screens judge a new passphrase with the slot's name too (issue 35, finding 4): the
first-run screen with the administrator's slot it makes, and Settings through the store,
which knows whose slot the current passphrase opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from tests.ui.test_change_passphrase import open_passphrase_dialog, type_in
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.screens.first_run_screen import FirstRunScreen

OWN_WORDS = "words anyone would try first here"


def test_the_first_run_screen_refuses_the_apps_words_and_the_slots_name(qtbot: QtBot) -> None:
    screen = FirstRunScreen()
    qtbot.addWidget(screen)
    asked: list[str] = []
    screen.create_requested.connect(asked.append)
    for passphrase in ("victim champion 2026", "administrator velvet 2026", "KENT.compass.point"):
        for field in (screen.passphrase, screen.confirmation):
            field.clear()
            qtbot.keyClicks(field, passphrase)
        assert "Not yet" in screen.strength_label.text()
        qtbot.keyClick(screen.confirmation, Qt.Key.Key_Return)
        assert OWN_WORDS in screen.message.text()
    assert asked == []
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, "lantern teapot orchard velvet")
    assert "Strong enough" in screen.strength_label.text()


def test_settings_refuses_a_passphrase_made_of_the_slots_own_name(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    dialog = open_passphrase_dialog(desktop)
    # Without the name this would pass; the store judges it as the Administrator's slot.
    type_in(qtbot, dialog, DEMO_PASSPHRASE, "administrator velvet 2026")
    qtbot.waitUntil(lambda: OWN_WORDS in dialog.message.text(), timeout=10_000)
    assert "(administrator)" in dialog.message.text()
    assert QApplication.activeModalWidget() is dialog
