"""Issue 32's journey, in one sitting at the Swale desk, through the real widgets, a real
SQLCipher profile and the real hub on 127.0.0.1:

a sexual-violence and domestic-abuse conversation on a laptop that is not enrolled yet
(the Refer button says so before anything is typed, and trying keeps every field); Escape
in the District list closes only the list; the discreet card is one page with no
revealing name or number; the record is kept and the form stays; the laptop is enrolled;
a quick exit and the way back offer the conversation again; two services are referred in
one go with safe-contact answers; and the person's consent is withdrawn, which the
referral desk sees at the hub.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.hub_process import sqlite_url, start_hub
from tests.support.pdf_tools import pdf_info, pdf_text
from tests.ui.conftest import modal, unlock
from victim_champion.app import DesktopApp
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog
from victim_champion.ui.dialogs.withdraw_consent_dialog import WithdrawConsentDialog

SHEET_NAME = "Orlaith Vantreece"  # synthetic
PHONE = "07700 900582"
SAFE_WORD = "Blue Kettle"


def print_preview(qtbot: QtBot, desktop: DesktopApp) -> Any:
    printing = desktop.controller.printing
    printing.preview = None
    desktop.window.signposting.sheet_button.click()
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    return printing.preview


def test_the_swale_desk_under_pressure(qtbot: QtBot, desktop: DesktopApp, tmp_path: Path) -> None:
    hub = start_hub(sqlite_url(tmp_path))
    try:
        key_file = tmp_path / "desk.key"
        hub.admin("referral-key", "create", "--out", str(key_file))
        unlock(qtbot, desktop)
        window, controller = desktop.window, desktop.controller
        window.navigation.setCurrentRow(list(window.registered).index("signposting"))
        page = window.signposting

        # Escape in the District list closes only the list.
        page.district.setFocus()
        page.district.showPopup()
        popup = page.district.view()
        qtbot.waitUntil(popup.isVisible)
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not popup.isVisible())
        assert controller.is_unlocked and not window.showing_decoy
        qtbot.wait(1100)  # past the second in which a second Escape is the quick exit

        page.district.setCurrentIndex(page.district.findData("swale"))
        page.need_boxes["sexual-violence"].click()
        page.need_boxes["domestic-abuse"].click()
        assert page.discreet.isChecked()  # the card is the default for these needs
        page.gender.setCurrentIndex(page.gender.findData("woman"))
        qtbot.keyClicks(page.sheet_name, SHEET_NAME)
        page.find_button.click()
        ids = [
            str(page.results.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(page.results.count())
        ]
        assert {"east-kent-rapeline", "isva"} <= set(ids)
        for row, service in enumerate(ids):
            if service in ("east-kent-rapeline", "isva"):
                page.results.item(row).setCheckState(Qt.CheckState.Checked)

        # Not enrolled: the Refer button says so before anything is typed, and trying
        # keeps every field and writes nothing.
        qtbot.waitUntil(lambda: "enrol" in page.refer_button.text().casefold())
        page.refer_button.click()
        qtbot.waitUntil(lambda: "not enrolled" in page.message.text())
        assert page.message.is_error and QApplication.activeModalWidget() is None
        assert page.sheet_name.text() == SHEET_NAME
        assert page.need_boxes["sexual-violence"].isChecked()
        assert page.chosen_service_ids() == [s for s in ids if s in ("east-kent-rapeline", "isva")]
        assert page.records.count() == 0  # no record was made by the refusal

        # The discreet card: one page, and no revealing name or number unless the worker
        # chose that route with the person (then only under its neutral label).
        chosen_routes = [rid for rid, box in page.card.boxes.items() if box.isChecked()]
        preview = print_preview(qtbot, desktop)
        info = pdf_info(preview.pdf_bytes, tmp_path)
        assert info["Pages"] == "1"
        text = pdf_text(preview.pdf_bytes, tmp_path)
        revealing = load_revealing()
        assert revealing.found(text, chosen_routes) == []
        assert (
            revealing.found("\n".join(info.values())) == []
        )  # the PDF's title, author and subject too
        assert f"Useful numbers for {SHEET_NAME}" in text  # the name, as the person asked
        assert "999" in text and "08 08 16 89 111" in text
        preview.reject()
        qtbot.waitUntil(lambda: not controller.work.busy)

        # Keep the record: it is kept, and the conversation stays on screen.
        page.keep_button.click()
        qtbot.waitUntil(lambda: page.records.count() == 1, timeout=10_000)
        assert page.need_boxes["domestic-abuse"].isChecked()
        assert page.sheet_name.text() == SHEET_NAME and len(page.chosen_service_ids()) == 2

        # Enrol (this syncs once: the policy brings the referral desk's key).
        sync = window.sync
        qtbot.keyClicks(sync.hub_address, hub.url)
        qtbot.keyClicks(sync.enrol_code, hub.enrol_code("Swale desk"))
        sync.enrol_button.click()
        qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
        qtbot.waitUntil(lambda: not controller.work.busy, timeout=10_000)
        window.navigation.setCurrentRow(list(window.registered).index("signposting"))
        qtbot.waitUntil(lambda: "enrol" not in page.refer_button.text().casefold())

        # A quick exit by Escape with nothing open, and the way back offers it again.
        page.find_button.setFocus()
        qtbot.keyClick(page.find_button, Qt.Key.Key_Escape)
        assert window.showing_decoy and not controller.is_unlocked
        assert page.sheet_name.text() == "" and page.records.count() == 0
        window.decoy.return_requested.emit()
        unlock(qtbot, desktop)
        offer = controller.drafts
        assert offer is not None
        qtbot.waitUntil(lambda: offer.offered)
        assert window.current_page() is page and offer.bar is not None
        qtbot.mouseClick(offer.bar.bring_back_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.sheet_name.text() == SHEET_NAME, timeout=10_000)
        qtbot.waitUntil(lambda: len(page.chosen_service_ids()) == 2, timeout=10_000)
        assert page.district.currentData() == "swale"
        assert page.need_boxes["sexual-violence"].isChecked()
        assert page.gender.currentData() == "woman"

        # Two services referred in one go, with the safe-contact answers.
        page.refer_button.click()
        dialog = modal(qtbot, ReferralDialog)
        assert isinstance(dialog, ReferralDialog)
        dialog.consent.click()
        for service in ("east-kent-rapeline", "isva"):
            dialog.service_boxes[service].setChecked(True)
        qtbot.keyClicks(dialog.phone, PHONE)
        dialog.safe_to_call.setCurrentIndex(dialog.safe_to_call.findData("yes"))
        qtbot.keyClicks(dialog.best_times, "mornings")
        dialog.voicemail_ok.setCurrentIndex(dialog.voicemail_ok.findData("no"))
        dialog.safe_to_write.setCurrentIndex(dialog.safe_to_write.findData("no"))
        qtbot.keyClicks(dialog.safe_word, SAFE_WORD)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: "2 referrals made" in page.message.text(), timeout=10_000)
        assert page.need_boxes["sexual-violence"].isChecked()  # the form still stays
        qtbot.waitUntil(lambda: page.records.count() == 1)  # the kept record, not a second

        sync.sync_button.click()
        qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
        opened = json.loads(hub.admin("referrals", "--key", str(key_file), "--json"))
        assert {o["service_id"] for o in opened} == {"east-kent-rapeline", "isva"}
        assert all(o["contact"]["safe_word"] == SAFE_WORD for o in opened)

        # The person changes their mind: consent is withdrawn from the screen.
        qtbot.waitUntil(lambda: not controller.work.busy, timeout=10_000)
        page.records.setCurrentRow(0)
        page.withdraw_button.click()
        withdraw = modal(qtbot, WithdrawConsentDialog)
        assert isinstance(withdraw, WithdrawConsentDialog)
        withdraw.choices[next(iter(withdraw.choices))].setChecked(True)  # referral first
        withdraw.ok_button.click()
        qtbot.waitUntil(lambda: "withdrawal" in page.message.text(), timeout=10_000)
        sync.sync_button.click()
        qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
        after = json.loads(hub.admin("referrals", "--key", str(key_file), "--json"))
        assert len(after) == 2 and all(o["withdrawn"] and o["contact"] is None for o in after)
    finally:
        hub.stop()
