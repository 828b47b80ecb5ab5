"""The knowledge check on paper, typed in: rows of letters read into marks per module, kept
in a real SQLCipher profile as one anonymous result per sheet, seen in the scores and the
module gains like a kiosk result, and each sheet number taken once per session and phase."""

from __future__ import annotations

from datetime import date

import pytest

from victim_champion.content.course_loader import load_course
from victim_champion.core.course import Question
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.identifiers import new_id
from victim_champion.core.paper_quiz import index_for, letter_for, mark_sheet, read_sheet
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.core.training_day import KnowledgeCheck, QuizPhase, knowledge_check
from victim_champion.operations.training import Training
from victim_champion.operations.workspace import Workspace


def new_session(training: Training) -> Session:
    return training.create_session(
        Session(new_id(), SessionKind.TRAINING, "Evening", "Hall", "swale", date(2026, 12, 7))
    )


def typed(check: KnowledgeCheck, right: set[int]) -> str:
    """A row with the right letter for the questions in ``right`` (0-based), a wrong one
    elsewhere."""
    return "".join(
        letter_for(q.answer if i in right else (q.answer + 1) % len(q.options))
        for i, q in enumerate(check.questions)
    )


def test_letters_and_numbers_mean_the_same_option() -> None:
    assert [letter_for(i) for i in range(4)] == ["A", "B", "C", "D"]
    assert [index_for(c) for c in "AbC4"] == [0, 1, 2, 3]
    assert index_for("-") is None and index_for(" ") is None
    with pytest.raises(InvalidInputError, match="'Q' is not an answer"):
        index_for("Q")


def test_bad_rows_are_refused_with_the_sheet_and_question_named() -> None:
    three = Question("Which?", ("One", "Two", "Three"), 0, "Because.")
    four = Question("Which now?", ("One", "Two", "Three", "Four"), 3, "Because.")
    check = KnowledgeCheck(("first", "second", "third"), (four, three, four))
    assert read_sheet(check, 7, "A-d") == [0, None, 3]
    with pytest.raises(
        InvalidInputError,
        match=r"^Sheet 7, question 2 has only 3 answers \(A to C\); check the sheet\.$",
    ):
        read_sheet(check, 7, "ADD")
    with pytest.raises(InvalidInputError, match=r"^Sheet 7 has 2 answers typed; it needs 3"):
        read_sheet(check, 7, "AB")
    with pytest.raises(InvalidInputError, match="Sheet 2, question 3: 'X' is not an answer"):
        read_sheet(check, 2, "ABX")
    with pytest.raises(InvalidInputError, match="Sheet numbers run from 1"):
        read_sheet(check, 0, "ABC")
    # A blank is counted wrong, as a wrong letter is; the right ones count per module.
    result = mark_sheet(check, 3, "D-A")
    assert result.marks == {"first": True, "second": False, "third": False}
    assert (result.right, result.total) == (1, 3)


def test_sheets_are_kept_like_kiosk_results_and_each_number_once(workspace: Workspace) -> None:
    training = Training(workspace)
    session = new_session(training)
    course = load_course()
    before = knowledge_check(course, QuizPhase.PRE, session.id)
    after = knowledge_check(course, QuizPhase.POST, session.id)
    assert training.quiz_on_paper(session.id, QuizPhase.PRE) == before

    # Four sheets before: everyone gets module 1 right, sheet 2 also module 2, sheet 4
    # left everything after the first question blank. One kiosk result goes in too.
    rows = {1: typed(before, {0}), 2: typed(before, {0, 1}), 3: typed(before, {0}).lower()}
    rows[4] = letter_for(before.questions[0].answer) + "-" * (len(before.questions) - 1)
    assert training.enter_quiz_sheets(session.id, QuizPhase.PRE, rows) == 4
    kiosk = [(q.answer + 1) % len(q.options) for q in before.questions]
    training.submit_quiz(session.id, QuizPhase.PRE, before, kiosk)
    assert training.entered_quiz_sheets(session.id, QuizPhase.PRE) == {1, 2, 3, 4}

    # After the course the same numbers are free again; everyone gets everything right.
    full = {n: typed(after, set(range(len(after.questions)))) for n in (1, 2, 3)}
    assert training.enter_quiz_sheets(session.id, QuizPhase.POST, full) == 3

    scores, _ = training.scores(session.id)
    assert (scores.pre_count, scores.post_count) == (5, 3)
    assert scores.pre_percent == pytest.approx(100 * 5 / 40)
    assert scores.post_percent == 100.0
    gains = {g.module_id: g for g in training.module_gains(session.id, course)}
    first, second, third = (m.id for m in course.modules[:3])
    assert gains[first].before == 80.0 and gains[second].before == 20.0
    assert gains[third].before == 0.0 and gains[third].after == 100.0

    # A sheet typed twice is refused, and nothing of that batch is kept.
    with pytest.raises(InvalidInputError, match=r"^Sheet 2 was already entered for the quiz"):
        training.enter_quiz_sheets(session.id, QuizPhase.PRE, {2: rows[2], 9: rows[1]})
    with pytest.raises(InvalidInputError, match="Sheet 5, question 1 has only 4 answers"):
        training.enter_quiz_sheets(session.id, QuizPhase.PRE, {5: "E" + rows[1][1:]})
    assert training.scores(session.id)[0].pre_count == 5
    assert training.entered_quiz_sheets(session.id, QuizPhase.PRE) == {1, 2, 3, 4}

    # The hub is told each result as it is told a kiosk result: the score and the total.
    kinds = workspace.store.owner.run(
        lambda c: [r[0] for r in c.execute("SELECT kind FROM outbox").fetchall()]
    )
    assert kinds.count("quiz.submitted") == 3  # two batches of sheets and one kiosk result
