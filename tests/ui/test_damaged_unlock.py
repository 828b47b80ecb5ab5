"""The unlock screen on a damaged profile: one sentence, nothing shown, nothing changed."""

from __future__ import annotations

import hashlib

from pytestqt.qtbot import QtBot

from tests.ui.conftest import DEMO_NAMES
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.core.errors import CorruptStoreError
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.ui.widgets.form_widgets import ERROR_PREFIX

PAGE = 4096


def test_a_damaged_page_is_told_on_the_unlock_screen_and_nothing_else_is_shown(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile
) -> None:
    database = demo.profile.paths.database
    data = bytearray(database.read_bytes())
    data[(len(data) // PAGE - 1) * PAGE + 300] ^= 0x01  # the last page: never read at unlock
    database.write_bytes(bytes(data))
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    screen = desktop.window.unlock

    qtbot.keyClicks(screen.passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(screen.passphrase, "\r")
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=10_000)

    assert screen.message.is_error  # told as an error: a word and a colour
    assert screen.message.text() == ERROR_PREFIX + CorruptStoreError.default_message
    assert "unexpected" not in screen.message.text().casefold()
    assert not desktop.controller.is_unlocked
    assert desktop.window.stack.currentWidget() is screen
    assert widgets_containing(DEMO_NAMES) == []
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


def test_while_unlocking_the_screen_says_the_data_file_is_being_checked(
    desktop: DesktopApp,
) -> None:
    screen = desktop.window.unlock
    screen.set_busy(True)
    assert screen.checking.isVisible() and "checking the data file" in screen.checking.text()
    assert not screen.passphrase.isEnabled()
    screen.set_busy(False)
    assert not screen.checking.isVisible()
