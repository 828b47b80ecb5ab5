"""The idle lock waits while a trainer presents or the kiosk is out, and comes back as
soon as neither is; the quick exit never waits."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp


def test_a_long_discussion_slide_does_not_lock_the_app(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    training = desktop.controller.training
    training.present()
    assert training.presenter is not None
    qtbot.waitUntil(lambda: training.presenter is not None and training.presenter.isVisible())
    desktop.controller.idle.start(0.2)  # the real idle timer, shortened
    qtbot.wait(1000)  # five idle periods with no key pressed
    assert desktop.controller.is_unlocked
    training.presenter.close()
    qtbot.waitUntil(lambda: not desktop.controller.is_unlocked, timeout=5_000)


def test_the_quick_exit_still_works_at_once_while_presenting(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    desktop.controller.training.present()
    desktop.controller.quick_exit()
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked


def test_after_a_lock_the_talk_carries_on_at_the_same_slide_and_time(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    training = desktop.controller.training
    training.present()
    presenter = training.presenter
    assert presenter is not None
    for _ in range(4):
        presenter.next()
    presenter.started_at -= 125  # the talk began two minutes ago
    desktop.window.lock_button.click()  # the lid closed, or the trainer locked it
    assert training.presenter is None and not desktop.controller.is_unlocked
    unlock(qtbot, desktop)
    again = training.presenter
    assert again is not None and again.isVisible()
    assert again.index == 4
    assert again.clock.text() >= "02:05"  # the clock kept running


def test_a_fresh_process_is_told_where_the_talk_was(monkeypatch: object) -> None:
    import os

    from victim_champion.ui.guards.fresh_process import PRESENTING_VARIABLE, resumed_presenting

    os.environ[PRESENTING_VARIABLE] = "7,1796000000.5"
    assert resumed_presenting() == (7, 1796000000.5)
    assert PRESENTING_VARIABLE not in os.environ  # read once
    os.environ[PRESENTING_VARIABLE] = "nonsense"
    assert resumed_presenting() is None
