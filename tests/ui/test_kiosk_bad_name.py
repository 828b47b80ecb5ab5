"""The kiosk refuses a name that is not text (issue 35, item 5): the attendee is told
which character, as U+XXXX, nobody is added, and a real name signs in as before."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.message_dialog import MessageDialog


def test_a_direction_override_at_the_kiosk_is_refused_naming_the_character(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sessions
    qtbot.waitUntil(lambda: page.selected_session_id() is not None)
    page.kiosk_actions["sign-in"].trigger()
    kiosk = desktop.window.kiosk
    kiosk.name.setText("Ev\u202eil Example")
    kiosk.sign_in_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MessageDialog))
    refusal = QApplication.activeModalWidget()
    assert isinstance(refusal, MessageDialog)
    said = refusal.text.text()
    assert "U+202E (a text-direction control)" in said and "\u202e" not in said
    assert "Ev" not in said
    refusal.ok_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "Ev" not in kiosk.thanks.text()
    kiosk.name.setText("Good Person")
    kiosk.sign_in_button.click()
    qtbot.waitUntil(lambda: "Good" in kiosk.thanks.text(), timeout=10_000)
