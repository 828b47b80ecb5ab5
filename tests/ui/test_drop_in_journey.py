"""A drop-in conversation at a Compass Point, through the real widgets and the real hub on
127.0.0.1: needs, services with reasons, the discreet sheet, a referral with safe contact,
forget me."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.hub_process import sqlite_url, start_hub
from tests.support.pdf_tools import pages_text
from tests.ui.conftest import modal, unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog

FORBIDDEN = ("victim", "abuse", "violence", "rape", "sexual", "assault", "domestic", "offender")


def test_a_domestic_abuse_conversation_at_the_swale_desk(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    """Remembered district, no pre-ticks, a discreet sheet with the routes, a referral with
    safe contact (sealed, opened only at the referral desk), forget with confirmation."""
    hub = start_hub(sqlite_url(tmp_path))
    try:
        key_file = tmp_path / "desk.key"
        hub.admin("referral-key", "create", "--out", str(key_file))
        unlock(qtbot, desktop)
        window = desktop.window
        sync = window.sync  # enrolling syncs once: the policy brings the desk's key
        qtbot.keyClicks(sync.hub_address, hub.url)
        qtbot.keyClicks(sync.enrol_code, hub.enrol_code("Swale desk"))
        sync.enrol_button.click()
        qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
        window.navigation.setCurrentRow(3)
        page = window.signposting
        page.district.setCurrentIndex(page.district.findText("Swale"))
        page.need_boxes["domestic-abuse"].click()
        assert page.discreet.isChecked()  # the discreet copy is the default for this need
        page.need_boxes["feeling-safe"].click()
        page.gender.setCurrentIndex(page.gender.findText("Man"))
        page.lgbt.click()
        page.find_button.click()
        assert page.results.count() >= 2
        states = [page.results.item(r).checkState() for r in range(page.results.count())]
        assert all(state == Qt.CheckState.Unchecked for state in states)  # nothing pre-ticked
        shown = [page.results.item(r).text() for r in range(page.results.count())]
        davss = next(text for text in shown if text.startswith("DAVSS"))
        assert "area not known: check it covers Swale" in davss and "supports men" in davss
        supportline = next(t for t in shown if t.startswith("Victim Support (Kent)"))
        assert "Contact: Victim Support Supportline: 08 08 16 89 111" in supportline
        assert "supports LGBT+" not in " ".join(shown)  # no source says so for any of them
        assert "LGBT+ support: not known" in davss
        assert "0808 2000 247" in page.routes_text()  # the national line for this need
        for row, text in enumerate(shown):
            if text.startswith(("DAVSS", "Victim Support (Kent)")):
                page.results.item(row).setCheckState(Qt.CheckState.Checked)

        page.sheet_button.click()  # discreet: plain words on every page, routes included
        qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
        preview = desktop.controller.printing.preview
        assert preview is not None
        pages = pages_text(preview.pdf_bytes, tmp_path)
        whole = " ".join(pages).casefold()
        assert not [word for word in FORBIDDEN if word in whole]
        assert "999" in whole and "press 55" in whole and "08 08 16 89 111" in whole
        assert "0808 2000 247" not in whole  # a revealing number, not chosen for the card
        preview.reject()
        qtbot.waitUntil(lambda: not desktop.controller.work.busy)
        line = page.card.boxes["national-helpline"]  # shown as it prints: neutral label
        assert "0808 2000 247" in line.text() and "Domestic" not in line.text()
        line.setChecked(True)  # the worker and the person choose it together
        desktop.controller.printing.preview = None
        page.sheet_button.click()
        qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
        preview = desktop.controller.printing.preview
        assert preview is not None
        whole = " ".join(pages_text(preview.pdf_bytes, tmp_path)).casefold()
        assert "0808 2000 247" in whole and not [word for word in FORBIDDEN if word in whole]
        preview.reject()

        page.refer_button.click()  # nothing kept until the referrals are checked
        dialog = modal(qtbot, ReferralDialog)
        assert isinstance(dialog, ReferralDialog)
        assert set(dialog.service_boxes) == {"davss", "victim-support-kent"}
        dialog.consent.click()
        for box in dialog.service_boxes.values():  # both services in one go
            box.setChecked(True)
        qtbot.keyClicks(dialog.phone, "07700 900123")
        dialog.safe_to_call.setCurrentIndex(dialog.safe_to_call.findData("yes"))
        qtbot.keyClicks(dialog.best_times, "weekdays 10am to 2pm")
        dialog.voicemail_ok.setCurrentIndex(dialog.voicemail_ok.findData("no"))
        dialog.safe_to_write.setCurrentIndex(dialog.safe_to_write.findData("no"))
        qtbot.keyClicks(dialog.safe_word, "Aunt Sue")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: "2 referrals made with consent" in page.message.text())
        assert not page.message.is_error
        assert page.need_boxes["domestic-abuse"].isChecked()  # the conversation stays
        assert page.district.currentText() == "Swale"
        qtbot.waitUntil(
            lambda: (
                page.records.count() == 1
                and "DAVSS: waiting for a reply" in page.records.item(0).text()
                and "Victim Support (Kent): waiting for a reply" in page.records.item(0).text()
            )
        )

        sync.sync_button.click()  # sealed on the way; only the desk's key opens it
        qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
        opened = json.loads(hub.admin("referrals", "--key", str(key_file), "--json"))
        assert {o["service_id"] for o in opened} == {"davss", "victim-support-kent"}
        for each in opened:  # one set of answers, sealed for each service
            contact = each["contact"]
            assert contact["phone"] == "07700 900123" and contact["safe_word"] == "Aunt Sue"
            assert (contact["safe_to_call"], contact["voicemail_ok"]) == ("yes", "no")
        held = b"".join(p.read_bytes() for p in tmp_path.glob("hub.sqlite3*"))  # WAL too
        assert b"Aunt Sue" not in held and b"07700" not in held  # the hub holds it sealed

        page.records.setCurrentRow(0)
        page.forget_button.click()
        confirm = modal(qtbot, ConfirmDialog)
        assert isinstance(confirm, ConfirmDialog) and "cannot be undone" in confirm.text.text()
        confirm.cancel_button.click()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        assert page.records.count() == 1  # Cancel keeps it
        page.forget_button.click()
        confirm = modal(qtbot, ConfirmDialog)
        assert isinstance(confirm, ConfirmDialog)
        confirm.ok_button.click()
        qtbot.waitUntil(lambda: page.records.count() == 0)
        assert "Forgotten" in page.message.text()

        desktop.controller.lock()  # the desk's district is remembered by the laptop
        unlock(qtbot, desktop)
        qtbot.waitUntil(lambda: page.district.currentText() == "Swale")
    finally:
        hub.stop()


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
    assert any(line.startswith("Witness Service") for line in shown)
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
