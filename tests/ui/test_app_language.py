"""VC_LANGUAGE, read once by the composition root, reaches the kiosk and what the app
prints; an unknown one stops the app with one sentence before any window opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FakeClock, unlock
from victim_champion.app import LANGUAGE_VARIABLE, DesktopApp, build_desktop, run_desktop
from victim_champion.core.errors import InvalidInputError
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, DemoProfile


@pytest.fixture
def pseudo_desktop(qtbot: QtBot, demo: DemoProfile, clock: FakeClock) -> Iterator[DesktopApp]:
    built = build_desktop(demo.profile, DEMO_PASSPHRASE, clock, language="qps-ploc")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.close()


def test_the_chosen_language_reaches_the_kiosk_and_the_printed_handout(
    qtbot: QtBot, pseudo_desktop: DesktopApp
) -> None:
    unlock(qtbot, pseudo_desktop)
    kiosk = pseudo_desktop.window.kiosk
    assert kiosk.words.language == "qps-ploc"
    assert kiosk.sign_in_button.text().startswith("[") and "ñ" in kiosk.sign_in_button.text()
    page = pseudo_desktop.window.handouts
    pseudo_desktop.window.navigation.setCurrentRow(1)
    page.kind.setCurrentIndex(page.kind.findData("rights"))
    page.preview_button.click()
    printing = pseudo_desktop.controller.printing
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    assert printing.language == "qps-ploc"
    assert printing.preview is not None
    assert b"/Lang (qps-ploc)" in printing.preview._data
    printing.preview.close_button.click()


def test_english_is_the_default(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    assert desktop.window.kiosk.words.language == "en-GB"
    assert desktop.controller.printing.language == "en-GB"


def test_an_unknown_language_stops_the_app_with_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LANGUAGE_VARIABLE, "xx")
    with pytest.raises(InvalidInputError, match=r"^There is no catalogue for the language 'xx'"):
        run_desktop(tmp_path / "profile", demo=False)
    assert not (tmp_path / "profile").exists()


def test_what_the_controller_says_in_the_kiosk_is_in_the_chosen_language(
    qtbot: QtBot, pseudo_desktop: DesktopApp
) -> None:
    """The quiz title, the score, the feedback thanks and the refusal to leave come from
    the training controller, not the kiosk widget: they too go through the catalogue."""
    import re

    english = re.compile(r"\b[A-Za-z]{3,}\b")
    unlock(qtbot, pseudo_desktop)
    kiosk, training = pseudo_desktop.window.kiosk, pseudo_desktop.controller.training
    session_id = pseudo_desktop.window.sessions.selected_session_id()
    assert session_id is not None
    training.start_kiosk(session_id, "pre")
    assert not english.search(kiosk.heading.text())
    for question in list(kiosk.questions):
        kiosk.option_buttons[question.answer].click()
        kiosk.quiz_next.click()
    qtbot.waitUntil(lambda: bool(kiosk.thanks.text()))
    assert not english.search(kiosk.thanks.text()), kiosk.thanks.text()
    training.start_kiosk(session_id, "feedback")
    for group in kiosk.rating_groups.values():
        group.button(4).click()
    kiosk.feedback_button.click()
    qtbot.waitUntil(lambda: bool(kiosk.thanks.text()))
    assert not english.search(kiosk.thanks.text()), kiosk.thanks.text()
    qtbot.keyClicks(kiosk.staff_passphrase, "not the passphrase")
    kiosk.leave_button.click()
    qtbot.waitUntil(lambda: bool(kiosk.staff_message.text()), timeout=10_000)
    assert not english.search(kiosk.staff_message.text()), kiosk.staff_message.text()


def test_the_quiz_sheets_and_materials_print_in_the_apps_language(
    qtbot: QtBot, pseudo_desktop: DesktopApp, tmp_path: Path
) -> None:
    """Like the handouts, the paper quiz and the activity materials print in VC_LANGUAGE:
    the PDF says so, and the sheet's own words are the pseudo-language's."""
    from tests.support.pdf_tools import flowing_text
    from tests.ui.conftest import modal
    from tests.ui.test_printing import select_session
    from victim_champion.content.message_catalogue import messages
    from victim_champion.ui.dialogs.quiz_sheet_dialogs import PrintQuizSheetsDialog

    unlock(qtbot, pseudo_desktop)
    window, printing = pseudo_desktop.window, pseudo_desktop.controller.printing
    select_session(pseudo_desktop, "Victim Champion refresher")
    window.sessions.print_sheets_action.trigger()
    dialog = modal(qtbot, PrintQuizSheetsDialog)
    assert isinstance(dialog, PrintQuizSheetsDialog)
    dialog.count.setValue(1)
    dialog.accept()
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    assert printing.preview is not None
    sheet = printing.preview.pdf_bytes
    assert b"/Lang (qps-ploc)" in sheet
    footer = messages("qps-ploc").text("quiz_sheet.footer")
    assert " ".join(footer.split()) in flowing_text(sheet, tmp_path)
    printing.preview.reject()
    qtbot.waitUntil(lambda: printing.preview is None)
    window.navigation.setCurrentRow(1)
    window.handouts.materials_button.click()
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    assert printing.preview is not None
    assert b"/Lang (qps-ploc)" in printing.preview.pdf_bytes
    printing.preview.reject()
