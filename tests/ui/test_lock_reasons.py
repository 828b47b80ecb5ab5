"""The unlock screen says why the app locked, and the reason survives the hand-over to a
fresh process (it travels in the resume mode, "unlock:idle-600")."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp, build_desktop, hand_over_after_locking, show_resumed
from victim_champion.content.message_catalogue import messages
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.ui.guards import fresh_process, lock_reasons


def said(desktop: DesktopApp) -> str:
    screen = desktop.window.unlock
    return screen.reason_label.text() if screen.reason_label.isVisible() else ""


def test_an_idle_lock_says_after_how_long(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    minutes = round(desktop.controller.idle_lock_seconds / 60)
    desktop.controller.idle.start(0.05)  # the real idle timer, shortened
    qtbot.waitUntil(lambda: not desktop.controller.is_unlocked)
    assert said(desktop) == messages().plural("unlock.reason_idle", minutes)
    assert said(desktop).startswith("Locked after ") and "without use" in said(desktop)


def test_the_lock_button_the_computer_s_lock_and_the_quick_exit_each_say_so(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    assert said(desktop) == ""  # started: nothing to explain
    unlock(qtbot, desktop)
    qtbot.mouseClick(desktop.window.lock_button, Qt.MouseButton.LeftButton)
    assert said(desktop) == "Locked with the Lock button."
    unlock(qtbot, desktop)
    desktop.system_lock.lock_requested.emit()
    assert said(desktop) == "Locked because the computer was locked or went to sleep."
    unlock(qtbot, desktop)
    desktop.controller.quick_exit()
    qtbot.keyClick(
        desktop.window.decoy.page,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert desktop.window.stack.currentWidget() is desktop.window.unlock
    assert said(desktop) == "Locked by the quick exit."


def test_the_reason_survives_the_hand_over_to_a_fresh_process(
    qtbot: QtBot,
    desktop: DesktopApp,
    demo: DemoProfile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    modes: list[str] = []
    # Where the old process would start the new one: note the mode it would be given.
    monkeypatch.setattr(fresh_process, "hand_over", lambda window, mode, *_: modes.append(mode))
    hand_over_after_locking(desktop, lambda: None)
    unlock(qtbot, desktop)
    desktop.controller.idle.start(0.05)
    qtbot.waitUntil(lambda: modes != [], timeout=5_000)
    assert modes == [lock_reasons.resume_mode("unlock", desktop.window.unlock.reason)]
    assert modes[0].startswith("unlock:idle-")

    monkeypatch.setenv(fresh_process.RESUME_VARIABLE, modes[0])
    # The new process would tell the old one on its stdout that it has painted, then let
    # go of that pipe: here that is the test runner's own output, so it is not written.
    painted: list[bool] = []
    monkeypatch.setattr(fresh_process, "announce_painted", lambda: painted.append(True))
    fresh = build_desktop(demo.profile, DEMO_PASSPHRASE)
    qtbot.addWidget(fresh.window)
    try:
        show_resumed(fresh)
        qtbot.waitUntil(lambda: painted == [True])
        assert fresh.window.stack.currentWidget() is fresh.window.unlock
        assert said(fresh) == said(desktop) != ""
        assert fresh_process.RESUME_VARIABLE not in os.environ  # read once
    finally:
        fresh.close()


def test_a_reason_not_known_is_not_shown() -> None:
    assert lock_reasons.split_mode("unlock:anything") == ("unlock", "")
    assert lock_reasons.split_mode("decoy") == ("decoy", "")
    assert lock_reasons.split_mode(None) == (None, "")
    assert lock_reasons.sentence(lock_reasons.idle(60)) == "Locked after 1 minute without use."
