"""Every screen: each control has an accessible name, Tab reaches every control, and every
colour pair in the theme has a contrast of at least 4.5:1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from tests.support.keyrings import MemoryKeyring
from tests.ui.conftest import unlock
from tests.ui.widget_walk import focusable_controls
from victim_champion.app import DesktopApp, build_desktop
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.profile import Profile
from victim_champion.ui import theme
from victim_champion.ui.dialogs.settings_dialog import SettingsDialog


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("foreground", "background", "where"), theme.TEXT_PAIRS)
def test_text_contrast_is_at_least_4_5_to_1(foreground: str, background: str, where: str) -> None:
    assert contrast(foreground, background) >= 4.5, where


@pytest.mark.parametrize(("colour", "beside", "where"), theme.NON_TEXT_PAIRS)
def test_edges_and_marks_have_a_contrast_of_at_least_3_to_1(
    colour: str, beside: str, where: str
) -> None:
    assert contrast(colour, beside) >= 3.0, where


def audit(qtbot: QtBot, root: QWidget) -> None:
    """Accessible names on every control, and Tab visits every control."""
    controls = focusable_controls(root)
    assert controls, "the screen has no controls"
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName().strip()]
    assert unnamed == [], f"controls without an accessible name: {unnamed}"
    # Voice control says what it sees: a spoken name starts with the visible text.
    differ = [
        (shown, w.accessibleName())
        for w in controls
        if isinstance(w, QAbstractButton)
        and (shown := w.text().replace("&", "").replace("\u2026", "").strip())
        and not w.accessibleName().casefold().startswith(shown.casefold())
    ]
    assert differ == [], f"spoken names that do not start with the visible text: {differ}"
    root.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is root.window())
    controls[0].setFocus(Qt.FocusReason.TabFocusReason)
    visited: list[QWidget] = []
    for _ in range(len(controls) * 2 + 2):
        current = QApplication.focusWidget()
        assert current is not None
        visited.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)

    def reached(widget: QWidget) -> bool:
        # Tab enters a group of radio buttons once; the arrow keys move within it.
        group = widget.group() if isinstance(widget, QRadioButton) else None
        members = group.buttons() if group is not None else [widget]
        return any(member in visited for member in members)

    missing = [w.accessibleName() for w in controls if not reached(w)]
    assert missing == [], f"Tab never reaches: {missing}"


@pytest.fixture
def fresh_desktop(qtbot: QtBot, tmp_path: Path) -> Iterator[DesktopApp]:
    built = build_desktop(Profile(tmp_path / "new", DeviceSecretStore(MemoryKeyring())))
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.close()


def test_first_run_and_safety_screens(qtbot: QtBot, fresh_desktop: DesktopApp) -> None:
    window = fresh_desktop.window
    assert window.stack.currentWidget() is window.first_run
    audit(qtbot, window)
    qtbot.keyClicks(window.first_run.passphrase, "river lantern copper meadow")
    qtbot.keyClicks(window.first_run.confirmation, "river lantern copper meadow")
    qtbot.keyClick(window.first_run.confirmation, "\r")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.safety, timeout=15_000)
    audit(qtbot, window)


def test_unlock_main_and_settings_screens(qtbot: QtBot, desktop: DesktopApp) -> None:
    audit(qtbot, desktop.window)
    unlock(qtbot, desktop)
    audit(qtbot, desktop.window)
    desktop.controller.open_settings()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    audit(qtbot, dialog)


def test_handouts_page_and_the_preview_dialog(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(1)
    audit(qtbot, desktop.window)
    desktop.window.handouts.preview_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None
    qtbot.waitExposed(preview)
    audit(qtbot, preview)


def test_the_sync_panel(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(2)
    audit(qtbot, desktop.window)


def test_the_signposting_page_and_the_sessions_dialogs(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sessions
    qtbot.waitUntil(lambda: page.register.rowCount() > 0)
    audit(qtbot, desktop.window)
    page.register_table.selectRow(0)
    for opener in (page.import_button.click, page.correct_action.trigger, page.delete_button.click):
        opener()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        audit(qtbot, dialog)
        dialog.close()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    desktop.window.navigation.setCurrentRow(3)
    desktop.window.signposting.need_boxes["emotional-support"].click()
    desktop.window.signposting.find_button.click()
    audit(qtbot, desktop.window)


def test_a_screen_reader_hears_the_quiz_in_its_own_words(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sessions
    qtbot.waitUntil(lambda: page.selected_session_id() is not None)
    page.kiosk_actions["pre"].trigger()
    kiosk = desktop.window.kiosk
    question = kiosk.questions[0]
    assert kiosk.question_text.accessibleName() == (
        f"Question 1 of {len(kiosk.questions)}: {question.text}"
    )
    spoken = [b.accessibleName() for b in kiosk.option_buttons if b.isVisible()]
    assert spoken == list(question.options)
    audit(qtbot, kiosk)


def test_the_decoy_screen(qtbot: QtBot, desktop: DesktopApp) -> None:
    desktop.controller.quick_exit()
    audit(qtbot, desktop.window)


def test_a_new_profile_is_made_from_the_first_run_screen_by_keyboard_alone(
    qtbot: QtBot, fresh_desktop: DesktopApp
) -> None:
    window = fresh_desktop.window
    qtbot.keyClicks(window.first_run.passphrase, "river lantern copper meadow")
    qtbot.keyClick(window.first_run.passphrase, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "river lantern copper meadow different")
    qtbot.keyClick(QApplication.focusWidget(), "\r")
    assert "different" in window.first_run.message.text()
    qtbot.keyClicks(window.first_run.confirmation, "river lantern copper meadow")
    qtbot.keyClick(window.first_run.confirmation, "\r")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.safety, timeout=15_000)
    qtbot.keyClick(window.safety.continue_button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.work_area
    assert fresh_desktop.controller.is_unlocked
