"""The Signposting page on a 1280x720 laptop (issue 32, item 7): the services get the room
they need without the page scrolling around them, the status line is in view after Keep
and Refer, and the lines to call are a list, one line each."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from victim_champion.app import DesktopApp
from victim_champion.ui.pages.signposting_page import SignpostingPage

# 1280x720, less an Openbox title bar (the Xvfb screenshots use that window manager).
WIDTH, HEIGHT = 1280, 720 - 30


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def in_view(widget: QWidget, window: QWidget) -> bool:
    """Wholly inside the window and inside every scroll area it sits in."""
    seen, parent = on_screen(widget), widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            seen = seen.intersected(on_screen(parent.viewport()))
        parent = parent.parentWidget()
    seen = seen.intersected(on_screen(window))
    return widget.isVisible() and seen.size() == widget.size()


def page_scroller(page: SignpostingPage) -> QScrollArea:
    parent = page.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert isinstance(parent, QScrollArea)
    return parent


def test_at_1280x720_three_services_show_and_the_status_line_is_in_view(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    window = desktop.window
    window.resize(WIDTH, HEIGHT)
    window.navigation.setCurrentRow(list(window.registered).index("signposting"))
    page = window.signposting
    page.district.setCurrentIndex(page.district.findText("Swale"))
    for need in ("domestic-abuse", "sexual-violence", "feeling-safe"):
        page.need_boxes[need].click()
    page.find_button.click()
    qtbot.waitUntil(lambda: page.results.count() >= 3)
    qtbot.wait(50)  # the list lays its rows out

    scroller = page_scroller(page)
    assert scroller.verticalScrollBar().maximum() == 0  # only the lists scroll
    assert scroller.horizontalScrollBar().maximum() == 0
    results = page.results
    assert in_view(results, window)
    three = sum(results.visualItemRect(results.item(row)).height() for row in range(3))
    assert results.viewport().height() >= three, (results.viewport().height(), three)
    for box in page.need_boxes.values():
        assert in_view(box, window), box.text()

    lines = [page.routes.item(row).text() for row in range(page.routes.count())]
    assert len(lines) >= 5 and all(" \u2014 " in line for line in lines)
    assert any(line.startswith("Emergency \u2014 999") for line in lines)
    assert not any("\n" in line for line in lines)

    results.item(0).setCheckState(Qt.CheckState.Checked)
    page.keep_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Record kept"))
    # The new message is laid out on a later turn of the event loop; a button that stays
    # out of view past that fails here.
    qtbot.waitUntil(
        lambda: in_view(page.keep_button, window) and in_view(page.refer_button, window),
        timeout=2000,
    )
    assert in_view(page.message, window)
    page.refer_button.click()  # this laptop is not enrolled: said where the eye is
    qtbot.waitUntil(lambda: page.message.text().startswith("Error: Could not refer"))
    assert in_view(page.message, window) and page.message.is_error
    assert page.results.count() >= 3  # nothing was cleared
