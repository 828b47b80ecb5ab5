"""The desk's flow never loses what was typed (issue 32, item 4 and the screen of item 6):
keeping leaves the conversation on screen, Next person asks before clearing what was not
kept, a laptop that cannot refer says so first, a refused referral keeps every typed field
and creates no record, and consent is withdrawn from the Records tab. Real widgets, the
real encrypted store, and a real hub on 127.0.0.1 where a referral needs one."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.hub_process import sqlite_url, start_hub
from tests.support.pdf_tools import pages_text
from tests.ui.conftest import modal, unlock
from victim_champion.app import DesktopApp
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.errors import ReferralKeyMissingError
from victim_champion.operations.signposting_desk import (
    NotEnrolledError,
    ReferralRequest,
    Signposting,
)
from victim_champion.store.repositories.signposting_records import SignpostingRecord
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog
from victim_champion.ui.dialogs.withdraw_consent_dialog import WithdrawConsentDialog
from victim_champion.ui.pages.signposting_page import SignpostingPage

T = TypeVar("T")


def off_the_gui_thread(work: Callable[[], T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(work).result()


def records(desktop: DesktopApp) -> list[SignpostingRecord]:
    workspace = desktop.controller.workspace
    assert workspace is not None
    return off_the_gui_thread(Signposting(workspace).recent)


def open_page(qtbot: QtBot, desktop: DesktopApp) -> SignpostingPage:
    unlock(qtbot, desktop)
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    return window.signposting


def talk_through(qtbot: QtBot, page: SignpostingPage, *services: str) -> None:
    """Swale, a sexual-violence and domestic-abuse conversation; tick these services."""
    page.district.setCurrentIndex(page.district.findText("Swale"))
    page.need_boxes["domestic-abuse"].click()
    page.need_boxes["sexual-violence"].click()
    page.find_button.click()
    for row in range(page.results.count()):
        item = page.results.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in services:
            item.setCheckState(Qt.CheckState.Checked)
    assert sorted(page.chosen_service_ids()) == sorted(services)


def idle(qtbot: QtBot, desktop: DesktopApp) -> None:
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=10_000)


def test_keeping_leaves_the_conversation_and_next_person_asks_when_nothing_was_kept(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    page = open_page(qtbot, desktop)
    page.next_button.click()  # nothing on screen: cleared without asking
    idle(qtbot, desktop)
    assert QApplication.activeModalWidget() is None
    talk_through(qtbot, page, "davss", "east-kent-rapeline")
    page.next_button.click()  # nothing kept yet: asks, and Cancel keeps everything
    confirm = modal(qtbot, ConfirmDialog)
    assert isinstance(confirm, ConfirmDialog) and "Nothing has been kept" in confirm.text.text()
    confirm.cancel_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert sorted(page.chosen_service_ids()) == ["davss", "east-kent-rapeline"]

    page.keep_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Record kept"))
    assert not page.message.is_error and page.keep_button.text() == "Record kept"
    assert page.need_boxes["sexual-violence"].isChecked()  # the conversation stays
    assert sorted(page.chosen_service_ids()) == ["davss", "east-kent-rapeline"]
    assert page.discreet.isChecked() and page.card.boxes  # the card's routes, chosen
    [kept] = records(desktop)
    assert sorted(kept.services) == ["davss", "east-kent-rapeline"]
    # Lines for a group only when the person said so: Galop could out them otherwise.
    assert "galop" not in page.card.boxes and "mens-advice-line" not in page.card.boxes
    page.lgbt.click()
    assert "galop" in page.card.boxes and "Galop" not in page.card.boxes["galop"].text()
    page.lgbt.click()
    assert "galop" not in page.card.boxes

    page.sheet_button.click()  # the sheet after keeping: the conversation is still there
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None
    printed = " ".join(pages_text(preview.pdf_bytes, tmp_path))
    assert "08 08 16 89 111" in printed and "0808 500 2222" in printed  # a suggested line
    preview.reject()
    desktop.controller.printing.preview = None

    page.keep_button.click()  # nothing changed: no second record
    qtbot.waitUntil(lambda: page.message.text().startswith("Already kept"))
    assert len(records(desktop)) == 1
    page.results.item(0).setCheckState(Qt.CheckState.Unchecked)  # a change after keeping
    assert page.keep_button.text() == "Keep the record"
    page.next_button.click()
    confirm = modal(qtbot, ConfirmDialog)
    assert isinstance(confirm, ConfirmDialog)
    confirm.ok_button.click()  # "Clear without keeping"
    qtbot.waitUntil(lambda: not page.need_boxes["sexual-violence"].isChecked())
    assert page.results.count() == 0 and page.district.currentText() == "Swale"

    talk_through(qtbot, page, "davss")
    page.keep_button.click()
    qtbot.waitUntil(lambda: page.keep_button.text() == "Record kept")
    page.next_button.click()  # kept as it is: clears without asking
    qtbot.waitUntil(lambda: page.results.count() == 0)
    assert QApplication.activeModalWidget() is None and len(records(desktop)) == 2


def test_an_unenrolled_laptop_says_so_on_the_refer_button_and_refers_nothing(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    page = open_page(qtbot, desktop)
    idle(qtbot, desktop)
    # Before anything is typed: the button itself, and what to do.
    assert page.refer_button.text() == "Refer: enrol this laptop first (Sync page)"
    assert "Sync page" in page.refer_button.accessibleDescription()
    talk_through(qtbot, page, "davss", "east-kent-rapeline")
    page.refer_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Error: Could not refer"))
    assert page.message.is_error and "Enrol it on the Sync page" in page.message.text()
    assert QApplication.activeModalWidget() is None  # no dialog to type into
    assert sorted(page.chosen_service_ids()) == ["davss", "east-kent-rapeline"]
    assert records(desktop) == []

    workspace = desktop.controller.workspace  # the desk refuses before writing anything
    assert workspace is not None
    desk = Signposting(workspace)
    record = off_the_gui_thread(lambda: desk.keep("swale", ["domestic-abuse"], ["davss"], None))
    contact = ReferralRequest(phone="07700 900123", safety={"safe_word": "Aunt Sue"})
    for request in (ReferralRequest(), contact):

        def refer(asked: ReferralRequest = request) -> list[str]:
            return desk.refer_many(record, ["davss", "east-kent-rapeline"], asked)

        with pytest.raises(NotEnrolledError) as refused:
            off_the_gui_thread(refer)
        assert "Sync page" in refused.value.message and "sync first" not in refused.value.message
    [kept] = records(desktop)
    assert kept.referrals == () and not kept.has_contact and kept.consents == ()


def test_a_refused_referral_keeps_every_typed_field_and_consent_is_withdrawn_on_screen(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    """Enrolled, but the referral desk has no key yet: contact details are refused in the
    dialog with every field as typed and no record kept. Without them, two referrals go in
    one go; then the person withdraws their consent from the Records tab."""
    hub = start_hub(sqlite_url(tmp_path))
    try:
        page = open_page(qtbot, desktop)
        sync = desktop.window.sync
        desktop.window.navigation.setCurrentRow(list(desktop.window.registered).index("sync"))
        qtbot.keyClicks(sync.hub_address, hub.url)
        qtbot.keyClicks(sync.enrol_code, hub.enrol_code("Swale desk"))
        sync.enrol_button.click()
        qtbot.waitUntil(
            lambda: page.refer_button.text() == "Refer with consent\u2026", timeout=30_000
        )
        desktop.window.navigation.setCurrentRow(
            list(desktop.window.registered).index("signposting")
        )
        talk_through(qtbot, page, "davss", "east-kent-rapeline")

        page.refer_button.click()
        dialog = modal(qtbot, ReferralDialog)
        assert isinstance(dialog, ReferralDialog)
        assert dialog.chosen_service_ids() == []  # two services: neither ticked for them
        dialog.consent.click()
        for box in dialog.service_boxes.values():
            box.setChecked(True)
        typed = {
            dialog.name: "Sam Example",
            dialog.phone: "07700 900123",
            dialog.best_times: "weekdays 10am to 2pm",
            dialog.safe_word: "Aunt Sue",
        }
        for field, text in typed.items():
            qtbot.keyClicks(field, text)
        for combo, answer in (
            (dialog.safe_to_call, "yes"),
            (dialog.voicemail_ok, "no"),
            (dialog.safe_to_write, "no"),
        ):
            combo.setCurrentIndex(combo.findData(answer))
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.ok_button.isEnabled())
        assert "Could not refer" in dialog.message.text()
        assert ReferralKeyMissingError.default_message in dialog.message.text()
        assert QApplication.activeModalWidget() is dialog  # still open, as typed
        assert {field.text() for field in typed} == set(typed.values())
        assert dialog.safety() == {
            "safe_to_call": "yes",
            "best_times": "weekdays 10am to 2pm",
            "voicemail_ok": "no",
            "safe_to_write": "no",
            "safe_word": "Aunt Sue",
        }
        assert sorted(dialog.chosen_service_ids()) == ["davss", "east-kent-rapeline"]
        assert records(desktop) == []  # checked before the record was kept
        assert sorted(page.chosen_service_ids()) == ["davss", "east-kent-rapeline"]

        for field in typed:  # without contact details it can go now
            field.clear()
        for combo in (dialog.safe_to_call, dialog.voicemail_ok, dialog.safe_to_write):
            combo.setCurrentIndex(0)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: "2 referrals made with consent" in page.message.text())
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        [kept] = records(desktop)
        assert sorted(s for s, _ in kept.referrals) == ["davss", "east-kent-rapeline"]
        assert kept.consents == ("referral",)
        assert page.keep_button.text() == "Record kept"  # the referral kept the record

        page.tabs.setCurrentIndex(page.tabs.count() - 1)  # Records
        qtbot.waitUntil(lambda: page.records.count() == 1)
        page.records.setCurrentRow(0)
        page.withdraw_button.click()
        withdraw = modal(qtbot, WithdrawConsentDialog)
        assert isinstance(withdraw, WithdrawConsentDialog)
        withdraw.ok_button.click()  # nothing chosen yet: asks, stays open
        assert withdraw.message.isVisible() and withdraw.isVisible()
        withdraw.choices[ConsentPurpose.REFERRAL].click()
        withdraw.ok_button.click()
        qtbot.waitUntil(lambda: page.message.text().startswith("Withdrew consent for referral"))
        assert not page.message.is_error
        [after] = records(desktop)
        assert after.consents == () and after.withdrawn == ("referral",)
        qtbot.waitUntil(lambda: "consent withdrawn: referral" in page.records.item(0).text())
    finally:
        hub.stop()
