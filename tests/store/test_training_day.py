"""Attendance, anonymous knowledge checks and feedback, and editing a session."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.content.course_loader import load_course
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.errors import InvalidInputError, NotFoundError
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.core.training_day import (
    Attendance,
    Feedback,
    QuizPhase,
    knowledge_check,
)
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.repositories.training_day_repository import TrainingDay


def test_a_training_day_is_recorded_anonymously_where_it_should_be(profile: Profile) -> None:
    from datetime import date

    store = profile.open(PASSPHRASE)
    try:
        records, day = Records(store), TrainingDay(store)
        session = records.create_session(
            Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "dover", date(2026, 12, 3))
        )
        [ada] = records.add_attendees(session.id, [AttendeeDetails("Ada Example")])
        day.mark_attendance(session.id, [ada], Attendance.LATE)
        assert records.register(session.id)[0].attendance == "late"
        with pytest.raises(NotFoundError):
            day.mark_attendance(session.id, [new_id()], Attendance.PRESENT)

        course = load_course()
        before = knowledge_check(course, QuizPhase.PRE, session.id)
        after = knowledge_check(course, QuizPhase.POST, session.id)
        assert len(before.questions) == len(after.questions) == 8
        wrong = [(q.answer + 1) % len(q.options) for q in before.questions]
        wrong[0] = before.questions[0].answer  # the first module landed before the course
        marks = before.by_module(wrong)
        day.submit_quiz(session.id, QuizPhase.PRE, sum(marks.values()), 8, marks)
        marks = after.by_module([q.answer for q in after.questions])
        day.submit_quiz(session.id, QuizPhase.POST, sum(marks.values()), 8, marks)
        scores = day.scores(session.id)
        assert scores.post_percent == 100.0 and scores.gain == 100.0 - 12.5
        results = day.module_results(session.id)
        assert sorted(phase for phase, _ in results) == ["post", "pre"]
        assert dict(results)["pre"] == {m.id: m is course.modules[0] for m in course.modules}
        with pytest.raises(InvalidInputError, match="Answer every question"):
            before.by_module([0])

        day.submit_feedback(session.id, Feedback(5, 4, 4, 5, "Clear and useful"))
        with pytest.raises(InvalidInputError, match="from 1 to 5"):
            Feedback(6, 4, 4, 5)
        assert day.feedback_count(session.id) == 1
        columns = store.owner.run(
            lambda c: (
                [r[1] for r in c.execute("PRAGMA table_info(quiz_result)").fetchall()]
                + [r[1] for r in c.execute("PRAGMA table_info(feedback)").fetchall()]
            )
        )
        assert not any("attendee" in column for column in columns)

        moved = dataclasses.replace(session, venue="Library", facilitators=("Trainer Two",))
        day.update_session(moved)
        assert records.session(session.id).venue == "Library"
        kinds = store.owner.run(
            lambda c: [
                r[0] for r in c.execute("SELECT kind FROM outbox ORDER BY device_seq").fetchall()
            ]
        )
        assert {
            "attendance.marked",
            "quiz.submitted",
            "feedback.submitted",
            "session.updated",
        } <= set(kinds)
    finally:
        store.close()
