"""A drop-in conversation at a Compass Point, through the real widgets: needs, services
with reasons, the smallest record, a referral with consent, the printed sheet, forget me."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.pdf_tools import pdf_text
from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog


def test_a_drop_in_conversation_from_needs_to_printed_sheet(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    window = desktop.window
    window.navigation.setCurrentRow(3)
    page = window.signposting
    page.district.setCurrentIndex(page.district.findText("Dartford"))
    page.need_boxes["domestic-abuse"].click()
    page.need_boxes["feeling-safe"].click()
    page.gender.setCurrentIndex(page.gender.findText("Man"))
    page.find_button.click()
    assert page.results.count() >= 2
    first = page.results.item(0).text()
    assert first.startswith("Choices domestic abuse service")
    assert "covers Dartford" in first and "supports male victims of domestic abuse" in first
    assert "Sample" in first  # unverified entries are marked on screen
    for row in range(1, page.results.count()):  # talk through the first one only
        page.results.item(row).setCheckState(page.results.item(row).checkState().Unchecked)

    page.refer_button.click()  # keeps the anonymous record first
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ReferralDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ReferralDialog)
    dialog.ok_button.click()  # no consent ticked: refused in words
    assert "needs their consent" in dialog.message.text() and dialog.isVisible()
    dialog.consent.click()  # no contact details: this laptop has no desk key to seal them
    dialog.ok_button.click()
    # written off the GUI thread; the page says so and refreshes itself on the event
    qtbot.waitUntil(lambda: "Referral made with consent" in page.message.text())
    qtbot.waitUntil(lambda: "referrals:" in (page.records.item(0) or page.message).text())
    assert page.records.count() == 1
    assert "referrals: choices-dartford: waiting" in page.records.item(0).text()
    assert "Sam Example" not in page.records.item(0).text()

    page.sheet_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None
    text = pdf_text(preview.pdf_bytes, tmp_path)
    assert "Choices domestic abuse service" in text and "DAVSS" not in text
    assert "Sample" in text and "Support chosen with you" in text
    assert "Sam Example" not in text  # no name unless asked
    preview.reject()

    page.records.setCurrentRow(0)
    page.forget_button.click()
    qtbot.waitUntil(lambda: page.records.count() == 0)
    assert "Forgotten" in page.message.text()


def test_the_quick_reference_opens_in_two_keystrokes_and_finds_rights_and_services(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    from PySide6.QtCore import Qt

    from victim_champion.ui.dialogs.quick_reference_dialog import QuickReferenceDialog

    unlock(qtbot, desktop)
    qtbot.keyClick(desktop.window.navigation, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QuickReferenceDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickReferenceDialog)
    qtbot.keyClicks(dialog.search, "court")
    shown = [dialog.entries.item(i).text() for i in range(dialog.entries.count())]
    assert any(line.startswith("Right 10:") for line in shown)
    assert any(line.startswith("Citizens Advice Witness Service") for line in shown)
    assert all("court" in line.casefold() for line in shown)


def test_the_audit_log_shows_views_and_changes_without_names(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    from tests.ui.conftest import DEMO_NAMES

    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(
        5
    )  # Sessions, Handouts, Sync, Signposting, Reports, Audit log
    qtbot.waitUntil(lambda: desktop.window.audit.events.count() > 0)
    events = [
        desktop.window.audit.events.item(i).text()
        for i in range(desktop.window.audit.events.count())
    ]
    assert any("view  register" in line for line in events)
    assert any("create  attendee" in line for line in events)
    assert not any(name in line for line in events for name in DEMO_NAMES)
