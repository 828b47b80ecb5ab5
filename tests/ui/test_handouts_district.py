"""The Handouts page starts at the desk's district: the one the Compass Point desk last
recorded in on this laptop, not the first in the list."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.operations.signposting_desk import Signposting

HANDOUTS_ROW = 1  # Sessions, Handouts, ...


def keep_a_record_at(desktop: DesktopApp, district_id: str) -> None:
    """What Keep the record does at the desk (off the GUI thread, as the app does)."""
    workspace = desktop.controller.workspace
    assert workspace is not None
    worker = threading.Thread(
        target=lambda: Signposting(workspace).keep(district_id, ["feeling-safe"], [], None)
    )
    worker.start()
    worker.join(10)


def test_the_handouts_page_starts_at_the_desk_s_district(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.handouts
    first = page.district.itemData(0)
    assert first != "swale"
    keep_a_record_at(desktop, "swale")
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.waitUntil(lambda: page.district.currentData() == "swale")
    assert page.district.currentText() == "Swale"

    # After a lock and unlock it still starts there (the desk is remembered per laptop).
    page.district.setCurrentIndex(0)
    qtbot.mouseClick(desktop.window.lock_button, Qt.MouseButton.LeftButton)
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(0)
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.waitUntil(lambda: page.district.currentData() == "swale")


def test_a_district_the_worker_picks_on_the_page_stays(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    keep_a_record_at(desktop, "swale")
    page = desktop.window.handouts
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.waitUntil(lambda: page.district.currentData() == "swale")
    thanet = page.district.findData("thanet")
    page.district.setCurrentIndex(thanet)
    page.district.activated.emit(thanet)  # as a pick from the list does
    desktop.window.navigation.setCurrentRow(0)
    desktop.window.navigation.setCurrentRow(HANDOUTS_ROW)
    qtbot.wait(200)
    qtbot.waitUntil(lambda: not desktop.controller.work.busy)
    assert page.district.currentData() == "thanet"
