"""The quick exit never costs the conversation: the real shell on a real SQLCipher profile
keeps the open Compass Point conversation as an encrypted draft, shows nothing of it on
the decoy or the unlock screen, and offers it back after unlock for 30 minutes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.hub_process import HubProcess
from tests.ui.conftest import modal, unlock
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.operations.conversation_draft import DRAFT_LIFETIME
from victim_champion.operations.workspace import ProfileGate
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile
from victim_champion.store.repositories.conversation_drafts import ConversationDrafts
from victim_champion.ui.controllers.draft_offer import DraftOffer
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog
from victim_champion.ui.pages import signposting_draft
from victim_champion.ui.widgets.form_state import read_form

NAME = "Zephyrine Quillfeather"  # synthetic
PHONE = "07700 900471"
SAFE_WORD = "Marigold Teapot"
SECRETS = [NAME, PHONE, SAFE_WORD]
T = TypeVar("T")


class WallClock:
    """Wall-clock UTC that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def drafts(desktop: DesktopApp) -> DraftOffer:
    offer = desktop.controller.drafts
    assert offer is not None
    return offer


def off_the_gui_thread(work: Callable[[], T]) -> T:
    box: list[T] = []
    worker = threading.Thread(target=lambda: box.append(work()))
    worker.start()
    worker.join(10)
    return box[0]


def draft_in_store(desktop: DesktopApp) -> bool:
    workspace = desktop.controller.workspace
    assert workspace is not None
    return off_the_gui_thread(lambda: ConversationDrafts(workspace.store).waiting()) is not None


def kept_while_locked(demo: DemoProfile) -> bool:
    """Whether the locked profile holds a draft (opened apart, off the GUI thread)."""

    def look() -> bool:
        workspace = ProfileGate(demo.profile).unlock(DEMO_PASSPHRASE)
        try:
            return ConversationDrafts(workspace.store).waiting() is not None
        finally:
            workspace.close()

    return off_the_gui_thread(look)


def store_bytes(demo: DemoProfile) -> bytes:
    folder = demo.profile.paths.folder
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def start_a_conversation(qtbot: QtBot, desktop: DesktopApp) -> Any:
    """District Swale, two needs, an age band, a name for the sheet, two services ticked,
    and on the discreet card one route the worker changed."""
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    page = window.signposting
    page.district.setCurrentIndex(page.district.findData("swale"))
    page.need_boxes["sexual-violence"].click()
    page.need_boxes["domestic-abuse"].click()
    page.age.setCurrentIndex(page.age.findData("18-64"))
    page.large_print.setChecked(True)
    qtbot.keyClicks(page.sheet_name, NAME)
    page.find_button.click()
    assert page.results.count() >= 2
    for row in (0, 1):
        page.results.item(row).setCheckState(Qt.CheckState.Checked)
    assert page.discreet.isChecked() and page.card.boxes  # the card's routes to choose
    first = next(iter(page.card.boxes.values()))
    first.setChecked(not first.isChecked())
    return page


def enrol(qtbot: QtBot, desktop: DesktopApp, hub: HubProcess) -> None:
    """Only an enrolled laptop opens the referral dialog."""
    sync = desktop.window.sync
    qtbot.keyClicks(sync.hub_address, hub.url)
    qtbot.keyClicks(sync.enrol_code, hub.enrol_code("Swale desk"))
    sync.enrol_button.click()
    qtbot.waitUntil(lambda: sync.waiting.text() == "Waiting to go: 0 records", timeout=30_000)
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=10_000)


def open_the_referral(qtbot: QtBot, page: Any) -> ReferralDialog:
    page.refer_button.click()
    dialog = modal(qtbot, ReferralDialog)
    assert isinstance(dialog, ReferralDialog)
    dialog.consent.click()
    next(iter(dialog.service_boxes.values())).setChecked(True)
    qtbot.keyClicks(dialog.phone, PHONE)
    dialog.safe_to_call.setCurrentIndex(dialog.safe_to_call.findData("yes"))
    qtbot.keyClicks(dialog.safe_word, SAFE_WORD)
    return dialog


