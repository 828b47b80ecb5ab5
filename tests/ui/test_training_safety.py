"""The quick exit and accessibility in the trainer's screens: kiosk, presenter, dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import DEMO_NAMES, unlock
from tests.ui.test_accessibility import audit
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.dialogs.training_dialogs import PersonDialog, SessionDialog
from victim_champion.ui.presenter_window import PresenterWindow


def test_shift_three_times_in_kiosk_mode_exits_and_locks(qtbot: QtBot, desktop: DesktopApp) -> None:
    # An attendee's Escape does nothing at the kiosk (tests/ui/test_escape_closes_first.py).
    unlock(qtbot, desktop)
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    desktop.controller.training.start_kiosk(session_id, "sign-in")
    kiosk = desktop.window.kiosk
    qtbot.keyClicks(kiosk.name, DEMO_NAMES[0])
    qtbot.keyClick(kiosk.name, Qt.Key.Key_Return)
    qtbot.keyClick(kiosk.name, Qt.Key.Key_Escape)
    assert not desktop.window.showing_decoy and desktop.controller.is_unlocked
    for _ in range(3):
        qtbot.keyClick(kiosk.name, Qt.Key.Key_Shift)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert widgets_containing(DEMO_NAMES) == []
    assert desktop.controller.training.kiosk_session is None


def presenting_on_one_screen(qtbot: QtBot, desktop: DesktopApp) -> PresenterWindow:
    """Unlocked, presenting, the audience screen shown by hand (one screen here)."""
    unlock(qtbot, desktop)
    desktop.window.sessions.present_button.click()
    presenter = desktop.controller.training.presenter
    assert presenter is not None
    presenter.toggle_audience()
    return presenter


def test_shift_three_times_hides_the_presenter_and_the_audience_screen(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    presenter = presenting_on_one_screen(qtbot, desktop)
    audience = presenter.audience
    assert audience.isVisible()
    for _ in range(3):
        qtbot.keyClick(audience, Qt.Key.Key_Shift)
    assert desktop.window.showing_decoy
    assert not presenter.isVisible() and not audience.isVisible()
    assert desktop.controller.training.presenter is None


def test_escape_ends_the_show_without_the_decoy_reaching_the_projector(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    presenter = presenting_on_one_screen(qtbot, desktop)
    assert presenter.audience_button.text() == "Hide audience screen"
    qtbot.keyClick(presenter.audience, Qt.Key.Key_Escape)  # ends the full-screen show
    assert not presenter.audience.isVisible() and presenter.isVisible()
    assert presenter.audience_button.text() == "Show audience screen"
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)  # and then the presenter view
    assert not presenter.isVisible()
    assert not desktop.window.showing_decoy and desktop.controller.is_unlocked


def test_one_screen_the_audience_window_takes_the_slide_keys_and_clicks(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    presenter = presenting_on_one_screen(qtbot, desktop)
    audience = presenter.audience
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
        qtbot.keyClick(audience, key)
    assert presenter.index == 3
    qtbot.mouseClick(audience.view, Qt.MouseButton.LeftButton)
    assert presenter.index == 4
    qtbot.mouseClick(audience.view, Qt.MouseButton.RightButton)
    qtbot.keyClick(audience, Qt.Key.Key_Left)
    assert presenter.index == 2
    qtbot.keyClick(audience, Qt.Key.Key_B)
    assert audience.blanked
    audience.back_button.click()  # the visible way back
    assert not audience.isVisible() and presenter.isVisible()


def test_kiosk_presenter_and_dialogs_are_accessible(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    for mode in ("sign-in", "pre", "feedback"):
        desktop.controller.training.start_kiosk(session_id, mode)
        audit(qtbot, desktop.window)
    qtbot.keyClicks(desktop.window.kiosk.staff_passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(desktop.window.kiosk.staff_passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: desktop.window.stack.currentWidget() is desktop.window.work_area, timeout=10_000
    )
    desktop.window.sessions.present_button.click()
    presenter = desktop.controller.training.presenter
    assert presenter is not None
    qtbot.waitExposed(presenter)
    audit(qtbot, presenter)
    presenter.close()
    for opener, kind in (
        (desktop.window.sessions.new_button, SessionDialog),
        (desktop.window.sessions.add_button, PersonDialog),
    ):
        opener.click()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog) and isinstance(dialog, kind)
        qtbot.waitExposed(dialog)
        audit(qtbot, dialog)
        dialog.reject()


def test_signposting_referral_reference_and_audit_screens_are_accessible(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    from victim_champion.ui.dialogs.quick_reference_dialog import QuickReferenceDialog
    from victim_champion.ui.dialogs.referral_dialog import ReferralDialog

    unlock(qtbot, desktop)
    window = desktop.window
    for row in (3, 4):
        window.navigation.setCurrentRow(row)
        audit(qtbot, window)
    from victim_champion.content.directory_loader import load_directory
    from victim_champion.ui.dialogs.withdraw_consent_dialog import WithdrawConsentDialog

    window.navigation.setCurrentRow(3)
    window.signposting.find_button.click()
    # This laptop is not enrolled, so its Refer button explains instead of opening the
    # dialog: the dialog is opened as an enrolled desk's would be, with two services.
    two = [s for s in load_directory() if s.id in ("davss", "east-kent-rapeline")]
    openers = {
        ReferralDialog: lambda: ReferralDialog(two, desktop.controller.quick_exit, window).open(),
        WithdrawConsentDialog: lambda: WithdrawConsentDialog(
            desktop.controller.quick_exit, window
        ).open(),
        QuickReferenceDialog: desktop.controller.open_quick_reference,
    }
    for kind, opener in openers.items():
        opener()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog) and isinstance(dialog, kind)
        qtbot.waitExposed(dialog)
        audit(qtbot, dialog)
        dialog.reject()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
