"""Route states at the desk (issue 34): the Signposting page shows a service's unconfirmed
route, marked "Not confirmed yet · not printed" (on screen and to a screen reader, in
text with a contrast of at least 4.5:1), while the sheet printed from the same page
carries only the confirmed one and the discreet card never offers it. A directory whose
emergency route is unconfirmed is refused in one sentence, and the installed one is used.
Real widgets, the real encrypted store, real PDFs read back with poppler."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.content.test_route_states import (
    CONFIRMED_CONTACT,
    SERVICE,
    UNCONFIRMED_CONTACT,
    UNCONFIRMED_TEXT,
    bundle,
    with_route,
)
from tests.support.pdf_tools import pdf_text
from tests.ui.conftest import unlock
from tests.ui.test_accessibility import contrast
from victim_champion.app import DesktopApp
from victim_champion.content.directory_loader import (
    adopt_directory_bundle,
    current_directory,
    shipped_directory,
)
from victim_champion.operations.printing import HandoutOptions, print_signposting_sheet
from victim_champion.ui.controllers import compass_point_controller
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.pages.signposting_page import SignpostingPage

MARK = "Not confirmed yet \u00b7 not printed"


def open_with_directory(
    qtbot: QtBot, desktop: DesktopApp, monkeypatch: pytest.MonkeyPatch, text: str
) -> SignpostingPage:
    """Unlock with this signed directory, as the controller adopts one a sync brought."""
    monkeypatch.setattr(
        compass_point_controller,
        "directory_for",
        lambda _workspace: adopt_directory_bundle({"services.json": text}),
    )
    unlock(qtbot, desktop)
    window = desktop.window
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=10_000)
    return window.signposting


def hex_colour(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


def test_the_page_shows_an_unconfirmed_route_marked_and_the_sheet_leaves_it_off(
    qtbot: QtBot, desktop: DesktopApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    try:
        page = open_with_directory(qtbot, desktop, monkeypatch, json.dumps(bundle()))
        assert current_directory().edition == "2026-12.1"
        page.district.setCurrentIndex(page.district.findText("Swale"))
        page.need_boxes["domestic-abuse"].click()
        page.find_button.click()
        qtbot.waitUntil(lambda: page.results.count() > 0)
        [item] = [
            page.results.item(i)
            for i in range(page.results.count())
            if page.results.item(i).data(Qt.ItemDataRole.UserRole) == SERVICE
        ]
        text = item.text()
        assert f"Example example-swale-office: {CONFIRMED_CONTACT};" in text
        assert f"Example example-swale-mobile: {UNCONFIRMED_CONTACT} ({MARK})" in text
        assert f"{CONFIRMED_CONTACT} ({MARK})" not in text  # only the unconfirmed one
        spoken = str(item.data(Qt.ItemDataRole.AccessibleTextRole))
        assert f"{UNCONFIRMED_CONTACT} (Not confirmed yet, not printed)" in spoken
        # The mark is in the row's own text colour: no colour of its own to fade it.
        assert item.data(Qt.ItemDataRole.ForegroundRole) is None
        palette = page.results.palette()
        ink = hex_colour(palette.color(QPalette.ColorRole.Text))
        paper = hex_colour(palette.color(QPalette.ColorRole.Base))
        assert contrast(ink, paper) >= 4.5, (ink, paper)
        # The Lines tab (help routes, as the sheet prints them) never lists it either.
        assert UNCONFIRMED_TEXT not in page.routes_text()

        item.setCheckState(Qt.CheckState.Checked)
        page.discreet.setChecked(True)
        qtbot.waitUntil(lambda: bool(page.card.boxes))
        assert "example-swale-office" not in page.card.boxes  # a service's own: beside it only
        assert "example-swale-text" not in page.card.boxes  # an unconfirmed line

        # The sheet the desk prints for this conversation (print_sheet's own call).
        person = page.person()
        pdf = print_signposting_sheet(
            person.district_id or "",
            sorted(person.needs),
            page.chosen_service_ids(),
            options=HandoutOptions(person.district_id or ""),
        )
        printed = " ".join(pdf_text(pdf, tmp_path).split())
        assert "Example Swale Refuge" in printed and CONFIRMED_CONTACT in printed
        assert UNCONFIRMED_CONTACT not in printed and MARK not in printed
    finally:
        adopt_directory_bundle(None)


def test_a_directory_with_an_unconfirmed_emergency_route_is_refused_in_one_sentence(
    qtbot: QtBot, desktop: DesktopApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = with_route(bundle(), "emergency", state="unconfirmed")
    try:
        open_with_directory(qtbot, desktop, monkeypatch, json.dumps(broken))
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MessageDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MessageDialog)
        assert current_directory() is shipped_directory()
        assert dialog.text.text() == (
            "The directory update from Compass House could not be used "
            "(services.json route 'emergency': a route printed on every sheet must be "
            "confirmed.), so the installed directory is in use."
        )
    finally:
        adopt_directory_bundle(None)
