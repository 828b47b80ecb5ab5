"""The quick exit from every place it must work: each trigger, from the main window, from
a modal dialog, and while background work runs."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import DEMO_NAMES, FakeClock, unlock, unlocked_store
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.dialogs.settings_dialog import SettingsDialog
from victim_champion.ui.screens.decoy_screen import DECOY_TITLE


def focused(desktop: DesktopApp) -> QWidget:
    widget = QApplication.focusWidget()
    return widget if widget is not None else desktop.window


def press_escape(qtbot: QtBot, desktop: DesktopApp, clock: FakeClock) -> None:
    qtbot.keyClick(focused(desktop), Qt.Key.Key_Escape)


def press_shift_three_times(qtbot: QtBot, desktop: DesktopApp, clock: FakeClock) -> None:
    for _ in range(3):
        qtbot.keyClick(focused(desktop), Qt.Key.Key_Shift)
        clock.now += 1.5


def click_quick_exit(qtbot: QtBot, desktop: DesktopApp, clock: FakeClock) -> None:
    modal = QApplication.activeModalWidget()
    target = (
        modal.quick_exit_button
        if isinstance(modal, SettingsDialog)
        else (desktop.window.quick_exit_button)
    )
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


TRIGGERS: dict[str, Callable[[QtBot, DesktopApp, FakeClock], None]] = {
    "escape": press_escape,
    "shift x3": press_shift_three_times,
    "button": click_quick_exit,
}


def assert_hidden_and_locked(desktop: DesktopApp, store_was_open: list[object]) -> None:
    window = desktop.window
    assert window.showing_decoy
    assert not window.header.isVisible()
    assert window.windowTitle() == DECOY_TITLE
    for widget in QApplication.topLevelWidgets():
        if widget is not window:
            assert not widget.isVisible(), f"{type(widget).__name__} is still showing"
    assert not desktop.controller.is_unlocked
    for store in store_was_open:
        assert not store.owner.is_open  # type: ignore[attr-defined]
    assert widgets_containing(DEMO_NAMES) == []
    # The demo's unlock screen prints its passphrase on purpose; no field may hold it.
    assert all(
        DEMO_PASSPHRASE not in f.text()
        for f in QApplication.allWidgets()
        if isinstance(f, QLineEdit)
    )
    assert all(
        "Victim" not in w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()
    )


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_quick_exit_from_the_main_window(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock, trigger: str
) -> None:
    unlock(qtbot, desktop)
    store = unlocked_store(desktop)
    assert widgets_containing(DEMO_NAMES[:1])  # the register really shows names
    desktop.window.sessions.register_table.setFocus()
    TRIGGERS[trigger](qtbot, desktop, clock)
    assert_hidden_and_locked(desktop, [store])


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_quick_exit_from_a_modal_dialog(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock, trigger: str
) -> None:
    unlock(qtbot, desktop)
    store = unlocked_store(desktop)
    desktop.controller.open_settings()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    dialog.idle_lock.setFocus()
    TRIGGERS[trigger](qtbot, desktop, clock)
    assert_hidden_and_locked(desktop, [store])
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_quick_exit_while_background_work_runs(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock, trigger: str
) -> None:
    unlock(qtbot, desktop)
    store = unlocked_store(desktop)
    release = threading.Event()
    delivered: list[str] = []
    discarded: list[object] = []
    desktop.controller.work.run(
        lambda: release.wait(10) and "finished",
        on_done=delivered.append,
        on_error=lambda e: delivered.append("error"),
        on_discarded=discarded.append,
    )
    assert desktop.controller.work.busy
    TRIGGERS[trigger](qtbot, desktop, clock)
    assert_hidden_and_locked(desktop, [store])  # did not wait for the job
    release.set()
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert delivered == [] and discarded == ["finished"]


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_quick_exit_during_unlock_closes_the_store_that_opens_too_late(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock, trigger: str
) -> None:
    field = desktop.window.unlock.passphrase
    qtbot.keyClicks(field, DEMO_PASSPHRASE)
    qtbot.keyClick(field, "\r")
    assert desktop.controller.work.busy
    TRIGGERS[trigger](qtbot, desktop, clock)
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=10_000)
    assert_hidden_and_locked(desktop, [])
    assert desktop.controller.workspace is None


def test_the_staff_shortcut_leads_from_the_decoy_back_to_the_passphrase_only(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    unlock(qtbot, desktop)
    desktop.controller.quick_exit()
    qtbot.keyClick(
        desktop.window.decoy.page,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert desktop.window.stack.currentWidget() is desktop.window.unlock
    assert not desktop.controller.is_unlocked
    unlock(qtbot, desktop)
    assert widgets_containing(DEMO_NAMES[:1])


def test_the_clipboard_is_cleared_only_if_it_still_holds_what_the_app_put_there(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    clipboard = QApplication.clipboard()
    unlock(qtbot, desktop)
    desktop.controller.clipboard.copy("session reference 42")
    desktop.controller.quick_exit()
    assert clipboard.text() == ""
    desktop.controller.start()
    unlock(qtbot, desktop)
    desktop.controller.clipboard.copy("session reference 43")
    clipboard.setText("the worker's own note")
    desktop.controller.quick_exit()
    assert clipboard.text() == "the worker's own note"