def quick_exit_from(qtbot: QtBot, dialog: ReferralDialog, trigger: str) -> None:
    if trigger == "escape":  # in a form dialog, one Escape is the quick exit
        dialog.safe_word.setFocus()
        qtbot.keyClick(dialog.safe_word, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(dialog.quick_exit_button, Qt.MouseButton.LeftButton)


def assert_nothing_of_it_shows(desktop: DesktopApp) -> None:
    assert widgets_containing([*SECRETS, "interrupted", "Bring it back"]) == []
    assert not drafts(desktop).offered


def come_back(qtbot: QtBot, desktop: DesktopApp) -> None:
    """From the decoy to the unlock screen (nothing offered there), then unlock."""
    if desktop.window.showing_decoy:
        desktop.window.decoy.return_requested.emit()
    assert desktop.window.stack.currentWidget() is desktop.window.unlock
    assert_nothing_of_it_shows(desktop)
    unlock(qtbot, desktop)


@pytest.mark.parametrize("trigger", ["escape", "button"])
def test_a_quick_exit_keeps_the_conversation_and_unlock_offers_it_back(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile, hub: HubProcess, trigger: str
) -> None:
    clock = WallClock()
    unlock(qtbot, desktop)
    drafts(desktop).clock = clock
    enrol(qtbot, desktop, hub)
    page = start_a_conversation(qtbot, desktop)
    desk = desktop.controller.controllers.signposting
    page.keep_button.click()
    qtbot.waitUntil(lambda: desk.is_kept())
    kept_record = desk.current_record
    dialog = open_the_referral(qtbot, page)
    on_screen, typed = read_form(page), read_form(dialog)
    chosen = page.chosen_service_ids()
    assert len(chosen) == 2 and kept_record is not None

    quick_exit_from(qtbot, dialog, trigger)
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    qtbot.wait(50)  # the rejected dialog is deleted on the event loop's next turn
    assert_nothing_of_it_shows(desktop)
    assert page.sheet_name.text() == "" and page.results.count() == 0  # cleared as before
    held = store_bytes(demo)
    for secret in SECRETS:  # SQLCipher: the draft is in the file, never in plain text
        assert secret.encode() not in held and secret.encode("utf-16-le") not in held
    assert not [v for v in os.environ.values() if any(s in v for s in SECRETS)]

    clock.now += timedelta(minutes=4)
    desktop.window.navigation.setCurrentRow(0)  # it comes back where it came from
    come_back(qtbot, desktop)
    offer = drafts(desktop)
    qtbot.waitUntil(lambda: offer.offered)
    assert offer.bar is not None and offer.bar.isVisibleTo(page)
    assert "interrupted 4 minutes ago" in offer.bar.text.text()
    assert desktop.window.current_page() is desktop.window.signposting
    assert widgets_containing(SECRETS) == []  # nothing read back until asked for

    qtbot.mouseClick(offer.bar.bring_back_button, Qt.MouseButton.LeftButton)
    reopened = modal(qtbot, ReferralDialog)
    assert isinstance(reopened, ReferralDialog) and reopened is not dialog
    qtbot.waitUntil(lambda: reopened.phone.text() == PHONE)
    assert read_form(reopened) == typed
    assert read_form(page) == on_screen
    assert page.chosen_service_ids() == chosen
    assert desk.current_record == kept_record and desk.is_kept()  # no second record
    assert not offer.offered
    assert not draft_in_store(desktop)  # taking it back deleted it
    reopened.reject()


def test_discard_deletes_it(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    page = start_a_conversation(qtbot, desktop)
    desktop.controller.quick_exit()
    come_back(qtbot, desktop)
    offer = drafts(desktop)
    qtbot.waitUntil(lambda: offer.offered)
    assert draft_in_store(desktop)
    assert offer.bar is not None
    qtbot.mouseClick(offer.bar.discard_button, Qt.MouseButton.LeftButton)
    assert not offer.offered
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert not draft_in_store(desktop)
    assert page.sheet_name.text() == "" and page.results.count() == 0


def test_after_31_minutes_it_is_not_offered_and_is_deleted(
    qtbot: QtBot, desktop: DesktopApp, demo: DemoProfile
) -> None:
    clock = WallClock()
    unlock(qtbot, desktop)
    drafts(desktop).clock = clock
    start_a_conversation(qtbot, desktop)
    desktop.controller.quick_exit()
    assert kept_while_locked(demo)
    clock.now += timedelta(minutes=31)
    come_back(qtbot, desktop)
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert drafts(desktop).bar is None  # never offered, not even for a moment
    assert not draft_in_store(desktop)  # and deleted at unlock


def test_the_lock_button_keeps_it_too_and_an_empty_form_keeps_nothing(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)  # nothing typed
    come_back(qtbot, desktop)
    assert not drafts(desktop).offered and not draft_in_store(desktop)

    page = start_a_conversation(qtbot, desktop)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert widgets_containing(SECRETS) == []
    come_back(qtbot, desktop)
    offer = drafts(desktop)
    qtbot.waitUntil(lambda: offer.offered)
    assert offer.bar is not None
    page.need_boxes["fraud"].click()  # a new conversation begun: asked before replacing it
    qtbot.mouseClick(offer.bar.bring_back_button, Qt.MouseButton.LeftButton)
    confirm = modal(qtbot, ConfirmDialog)
    assert isinstance(confirm, ConfirmDialog) and "replaces" in confirm.text.text()
    assert offer.offered and draft_in_store(desktop)  # nothing taken yet
    confirm.ok_button.click()
    qtbot.waitUntil(lambda: page.sheet_name.text() == NAME)
    assert not page.need_boxes["fraud"].isChecked()
    assert len(page.chosen_service_ids()) == 2
    assert QApplication.activeModalWidget() is None  # no referral was open: none opens


def test_an_offer_left_unanswered_goes_when_its_30_minutes_are_up(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    clock = WallClock()
    unlock(qtbot, desktop)
    drafts(desktop).clock = clock
    start_a_conversation(qtbot, desktop)
    desktop.controller.quick_exit()
    clock.now += DRAFT_LIFETIME - timedelta(seconds=2)
    come_back(qtbot, desktop)
    offer = drafts(desktop)
    qtbot.waitUntil(lambda: offer.offered)
    assert offer.bar is not None and "interrupted 29 minutes ago" in offer.bar.text.text()
    qtbot.waitUntil(lambda: not offer.offered, timeout=10_000)  # on the real clock
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert not draft_in_store(desktop)


def test_a_conversation_that_cannot_be_read_never_holds_up_the_lock(
    qtbot: QtBot, desktop: DesktopApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlock(qtbot, desktop)
    start_a_conversation(qtbot, desktop)
    workspace = desktop.controller.workspace
    assert workspace is not None

    def unreadable(*_: object, **__: object) -> None:
        raise RuntimeError("Internal C++ object already deleted.")

    monkeypatch.setattr(signposting_draft, "capture", unreadable)
    desktop.controller.quick_exit()
    assert desktop.window.showing_decoy and not desktop.controller.is_unlocked
    assert not workspace.store.owner.is_open
    assert widgets_containing(SECRETS) == []


def test_the_idle_lock_keeps_it_too(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    page = start_a_conversation(qtbot, desktop)
    desktop.controller.idle.start(0.2)  # the real idle timer, shortened
    qtbot.waitUntil(lambda: not desktop.controller.is_unlocked, timeout=5_000)
    come_back(qtbot, desktop)
    offer = drafts(desktop)
    qtbot.waitUntil(lambda: offer.offered)
    assert offer.bar is not None
    qtbot.mouseClick(offer.bar.bring_back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sheet_name.text() == NAME)
