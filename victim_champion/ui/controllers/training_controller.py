"""The trainer's day in the app: sessions, register, presenting, kiosk, quiz and feedback.

Decisions live here; the pages and dialogs only show and forward. Database calls are
short and run on the store's owner thread; checking the staff passphrase to leave kiosk
mode (Argon2, half a second) runs through BackgroundWork.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from victim_champion.content.course_loader import course_in_use, load_course
from victim_champion.core.attendee_csv import plan_import
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.course import Course
from victim_champion.core.errors import ImportFileError, VictimChampionError, WrongPassphraseError
from victim_champion.core.training_day import (
    Attendance,
    Feedback,
    QuizPhase,
    knowledge_check,
    score,
)
from victim_champion.store.profile import OpenStore, Profile
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.repositories.training_day_repository import TrainingDay
from victim_champion.store.syncing.sync_local import StoreSyncLocal
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.dialogs.training_dialogs import ImportDialog, PersonDialog, SessionDialog
from victim_champion.ui.presenter_window import PresenterWindow
from victim_champion.ui.shell_window import ShellWindow


class TrainingController(QObject):
    """Connects the sessions page and the kiosk to the records."""

    def __init__(
        self,
        window: ShellWindow,
        profile: Profile,
        work: BackgroundWork,
        quick_exit: Callable[[], None],
        show_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._window = window
        self._profile = profile
        self._work = work
        self._quick_exit = quick_exit
        self._show_error = show_error
        self._records: Records | None = None
        self._course: Course | None = None
        self._day: TrainingDay | None = None
        self.kiosk_session: str | None = None
        self.kiosk_phase: QuizPhase | None = None
        self.presenter: PresenterWindow | None = None
        page, kiosk = window.sessions, window.kiosk
        page.new_session_requested.connect(lambda: self._edit_session(None))
        page.edit_session_requested.connect(self._edit_session)
        page.add_person_requested.connect(self._add_person)
        page.import_requested.connect(self._import)
        page.attendance_requested.connect(self._mark_attendance)
        page.complete_requested.connect(self._complete)
        page.present_requested.connect(self.present)
        page.kiosk_requested.connect(self.start_kiosk)
        page.session_table.selectionModel().currentRowChanged.connect(self._show_scores)
        kiosk.sign_in_requested.connect(self._on_kiosk_sign_in)
        kiosk.quiz_finished.connect(self._on_kiosk_quiz_finished)
        kiosk.feedback_submitted.connect(self._on_kiosk_feedback)
        kiosk.leave_requested.connect(self._on_kiosk_leave_requested)

    def attach(self, store: OpenStore) -> None:
        """Unlocked: teach from the newest valid course (a verified hub bundle if any)."""
        self._records, self._day = Records(store), TrainingDay(store)
        bundle = StoreSyncLocal(store).bundle("course")
        self._course, problem = course_in_use(dict(bundle[1]["files"]) if bundle else None)
        if problem:
            self._show_error(problem)

    @property
    def course(self) -> Course:
        """The course in use (read at unlock; the installed one before that)."""
        if self._course is None:
            self._course = load_course()
        return self._course

    def detach(self) -> None:
        """Locked: close the presenter and leave kiosk mode."""
        self._records = self._day = None
        self.kiosk_session = None
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except VictimChampionError as error:
            self._show_error(error.message)

    # ------------------------------------------------------------------ sessions & register

    def _edit_session(self, session_id: str | None) -> None:
        if self._records is None:
            return
        existing = self._records.session(session_id) if session_id else None
        dialog = SessionDialog(existing, self._quick_exit, self._window)
        dialog.accepted.connect(lambda: self._guard(lambda: self._save_session(dialog)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_session(self, dialog: SessionDialog) -> None:
        if self._records is None or self._day is None or dialog.result_session is None:
            return
        if dialog.existing is None:
            saved = self._records.create_session(dialog.result_session)
        else:
            saved = self._day.update_session(dialog.result_session)
        self._window.sessions.reload(saved.id)

    def _add_person(self, session_id: str) -> None:
        dialog = PersonDialog(self._quick_exit, self._window)

        def save() -> None:
            if self._records is not None and dialog.result_details is not None:
                self._records.add_attendees(session_id, [dialog.result_details])
                self._window.sessions.reload(session_id)

        dialog.accepted.connect(lambda: self._guard(save))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _import(self, session_id: str) -> None:
        dialog = ImportDialog(self._quick_exit, self._window)

        def run() -> None:
            if self._records is None:
                return
            try:
                data = Path(dialog.path.text().strip()).expanduser().read_bytes()
            except OSError:
                raise ImportFileError("That file could not be read; check the path.") from None
            self._records.import_attendees(
                session_id, plan_import(data), skip_bad=dialog.skip_bad.isChecked()
            )
            self._window.sessions.reload(session_id)

        dialog.accepted.connect(lambda: self._guard(run))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _mark_attendance(self, session_id: str, attendee_id: str, value: str) -> None:
        if self._day is not None:
            day = self._day
            self._guard(lambda: day.mark_attendance(session_id, attendee_id, Attendance(value)))
            self._window.sessions.reload(session_id)

    def _complete(self, session_id: str, attendee_id: str) -> None:
        if self._records is not None:
            records = self._records
            self._guard(lambda: records.complete(session_id, [attendee_id]))
            self._window.sessions.reload(session_id)

    def _show_scores(self, *_: object) -> None:
        session_id = self._window.sessions.selected_session_id()
        if self._day is None or session_id is None:
            return
        scores = self._day.scores(session_id)

        def shown(count: int, percent: float | None) -> str:
            return "none yet" if percent is None else f"{percent:.0f}% ({count} people)"

        self._window.sessions.scores.setText(
            f"Knowledge check: before {shown(scores.pre_count, scores.pre_percent)}, "
            f"after {shown(scores.post_count, scores.post_percent)}. "
            f"Feedback forms: {self._day.feedback_count(session_id)}."
        )

    # ------------------------------------------------------------------ presenting

    def present(self) -> None:
        """Open the presenter view (and the audience view on a projector)."""
        if self.presenter is not None:
            self.presenter.close()
        self.presenter = PresenterWindow(self.course)
        self.presenter.start()

    # ------------------------------------------------------------------ kiosk

    def start_kiosk(self, session_id: str, mode: str) -> None:
        """Hand the laptop to attendees, one at a time."""
        if self._records is None:
            return
        session = self._records.session(session_id)
        self.kiosk_session = session_id
        kiosk = self._window.kiosk
        if mode == "sign-in":
            kiosk.start_sign_in(session.title)
        elif mode in ("pre", "post"):
            self.kiosk_phase = QuizPhase(mode)
            title = "Before we start: a short quiz" if mode == "pre" else "A short quiz to finish"
            kiosk.start_quiz(title + " (anonymous)", knowledge_check(self.course))
        else:
            kiosk.start_feedback()
        self._window.show_kiosk()

    def _on_kiosk_sign_in(self, name: str, consent: bool) -> None:
        if self._records is None or self._day is None or self.kiosk_session is None:
            return
        session_id, records, day = self.kiosk_session, self._records, self._day

        def sign_in() -> None:
            wanted = name.casefold()
            match = next(
                (a for a in records.register(session_id) if a.name.casefold() == wanted), None
            )
            attendee_id = (
                match.id
                if match
                else records.add_attendees(
                    session_id, [AttendeeDetails(name, consent_contact=consent)]
                )[0]
            )
            day.mark_attendance(session_id, attendee_id, Attendance.PRESENT)
            self._window.kiosk.show_signed_in(name.split()[0])

        self._guard(sign_in)

    def _on_kiosk_quiz_finished(self, answers: list[int]) -> None:
        if self._day is None or self.kiosk_session is None or self.kiosk_phase is None:
            return
        questions = knowledge_check(self.course)
        right = score(questions, answers)
        self._day.submit_quiz(self.kiosk_session, self.kiosk_phase, right, len(questions))
        self._window.kiosk.say(
            f"Thank you. You got {right} of {len(questions)} right. "
            "Please hand the laptop to the next person."
        )

    def _on_kiosk_feedback(self, values: dict[str, object]) -> None:
        if self._day is None or self.kiosk_session is None:
            return
        day, session_id = self._day, self.kiosk_session
        self._guard(
            lambda: day.submit_feedback(
                session_id,
                Feedback(
                    int(str(values["usefulness"])),
                    int(str(values["clarity"])),
                    int(str(values["confidence"])),
                    int(str(values["overall"])),
                    str(values["comment"]),
                ),
            )
        )
        self._window.kiosk.say("Thank you for your feedback.")

    def _on_kiosk_leave_requested(self, passphrase: str) -> None:
        self._work.run(
            lambda: self._profile.unlock_key(passphrase),
            self._on_kiosk_left,
            self._on_kiosk_leave_refused,
        )

    def _on_kiosk_left(self, _: object) -> None:
        session_id, self.kiosk_session = self.kiosk_session, None
        self._window.kiosk.clear()
        self._window.show_work_area()
        self._window.sessions.reload(session_id)

    def _on_kiosk_leave_refused(self, error: BaseException) -> None:
        self._window.kiosk.refuse_leaving(
            "That is not the staff passphrase."
            if isinstance(error, WrongPassphraseError)
            else "The passphrase could not be checked; try again."
        )
