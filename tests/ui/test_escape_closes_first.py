"""Escape closes what is open and transient first; two Escapes within a second are the
quick exit from anywhere; at the kiosk an attendee's Escape does nothing.

Real widgets through the real application event filter (the fake clock stands in for
the second between presses).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import DEMO_NAMES, FakeClock, modal, unlock
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from victim_champion.ui.dialogs.save_as_dialog import SaveAsDialog
from victim_champion.ui.dialogs.training_dialogs import SessionDialog

SIGNPOSTING_ROW = 3  # Sessions, Handouts, Sync, Signposting, ...


def escape(qtbot: QtBot) -> None:
    """Escape, where the person's key goes: the open popup's focus, else the focus widget."""
    popup = QApplication.activePopupWidget()
    target = popup.focusWidget() if popup is not None else QApplication.focusWidget()
    if target is None:
        target = popup or QApplication.activeWindow()
    assert isinstance(target, QWidget)
    qtbot.keyClick(target, Qt.Key.Key_Escape)


def open_drop_down(qtbot: QtBot, combo: QComboBox) -> None:
    combo.setFocus()
    combo.showPopup()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)


def district_list(qtbot: QtBot, desktop: DesktopApp) -> QComboBox:
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(SIGNPOSTING_ROW)
    combo = desktop.window.signposting.district
    qtbot.waitUntil(combo.isVisible)
    return combo


def still_working(desktop: DesktopApp) -> bool:
    return desktop.controller.is_unlocked and not desktop.window.showing_decoy


def test_escape_in_the_district_list_closes_only_the_list(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    combo = district_list(qtbot, desktop)
    open_drop_down(qtbot, combo)
    escape(qtbot)
    assert QApplication.activePopupWidget() is None
    assert still_working(desktop)
    assert desktop.window.current_page() is desktop.window.signposting
    clock.now += 1.5  # later, with nothing open, one Escape is the quick exit again
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked


def test_escape_escape_from_the_district_list_is_the_quick_exit(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    combo = district_list(qtbot, desktop)
    open_drop_down(qtbot, combo)
    escape(qtbot)  # closes the list
    clock.now += 0.9
    open_drop_down(qtbot, combo)  # even if the second lands on a list again
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert QApplication.activePopupWidget() is None


def test_two_escapes_more_than_a_second_apart_close_one_list_each(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    combo = district_list(qtbot, desktop)
    for _ in range(2):
        open_drop_down(qtbot, combo)
        escape(qtbot)
        assert QApplication.activePopupWidget() is None and still_working(desktop)
        clock.now += 1.1


def test_escape_in_a_menu_closes_only_the_menu(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    unlock(qtbot, desktop)
    menu = desktop.window.sessions.kiosk_button.menu()
    menu.popup(desktop.window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
    escape(qtbot)
    assert not menu.isVisible() and still_working(desktop)


def test_escape_with_a_tooltip_showing_is_still_the_quick_exit(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    button = desktop.window.quick_exit_button
    QToolTip.showText(button.mapToGlobal(QPoint(4, 4)), "Hide everything now", button)
    desktop.window.sessions.register_table.setFocus()
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked


def open_preview(qtbot: QtBot, desktop: DesktopApp) -> PdfPreviewDialog:
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(1)
    desktop.window.handouts.preview_button.click()
    printing = desktop.controller.printing
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    preview = printing.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitExposed(preview)
    activate(qtbot, preview)
    return preview


def open_print_dialog(qtbot: QtBot, preview: PdfPreviewDialog) -> QWidget:
    preview.print_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not preview)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.inherits("QPrintDialog")
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return dialog


def activate(qtbot: QtBot, window: QWidget) -> None:
    """What the window manager does when a dialog opens or closes (offscreen has none)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def gone(dialog: QWidget) -> bool:
    """Closed (Qt deletes the print dialog once it is closed)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_escape_closes_the_print_dialog_then_the_preview_then_exits(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    preview = open_preview(qtbot, desktop)
    print_dialog = open_print_dialog(qtbot, preview)
    escape(qtbot)
    qtbot.waitUntil(lambda: gone(print_dialog))
    assert QApplication.activeModalWidget() is preview
    assert preview.isVisible() and still_working(desktop)
    activate(qtbot, preview)
    clock.now += 2
    escape(qtbot)
    qtbot.waitUntil(lambda: gone(preview))
    assert still_working(desktop)
    activate(qtbot, desktop.window)
    clock.now += 2
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked


def test_escape_escape_in_the_print_dialog_is_the_quick_exit(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    preview = open_preview(qtbot, desktop)
    print_dialog = open_print_dialog(qtbot, preview)
    escape(qtbot)
    activate(qtbot, preview)
    clock.now += 0.5
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert gone(print_dialog) and not preview.isVisible()


def test_escape_closes_the_save_as_dialog(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    preview = open_preview(qtbot, desktop)
    preview.save_button.click()
    save_as = modal(qtbot, SaveAsDialog)
    qtbot.waitExposed(save_as)
    activate(qtbot, save_as)
    escape(qtbot)
    qtbot.waitUntil(lambda: gone(save_as))
    assert shiboken6.isValid(preview) and preview.isVisible() and still_working(desktop)


def open_session_dialog(qtbot: QtBot, desktop: DesktopApp) -> SessionDialog:
    unlock(qtbot, desktop)
    desktop.window.sessions.new_button.click()
    dialog = modal(qtbot, SessionDialog)
    assert isinstance(dialog, SessionDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_escape_in_a_form_dialog_is_the_quick_exit(qtbot: QtBot, desktop: DesktopApp) -> None:
    dialog = open_session_dialog(qtbot, desktop)
    qtbot.keyClicks(dialog.venue, "Sittingbourne library")
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert not dialog.isVisible()


def test_escape_escape_from_a_list_inside_a_form_dialog_is_the_quick_exit(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    dialog = open_session_dialog(qtbot, desktop)
    open_drop_down(qtbot, dialog.district)
    escape(qtbot)  # the first closes only the list: the dialog and its words stay
    assert QApplication.activePopupWidget() is None
    assert dialog.isVisible() and still_working(desktop)
    clock.now += 0.4
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert not dialog.isVisible()


def start_kiosk(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    desktop.controller.training.start_kiosk(session_id, "sign-in")
    kiosk = desktop.window.kiosk
    qtbot.waitUntil(kiosk.isVisible)
    qtbot.keyClicks(kiosk.name, DEMO_NAMES[0])


def test_an_attendee_escape_at_the_kiosk_does_nothing_even_twice(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    start_kiosk(qtbot, desktop)
    kiosk = desktop.window.kiosk
    for _ in range(3):
        qtbot.keyClick(kiosk.name, Qt.Key.Key_Escape)
    assert desktop.window.stack.currentWidget() is kiosk and still_working(desktop)
    assert kiosk.name.text() == DEMO_NAMES[0]  # not even the field reacted
    assert desktop.controller.training.kiosk_session is not None


def test_shift_three_times_and_the_button_still_leave_the_kiosk(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    start_kiosk(qtbot, desktop)
    for _ in range(3):
        qtbot.keyClick(desktop.window.kiosk.name, Qt.Key.Key_Shift)
        clock.now += 1
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert widgets_containing(DEMO_NAMES) == []
    desktop.controller.start()
    start_kiosk(qtbot, desktop)
    qtbot.mouseClick(desktop.window.quick_exit_button, Qt.MouseButton.LeftButton)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked


def test_after_leaving_the_kiosk_escape_is_the_quick_exit_again(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    from victim_champion.store.demo_profile import DEMO_PASSPHRASE

    start_kiosk(qtbot, desktop)
    kiosk = desktop.window.kiosk
    qtbot.keyClicks(kiosk.staff_passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(kiosk.staff_passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desktop.window.stack.currentWidget() is desktop.window.work_area)
    desktop.window.sessions.register_table.setFocus()
    escape(qtbot)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked


def test_the_keys_are_watched_again_after_a_quick_exit_from_a_dialog(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    # The filters are taken off while the dialog is hidden and the decoy painted.
    open_session_dialog(qtbot, desktop)
    escape(qtbot)
    assert desktop.window.showing_decoy
    desktop.controller.start()
    unlock(qtbot, desktop)
    for _ in range(3):
        qtbot.keyClick(desktop.window.sessions.register_table, Qt.Key.Key_Shift)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
