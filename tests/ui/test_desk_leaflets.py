"""The Signposting desk offers "Official leaflet in …" for each official leaflet the laptop
holds (issue 34, item 4), with its source and date on screen, in view at 1280x720 and
reachable from the keyboard, and previews (to print or save) the PDF byte for byte as
published."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from tests.ui.test_leaflet_choice import SOURCE, fixture_pdf, hold_leaflets
from tests.ui.test_signposting_small_screen import HEIGHT, WIDTH, in_view, page_scroller
from victim_champion.app import DesktopApp
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.ui.pages.desk_leaflets import DeskLeaflets
from victim_champion.ui.pages.leaflet_choice import NONE_HELD


def test_the_desk_offers_each_official_leaflet_held_and_prints_it_unchanged(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    window = desktop.window
    window.resize(WIDTH, HEIGHT)
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    page = window.signposting
    official = page.findChild(DeskLeaflets)
    assert official is not None
    choice = official.choice
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert choice.details.text() == NONE_HELD and not choice.preview_button.isEnabled()

    welsh, romanian = fixture_pdf("Taflen (fixture)"), fixture_pdf("Brosura (fixture)")
    hold_leaflets(desktop, {"cy": welsh, "ro": romanian})
    workspace = desktop.controller.workspace
    assert workspace is not None
    workspace.events.publish(RecordsChanged(RecordArea.CONTENT))  # as a sync that brought them
    qtbot.waitUntil(lambda: choice.language.count() == 2)
    assert [choice.language.itemText(i) for i in range(2)] == [
        "Official leaflet in Welsh (cy): Leaflet cy",
        "Official leaflet in Romanian (ro): Leaflet ro",
    ]

    # On the Sheet tab, after the sheet's own options, from the keyboard; in view at
    # 1280x720 even with the discreet card's routes shown.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.district.setCurrentIndex(page.district.findText("Swale"))
    for need in ("domestic-abuse", "sexual-violence", "feeling-safe"):  # the card is ticked
        page.need_boxes[need].click()
    page.find_button.click()
    qtbot.waitUntil(lambda: page.results.count() >= 3)
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.sheet))
    assert page.discreet.isChecked()
    qtbot.waitUntil(choice.language.isVisible)
    page.discreet.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.discreet, Qt.Key.Key_Tab)
    assert choice.language.hasFocus()
    qtbot.keyClick(choice.language, Qt.Key.Key_Down)  # the next language
    assert choice.details.text() == f"Source: {SOURCE}, dated 2026-11-20."
    assert choice.chosen() is not None and choice.chosen().language == "ro"  # type: ignore[union-attr]
    for control in (choice.language, choice.details, choice.preview_button):
        assert control.accessibleName() and in_view(control, window)
    assert page_scroller(page).verticalScrollBar().maximum() == 0  # the page does not scroll
    qtbot.keyClick(choice.language, Qt.Key.Key_Tab)
    assert choice.preview_button.hasFocus()
    qtbot.keyClick(choice.preview_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None
    assert preview.pdf_bytes == romanian and preview.page_count == 1
    assert preview.windowTitle().startswith("Official leaflet: Leaflet ro")
    preview.reject()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is None)
