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
