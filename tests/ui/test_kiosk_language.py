"""The attendee kiosk speaks the app's language: under the pseudo-language qps-ploc no
label, button, placeholder, tooltip, accessible name or message is left in plain English.

Data is not the kiosk's own words and may stay as it is: the session title, the quiz's
questions and answers (course content, to arrive translated as signed content), the
digits 1 to 5 of the ratings, and the synthetic first name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.widget_walk import texts_of
from victim_champion.core.course import Question
from victim_champion.ui.screens.kiosk_screen import KioskScreen

SESSION = "Basics at St John's Hall"
FIRST_NAME = "Ada"
QUESTIONS = [
    Question("Who can ask for support?", ("Anyone", "Only people who reported"), 0, "Anyone."),
    Question("How many rights are there?", ("Twelve", "Three", "Five"), 0, "Twelve."),
]
DATA = (
    [SESSION, FIRST_NAME] + [q.text for q in QUESTIONS] + [o for q in QUESTIONS for o in q.options]
)
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def shown_texts(kiosk: KioskScreen) -> Iterator[tuple[str, str]]:
    """(widget, text) for the kiosk and every widget in it, data taken out."""
    for widget in [kiosk, *kiosk.findChildren(QWidget)]:
        for text in texts_of(widget):
            for data in sorted(DATA, key=len, reverse=True):
                text = text.replace(data, "")
            if text.strip():
                yield type(widget).__name__, text


def plain_english(kiosk: KioskScreen) -> list[str]:
    return [f"{kind}: {text!r}" for kind, text in shown_texts(kiosk) if ENGLISH_WORD.search(text)]


def test_every_word_of_the_kiosk_comes_from_the_catalogue_under_qps_ploc(qtbot: QtBot) -> None:
    kiosk = KioskScreen(language="qps-ploc")
    qtbot.addWidget(kiosk)
    kiosk.show()
    seen: list[str] = []

    kiosk.start_sign_in(SESSION)
    qtbot.keyClicks(kiosk.name, FIRST_NAME)
    kiosk.show_signed_in(FIRST_NAME)
    seen += plain_english(kiosk)
    kiosk.refuse_leaving(wrong_passphrase=True)
    seen += plain_english(kiosk)
    kiosk.refuse_leaving(wrong_passphrase=False)
    seen += plain_english(kiosk)

    kiosk.start_knowledge_check(True, QUESTIONS)
    kiosk.quiz_next.click()  # no answer chosen: the kiosk asks for one
    seen += plain_english(kiosk)
    kiosk.start_knowledge_check(False, QUESTIONS)
    kiosk.show_quiz_result(1, 2)
    seen += plain_english(kiosk)

    kiosk.start_feedback()
    kiosk.feedback_button.click()  # no ratings: the kiosk asks for them
    seen += plain_english(kiosk)
    kiosk.thank_for_feedback()
    seen += plain_english(kiosk)
    assert seen == []


def test_the_same_walk_finds_english_in_an_english_kiosk(qtbot: QtBot) -> None:
    """The check above can fail: in en-GB it finds the English words."""
    kiosk = KioskScreen()
    qtbot.addWidget(kiosk)
    kiosk.start_sign_in(SESSION)
    found = " ".join(plain_english(kiosk))
    assert "Sign in" in found and "Leave kiosk" in found and "Welcome to" in found


def test_the_pseudo_language_kiosk_still_signs_people_in(qtbot: QtBot) -> None:
    kiosk = KioskScreen(language="qps-ploc")
    qtbot.addWidget(kiosk)
    kiosk.start_sign_in(SESSION)
    qtbot.keyClicks(kiosk.name, "Ada Example")
    with qtbot.waitSignal(kiosk.sign_in_requested) as signed:
        kiosk.sign_in_button.click()
    assert signed.args == ["Ada Example", False]
    kiosk.show_signed_in("Ada")
    assert "Ada" in kiosk.thanks.text() and kiosk.thanks.text().startswith("[")
