"""An attendee holding the laptop in kiosk mode cannot guess the staff passphrase freely:
leaving the kiosk shares the one count of wrong passphrases (store/keys/attempts.py)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE


def test_guesses_at_the_kiosk_are_slowed_like_every_other_way_in(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sessions
    qtbot.waitUntil(lambda: page.selected_session_id() is not None)
    page.kiosk_actions["sign-in"].trigger()
    kiosk = desktop.window.kiosk
    said = []
    for guess in ["not the passphrase"] * 4 + [DEMO_PASSPHRASE]:
        kiosk.staff_passphrase.clear()
        kiosk.staff_message.setText("")
        qtbot.keyClicks(kiosk.staff_passphrase, guess)
        kiosk.leave_button.click()
        qtbot.waitUntil(lambda: kiosk.staff_message.text() != "", timeout=10_000)
        said.append(kiosk.staff_message.text())
    assert all("not the staff passphrase" in text for text in said[:3])
    waiting = kiosk.staff_message.error_prefix + "Too many wrong passphrases: wait"
    assert said[3].startswith(waiting)
    assert said[4].startswith(waiting)  # the right one waits too
    assert desktop.window.stack.currentWidget() is kiosk
