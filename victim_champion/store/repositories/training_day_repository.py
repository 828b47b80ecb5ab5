"""The training day in the store: editing a session, attendance, knowledge checks, feedback.

Quiz results and feedback are anonymous by construction: they carry the session, never
an attendee. Each call is one journaled transaction (audited, with its outbox envelope).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.errors import InvalidInputError, NotFoundError
from victim_champion.core.identifiers import new_id
from victim_champion.core.paper_quiz import SheetResult, already_entered
from victim_champion.core.sessions import Session
from victim_champion.core.training_day import (
    Attendance,
    Feedback,
    QuizPhase,
    SessionScores,
    session_scores,
)
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import AttendanceRecord, FeedbackRecord, QuizRecord
from victim_champion.store.journaling.journal import Journal, JournaledService
from victim_champion.store.repositories.record_repository import session_record
from victim_champion.store.repositories.session_repository import require_session
from victim_champion.store.schema.connection import Connection


def _insert_result(
    connection: Connection,
    journal: Journal,
    session_id: str,
    phase: QuizPhase,
    score: int,
    total: int,
    by_module: Mapping[str, bool] | None,
    at: datetime,
    sheet: int | None = None,
) -> None:
    """One quiz result row and its record for the hub (score and total only)."""
    marks = json.dumps({k: int(v) for k, v in (by_module or {}).items()}, sort_keys=True)
    result_id = new_id()
    connection.execute(
        "INSERT INTO quiz_result (id, session_id, phase, score, total, at, by_module, sheet)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (result_id, session_id, phase.value, score, total, at.isoformat(), marks, sheet),
    )
    journal.record(QuizRecord(result_id, session_id, phase.value, score, total))


def _entered(connection: Connection, session_id: str, phase: QuizPhase) -> set[int]:
    rows = connection.execute(
        "SELECT sheet FROM quiz_result WHERE session_id = ? AND phase = ? AND sheet IS NOT NULL",
        (session_id, phase.value),
    ).fetchall()
    return {int(row[0]) for row in rows}


class TrainingDay(JournaledService):
    """What a trainer records during a session."""

    def update_session(self, session: Session) -> Session:
        """Change a session's details (kind, title, venue, district, date, trainers)."""

        def work(connection: Connection) -> None:
            require_session(connection, session.id)
            with self._journal(connection, EnvelopeKind.SESSION_UPDATED) as journal:
                connection.execute(
                    "UPDATE session SET kind = ?, title = ?, venue = ?, district_id = ?, "
                    "session_date = ?, facilitators = ? WHERE id = ?",
                    (
                        session.kind.value,
                        session.title,
                        session.venue,
                        session.district_id,
                        session.date.isoformat(),
                        json.dumps(list(session.facilitators)),
                        session.id,
                    ),
                )
                journal.record(session_record(session))
                journal.audit(AuditAction.UPDATE, RecordKind.SESSION, session.id)

        self._store.owner.run(work)
        return session

    def mark_attendance(
        self, session_id: str, attendee_ids: Sequence[str], attendance: Attendance
    ) -> None:
        """Present, late or left early; absent clears the mark (the register shows it
        unmarked, and the hub is told "absent"). Several people are one transaction: all
        marked, or none if one is not on this register."""
        stored = None if attendance is Attendance.ABSENT else attendance.value

        def work(connection: Connection) -> None:
            with self._journal(connection, EnvelopeKind.ATTENDANCE_MARKED) as journal:
                for attendee_id in attendee_ids:
                    cursor = connection.execute(
                        "UPDATE attendee SET attendance = ? WHERE id = ? AND session_id = ?",
                        (stored, attendee_id, session_id),
                    )
                    if cursor.rowcount != 1:
                        raise NotFoundError("attendee in this session", attendee_id)
                    journal.record(AttendanceRecord(attendee_id, session_id, attendance.value))
                    journal.audit(AuditAction.UPDATE, RecordKind.ATTENDEE, attendee_id)

        self._store.owner.run(work)

    def submit_quiz(
        self,
        session_id: str,
        phase: QuizPhase,
        score: int,
        total: int,
        by_module: Mapping[str, bool] | None = None,
    ) -> None:
        """One anonymous knowledge-check result (and, kept here only, which modules'
        questions it got right)."""
        now = self._clock()

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            with self._journal(connection, EnvelopeKind.QUIZ_SUBMITTED) as journal:
                _insert_result(connection, journal, session_id, phase, score, total, by_module, now)

        self._store.owner.run(work)

    def submit_sheets(
        self, session_id: str, phase: QuizPhase, sheets: Sequence[SheetResult]
    ) -> None:
        """Paper answer sheets typed in: one anonymous result each, like the kiosk's, that
        also keeps its sheet's number. All in one transaction, refused whole if a sheet was
        already entered for this session and phase."""
        now = self._clock()

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            with self._journal(connection, EnvelopeKind.QUIZ_SUBMITTED) as journal:
                again = sorted(_entered(connection, session_id, phase) & {s.sheet for s in sheets})
                if again:
                    raise InvalidInputError(already_entered(again, phase))
                for each in sheets:
                    _insert_result(
                        connection,
                        journal,
                        session_id,
                        phase,
                        each.right,
                        each.total,
                        each.marks,
                        now,
                        each.sheet,
                    )

        self._store.owner.run(work)

    def entered_sheets(self, session_id: str, phase: QuizPhase) -> set[int]:
        """The numbers of the paper sheets already typed in for this session and phase."""
        return self._store.owner.run(lambda c: _entered(c, session_id, phase))

    def submit_feedback(self, session_id: str, feedback: Feedback) -> None:
        """One anonymous feedback form."""
        now = self._clock()

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            with self._journal(connection, EnvelopeKind.FEEDBACK_SUBMITTED) as journal:
                feedback_id = new_id()
                connection.execute(
                    "INSERT INTO feedback (id, session_id, usefulness, clarity, confidence, "
                    "overall, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        feedback_id,
                        session_id,
                        feedback.usefulness,
                        feedback.clarity,
                        feedback.confidence,
                        feedback.overall,
                        feedback.comment,
                        now.isoformat(),
                    ),
                )
                journal.record(
                    FeedbackRecord(
                        id=feedback_id,
                        session_id=session_id,
                        usefulness=feedback.usefulness,
                        clarity=feedback.clarity,
                        confidence=feedback.confidence,
                        overall=feedback.overall,
                        comment=feedback.comment,
                    )
                )

        self._store.owner.run(work)

    def scores(self, session_id: str) -> SessionScores:
        """Knowledge gained in this session (pre against post)."""
        rows = self._store.owner.run(
            lambda c: c.execute(
                "SELECT phase, score, total FROM quiz_result WHERE session_id = ?", (session_id,)
            ).fetchall()
        )
        return session_scores([(str(p), int(s), int(t)) for p, s, t in rows])

    def module_results(self, session_id: str) -> list[tuple[str, dict[str, bool]]]:
        """(phase, {module id: right}) for each knowledge check in the session."""
        rows = self._store.owner.run(
            lambda c: c.execute(
                "SELECT phase, by_module FROM quiz_result WHERE session_id = ?", (session_id,)
            ).fetchall()
        )
        return [(str(p), {k: bool(v) for k, v in json.loads(m).items()}) for p, m in rows]

    def feedback_for(self, session_id: str) -> list[Feedback]:
        """Every feedback form for the session, oldest first (anonymous by construction)."""
        rows = self._store.owner.run(
            lambda c: c.execute(
                "SELECT usefulness, clarity, confidence, overall, comment FROM feedback "
                "WHERE session_id = ? ORDER BY at",
                (session_id,),
            ).fetchall()
        )
        return [Feedback(int(u), int(c), int(f), int(o), str(m or "")) for u, c, f, o, m in rows]

    def feedback_count(self, session_id: str) -> int:
        """How many feedback forms this session has."""
        return int(
            self._store.owner.run(
                lambda c: c.execute(
                    "SELECT count(*) FROM feedback WHERE session_id = ?", (session_id,)
                ).fetchone()[0]
            )
        )
