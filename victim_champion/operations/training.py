"""A training session: sessions, the register, attendance, the kiosk, quizzes and feedback.

Each method is one thing a trainer (or an attendee at the kiosk) does. Reading a CSV
file and matching a kiosk sign-in to the register live here, once, for both front ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from victim_champion.content.course_on_laptop import adopt_course
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE
from victim_champion.core.attendee_csv import ImportPlan
from victim_champion.core.attendees import Attendee, AttendeeDetails
from victim_champion.core.course import Course
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.core.paper_quiz import MAX_SHEET, mark_sheets
from victim_champion.core.sessions import Session
from victim_champion.core.training_day import (
    Attendance,
    Feedback,
    KnowledgeCheck,
    ModuleGain,
    QuizPhase,
    SessionScores,
    knowledge_check,
    module_gains,
)
from victim_champion.operations.register_import import (
    ImportPreview,
    ImportResult,
    read_register_file,
    split_duplicates,
)
from victim_champion.operations.workspace import Workspace
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.repositories.register_corrections import RegisterCorrections
from victim_champion.store.repositories.training_day_repository import TrainingDay
from victim_champion.store.syncing.sync_local import StoreSyncLocal

MAX_SHEETS_PRINTED = 200


def matching_attendee(register: Sequence[Attendee], name: str) -> Attendee | None:
    """The person on the register a kiosk sign-in means: same name, ignoring case and spaces."""
    wanted = " ".join(name.split()).casefold()
    return next((a for a in register if " ".join(a.name.split()).casefold() == wanted), None)


def course_for(workspace: Workspace) -> tuple[Course, str | None]:
    """The course to teach: a verified hub bundle if there is one, else the installed one.

    The second value is a sentence for the trainer when a bundle could not be used. The
    course is adopted too: from now on every handout, web page and quick reference on this
    laptop shows its Victims' Code (content/course_on_laptop.py).
    """
    bundle = StoreSyncLocal(workspace.store).bundle("course")
    return adopt_course(dict(bundle[1]["files"]) if bundle else None)


class Training:
    """What a trainer does with one unlocked profile."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._records = Records(workspace.store)
        self._day = TrainingDay(workspace.store)
        self._corrections = RegisterCorrections(workspace.store)

    def _changed(self, area: RecordArea) -> None:
        self._workspace.events.publish(RecordsChanged(area))

    # ------------------------------------------------------------------ sessions

    def sessions(self) -> list[Session]:
        """Every session, newest first."""
        return self._records.sessions()

    def session(self, session_id: str) -> Session:
        """One session; raises NotFoundError."""
        return self._records.session(session_id)

    def create_session(self, draft: Session) -> Session:
        """Save a new session."""
        saved = self._records.create_session(draft)
        self._changed(RecordArea.SESSIONS)
        return saved

    def update_session(self, session: Session) -> Session:
        """Save changes to a session."""
        saved = self._day.update_session(session)
        self._changed(RecordArea.SESSIONS)
        return saved

    def delete_session(self, session_id: str) -> None:
        """Delete a session and everything recorded in it (refused once certificates were
        printed for it)."""
        self._corrections.delete_session(session_id)
        self._changed(RecordArea.SESSIONS)

    # ------------------------------------------------------------------ the register

    def register(self, session_id: str) -> list[Attendee]:
        """The people on a session's register."""
        return self._records.register(session_id)

    def add_people(self, session_id: str, people: Sequence[AttendeeDetails]) -> list[str]:
        """Add people typed in by the trainer."""
        ids = self._records.add_attendees(session_id, people)
        self._changed(RecordArea.REGISTER)
        return ids

    def preview_import(
        self, session_id: str, plan: ImportPlan, *, include_duplicates: bool = False
    ) -> ImportPreview:
        """What importing this plan would do: new people, people already on the register
        (same name and email), and bad rows; nothing is written."""
        return ImportPreview(
            plan, *split_duplicates(self.register(session_id), plan, include_duplicates)
        )

    def import_plan(
        self,
        session_id: str,
        plan: ImportPlan,
        *,
        skip_bad: bool,
        include_duplicates: bool = False,
    ) -> ImportResult:
        """Write a checked plan: all good rows or nothing, unless ``skip_bad``. A person
        already on the register (same name and email), or twice in the file, is left out
        unless ``include_duplicates``: importing the same export twice adds nobody."""
        kept, duplicates = split_duplicates(self.register(session_id), plan, include_duplicates)
        ids = self._records.import_attendees(
            session_id, replace(plan, rows=kept), skip_bad=skip_bad
        )
        self._changed(RecordArea.REGISTER)
        return ImportResult(ids, plan, duplicates)

    def import_file(
        self,
        session_id: str,
        path: Path,
        *,
        skip_bad: bool,
        include_duplicates: bool = False,
        columns: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """Read a register CSV (its columns matched by hand when ``columns`` is given) and
        import it."""
        return self.import_plan(
            session_id,
            read_register_file(path, columns),
            skip_bad=skip_bad,
            include_duplicates=include_duplicates,
        )

    def edit_person(self, session_id: str, attendee_id: str, details: AttendeeDetails) -> None:
        """Correct a person's name or contact details."""
        self._corrections.edit_attendee(session_id, attendee_id, details)
        self._changed(RecordArea.REGISTER)

    def remove_person(self, session_id: str, attendee_id: str) -> None:
        """Take a person off the register (and out of what the hub holds)."""
        self._corrections.remove_attendee(session_id, attendee_id)
        self._changed(RecordArea.REGISTER)

    def mark_attendance(
        self, session_id: str, attendee_ids: Sequence[str], attendance: Attendance
    ) -> None:
        """Mark people present, late, left early, or absent (which clears a wrong mark)."""
        self._day.mark_attendance(session_id, attendee_ids, attendance)
        self._changed(RecordArea.REGISTER)

    def complete(self, session_id: str, attendee_ids: Sequence[str]) -> list[str]:
        """Mark people as having completed the course (a certificate becomes due)."""
        done = self._records.complete(session_id, attendee_ids)
        self._changed(RecordArea.REGISTER)
        return done

    def undo_completion(self, session_id: str, attendee_ids: Sequence[str]) -> list[str]:
        """Take back "Completed" (refused once a certificate was printed)."""
        undone = self._corrections.undo_completion(session_id, attendee_ids)
        self._changed(RecordArea.REGISTER)
        return undone

    # ------------------------------------------------------------------ the kiosk

    def kiosk_sign_in(self, session_id: str, name: str, consent_contact: bool) -> str:
        """An attendee signs in: found on the register, or added; marked present.

        Returns the attendee id.
        """
        match = matching_attendee(self._records.register(session_id), name)
        attendee_id = (
            match.id
            if match
            else self._records.add_attendees(
                session_id, [AttendeeDetails(name, consent_contact=consent_contact)]
            )[0]
        )
        self._day.mark_attendance(session_id, [attendee_id], Attendance.PRESENT)
        self._changed(RecordArea.REGISTER)
        return attendee_id

    def submit_quiz(
        self,
        session_id: str,
        phase: QuizPhase,
        check: KnowledgeCheck,
        answers: Sequence[int],
    ) -> int:
        """Keep one anonymous knowledge-check result; returns how many were right."""
        marks = check.by_module(answers)
        right = sum(marks.values())
        self._day.submit_quiz(session_id, phase, right, len(check.questions), marks)
        return right

    # ------------------------------------------------------------------ the quiz on paper

    def quiz_on_paper(self, session_id: str, phase: QuizPhase) -> KnowledgeCheck:
        """The questions a session's paper sheets carry: the ones the kiosk would ask for
        this session and phase, from the course in use (raises NotFoundError for no such
        session)."""
        self._records.session(session_id)
        return knowledge_check(course_for(self._workspace)[0], phase, session_id)

    def print_quiz_sheets(
        self,
        session_id: str,
        phase: QuizPhase,
        count: int,
        first: int = 1,
        language: str = DEFAULT_LANGUAGE,
    ) -> bytes:
        """``count`` numbered answer sheets (from ``first``) for the whole room to answer
        at once: PDF bytes, two A4 pages (one sheet of paper, both sides) each, in
        ``language`` (its words from the catalogue, the questions from its content)."""
        from victim_champion.documents.quiz_sheet import QuizSheetContent, build_quiz_sheets

        if not 1 <= count <= MAX_SHEETS_PRINTED:
            raise InvalidInputError(f"Print from 1 to {MAX_SHEETS_PRINTED} sheets at a time.")
        if first < 1 or first + count - 1 > MAX_SHEET:
            raise InvalidInputError(f"Sheet numbers run from 1 to {MAX_SHEET}.")
        session, course = self._records.session(session_id), course_for(self._workspace)[0]
        check = knowledge_check(course, phase, session_id)
        content = QuizSheetContent(
            course.title, session.title, session.date, phase, check.questions
        )
        return build_quiz_sheets(content, count, first, language)

    def enter_quiz_sheets(self, session_id: str, phase: QuizPhase, rows: Mapping[int, str]) -> int:
        """Keep one anonymous result per typed sheet ({sheet number: "ABDC-BAC"}), with its
        marks per module as the kiosk keeps them. All or nothing: a bad row, or a sheet
        already entered for this session and phase, keeps none. Returns how many were kept."""
        sheets = mark_sheets(self.quiz_on_paper(session_id, phase), rows)
        self._day.submit_sheets(session_id, phase, sheets)
        self._changed(RecordArea.REGISTER)
        return len(sheets)

    def entered_quiz_sheets(self, session_id: str, phase: QuizPhase) -> set[int]:
        """The numbers of the sheets already typed in for this session and phase."""
        return self._day.entered_sheets(session_id, phase)

    def module_gains(self, session_id: str, course: Course) -> list[ModuleGain]:
        """Each module's share of right answers before and after, in teaching order."""
        return module_gains([m.id for m in course.modules], self._day.module_results(session_id))

    def submit_feedback(self, session_id: str, feedback: Feedback) -> None:
        """Keep one anonymous feedback form."""
        self._day.submit_feedback(session_id, feedback)

    def feedback(self, session_id: str) -> list[Feedback]:
        """The session's feedback forms: ratings and comments, for the trainer."""
        return self._day.feedback_for(session_id)

    def scores(self, session_id: str) -> tuple[SessionScores, int]:
        """Knowledge-check scores before and after, and how many feedback forms."""
        return self._day.scores(session_id), self._day.feedback_count(session_id)
