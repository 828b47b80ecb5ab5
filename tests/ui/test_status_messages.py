"""Errors look like errors, not by colour alone: a word before them, the error red, and a
screen reader hears them at once; a result has its own green and is heard politely."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from tests.ui.test_accessibility import contrast
from victim_champion.app import DesktopApp
from victim_champion.ui import theme
from victim_champion.ui.widgets.form_widgets import MessageLabel, message_label, show_status


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """What is announced to a screen reader: (text, assertive), as Qt is asked to send it."""
    said: list[tuple[str, bool]] = []
    send = QAccessible.updateAccessibility

    def record(event: object) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            assertive = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            said.append((event.message(), assertive))
        send(event)  # type: ignore[arg-type]

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    return said


PAGES: list[QWidget] = []  # kept alive for the test's length


def shown_in(qtbot: QtBot, role: str) -> MessageLabel:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app)
    page = QWidget()
    PAGES[:] = [page]
    qtbot.addWidget(page)
    widget = message_label(role)
    QVBoxLayout(page).addWidget(widget)
    page.show()
    return widget


def colour(widget: MessageLabel) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def test_an_error_starts_with_a_word_is_red_and_is_heard_at_once(
    qtbot: QtBot, heard: list[tuple[str, bool]]
) -> None:
    widget = shown_in(qtbot, "success")
    show_status(widget, "Choose an answer first.", error=True)
    assert widget.text() == "Error: Choose an answer first." and widget.is_error
    assert colour(widget) == theme.ERROR
    assert contrast(theme.ERROR, theme.CANVAS) >= 4.5 and contrast(theme.ERROR, theme.PAPER) >= 4.5
    assert heard[-1] == ("Error: Choose an answer first.", True)


def test_a_result_after_an_error_is_green_without_the_word_and_heard_politely(
    qtbot: QtBot, heard: list[tuple[str, bool]]
) -> None:
    widget = shown_in(qtbot, "error")
    widget.show_status("That folder does not exist; choose another.", error=True)
    widget.show_status("Saved as sheet.pdf.", error=False)
    assert widget.text() == "Saved as sheet.pdf." and not widget.is_error
    assert colour(widget) == theme.SUCCESS
    assert heard[-1] == ("Saved as sheet.pdf.", False)
    widget.show_status("", error=True)  # empties it: no lone "Error: "
    assert widget.text() == "" and not widget.is_error


def test_the_kiosk_says_an_unchosen_answer_is_an_error_in_its_own_language(
    qtbot: QtBot, desktop: DesktopApp, heard: list[tuple[str, bool]]
) -> None:
    unlock(qtbot, desktop)
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    desktop.controller.training.start_kiosk(session_id, "pre")
    kiosk = desktop.window.kiosk
    kiosk.quiz_next.click()  # nothing chosen
    assert kiosk.thanks.text() == "Error: Choose an answer first." and kiosk.thanks.is_error
    assert colour(kiosk.thanks) == theme.ERROR
    assert ("Error: Choose an answer first.", True) in heard
    kiosk.option_buttons[0].click()
    kiosk.quiz_next.click()
    assert not kiosk.thanks.is_error
