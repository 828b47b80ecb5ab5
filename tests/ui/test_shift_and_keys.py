"""Shift x3 through the real event filter, with a fake clock instead of sleeps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FakeClock, unlock
from victim_champion.app import DesktopApp


def shift(qtbot: QtBot, desktop: DesktopApp) -> None:
    qtbot.keyClick(desktop.window.sessions.session_table, Qt.Key.Key_Shift)


def test_three_shifts_within_five_seconds_each_exit(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    unlock(qtbot, desktop)
    for gap in (0.0, 4.9, 4.9):
        clock.now += gap
        shift(qtbot, desktop)
    assert desktop.window.showing_decoy


def test_more_than_five_seconds_between_shifts_does_not_exit(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    unlock(qtbot, desktop)
    for gap in (0.0, 5.1, 5.1):
        clock.now += gap
        shift(qtbot, desktop)
    assert not desktop.window.showing_decoy and desktop.controller.is_unlocked


def test_another_key_between_shifts_resets_the_count(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    unlock(qtbot, desktop)
    shift(qtbot, desktop)
    shift(qtbot, desktop)
    qtbot.keyClick(desktop.window.sessions.session_table, Qt.Key.Key_Down)
    shift(qtbot, desktop)
    assert not desktop.window.showing_decoy
    shift(qtbot, desktop)
    shift(qtbot, desktop)
    assert desktop.window.showing_decoy


def test_typing_capital_letters_does_not_exit(qtbot: QtBot, desktop: DesktopApp) -> None:
    field = desktop.window.unlock.passphrase
    for letter in "ABC":
        qtbot.keyClick(field, Qt.Key.Key_Shift)
        qtbot.keyClick(field, letter, Qt.KeyboardModifier.ShiftModifier)
    assert not desktop.window.showing_decoy
    assert field.text() == "ABC"
