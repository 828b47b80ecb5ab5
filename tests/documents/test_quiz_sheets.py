"""The quiz on paper, printed: real PDFs read back with poppler. Numbered sheets of two
sides each, the session's own questions in the kiosk's order with lettered answers, no
name asked for, nothing under 12 pt, and no answer key."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.support.pdf_tools import pdf_info, pdf_text, words_on_pages
from victim_champion.content.course_loader import load_course
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.core.training_day import QuizPhase, knowledge_check
from victim_champion.documents.quiz_sheet import QuizSheetContent, build_quiz_sheets
from victim_champion.operations.training import Training
from victim_champion.operations.workspace import Workspace

BBOX_PER_POINT = 1.24  # poppler's word box is 1.24 times the font size for this font


def flat(text: str) -> str:
    return " ".join(text.split())


def sides(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's words in drawing order, so the corner's "Sheet" and its number stay
    together."""
    return [flat(page) for page in pdf_text(pdf, tmp_path, layout=False).split("\f")[:-1]]


Box = tuple[str, float, float, float, float]  # word, x min, y min, x max, y max


def word_boxes(pdf: bytes, tmp_path: Path) -> list[list[Box]]:
    """Every word of each page with its box, from poppler."""
    pages, words = words_on_pages(pdf, tmp_path)
    return [
        [(w.text, w.x_min, w.y_min, w.x_max, w.y_max) for w in words if w.page == number]
        for number in range(1, len(pages) + 1)
    ]


def corner_number(page: list[Box]) -> tuple[str, float]:
    """The word printed under "Sheet" in the top corner, and its size in points."""
    _, left, _, right, bottom = next(box for box in page if box[0] == "Sheet")
    below = [box for box in page if box[2] >= bottom - 1 and box[1] < right and box[3] > left]
    text, _, top, _, low = min(below, key=lambda box: box[2])
    return text, (low - top) / BBOX_PER_POINT


def test_each_sheet_is_numbered_and_carries_the_sessions_questions(
    workspace: Workspace, tmp_path: Path
) -> None:
    training = Training(workspace)
    session = training.create_session(
        Session(new_id(), SessionKind.TRAINING, "Evening", "Hall", "swale", date(2026, 12, 7))
    )
    pdf = training.print_quiz_sheets(session.id, QuizPhase.POST, 3, first=4)
    check = knowledge_check(load_course(), QuizPhase.POST, session.id)
    assert pdf_info(pdf, tmp_path)["Pages"] == "6"  # one sheet of paper, both sides, each
    pages = sides(pdf, tmp_path)
    boxes = word_boxes(pdf, tmp_path)
    numbers = [corner_number(page) for page in boxes]
    assert [n for n, _ in numbers] == ["4", "4", "5", "5", "6", "6"]
    assert min(size for _, size in numbers) >= 36  # large, in the corner of both sides
    assert all(box[4] < 150 for page in boxes for box in page if box[0] == "Sheet")
    half = (len(check.questions) + 1) // 2
    for front, back in zip(pages[::2], pages[1::2], strict=True):
        for side in (front, back):
            assert "Do not write your name on this sheet." in side
            assert not re.search(r"\bname\s*:|full name|your name here|sign here", side, re.I)
        assert "Quiz: after the course" in front and "7 December 2026" in front
        for number, question in enumerate(check.questions, 1):
            side = front if number <= half else back
            at = side.index(f"{number}. {flat(question.text)}")
            for letter, option in zip("ABCD", question.options, strict=False):
                assert side.index(f"{letter} {flat(option)}", at) > at
        # The sheet marks nothing and says nothing of the right answers.
        assert "Answer" not in front + back
        assert not any(flat(q.why) in front + back for q in check.questions)
    smallest = min(box[4] - box[2] for page in boxes for box in page) / BBOX_PER_POINT
    assert round(smallest, 1) >= 12.0
    before = training.print_quiz_sheets(session.id, QuizPhase.PRE, 1)
    assert "Quiz: before the course" in sides(before, tmp_path)[0]
    assert corner_number(word_boxes(before, tmp_path)[0])[0] == "1"

    with pytest.raises(InvalidInputError, match="from 1 to 200 sheets"):
        training.print_quiz_sheets(session.id, QuizPhase.PRE, 0)


def test_the_longest_questions_of_every_module_still_fit_two_sides(tmp_path: Path) -> None:
    """Whatever the draw, a sheet is exactly two pages, so a double-sided print stays in
    step: the tallest question of each module at once still fits."""
    course = load_course()
    tallest = tuple(
        max(module.questions, key=lambda q: len(q.text) + sum(len(o) for o in q.options))
        for module in course.modules
    )
    content = QuizSheetContent(
        course.title, "A long session title for a hall", date(2026, 12, 7), QuizPhase.PRE, tallest
    )
    assert pdf_info(build_quiz_sheets(content, 2), tmp_path)["Pages"] == "4"
    # Questions that need more than two sides take four (two pieces of paper) on every
    # sheet, so a double-sided print still keeps in step; more than four is refused.
    longer = QuizSheetContent(
        course.title, "Hall", date(2026, 12, 7), QuizPhase.PRE, tallest + tallest
    )
    assert pdf_info(build_quiz_sheets(longer, 2), tmp_path)["Pages"] == "8"
    too_long = replace(longer, questions=tallest * 3)
    with pytest.raises(InvalidInputError, match="too long to print on the quiz sheets"):
        build_quiz_sheets(too_long, 1)
