"""The trainer's day in the app: sessions, register, presenting, kiosk, quiz and feedback.

Decisions live in operations/training.py; this connects the Sessions page and the kiosk
to it. Every store call runs on a worker through BackgroundWork, and each job that
writes also reads back what the page shows, so the page never waits on the database and
never shows a state older than the write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from victim_champion.core.attendees import Attendee
from victim_champion.core.course import Course
from victim_champion.core.errors import (
    TooManyAttemptsError,
    VictimChampionError,
    WrongPassphraseError,
    message_for,
)
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.core.sessions import Session, in_working_order
from victim_champion.core.training_day import (
    Feedback,
    QuizPhase,
    feedback_summary,
    gains_summary,
    knowledge_check,
)
from victim_champion.operations import reference_data
from victim_champion.operations.languages import messages
from victim_champion.operations.training import Training, course_for
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.controllers.page_context import PageContext
from victim_champion.ui.controllers.paper_quiz_actions import PaperQuizActions
from victim_champion.ui.controllers.register_actions import RegisterActions
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.training_dialogs import SessionDialog
from victim_champion.ui.presenter_window import PresenterWindow

if TYPE_CHECKING:
    from victim_champion.ui.pages.sessions_page import SessionsPage

UNEXPECTED = "That could not be saved; try again, or restart the app."


class TrainingController(QObject):
    """Connects the sessions page and the kiosk to the training operations."""

    def __init__(self, context: PageContext[SessionsPage]) -> None:
        super().__init__()
        self._context = context
        self._window = context.window
        self._work = context.work
        self._quick_exit = context.quick_exit
        self._training: Training | None = None
        self._workspace: Workspace | None = None
        self._course: Course | None = None
        self.kiosk_session: str | None = None
        self.kiosk_phase: QuizPhase | None = None
        self.presenter: PresenterWindow | None = None
        # (slide, wall-clock start) of a talk a lock interrupted: nothing personal.
        self.resume_presenting: tuple[int, float] | None = None
        page, kiosk = context.page, context.window.kiosk
        page.new_session_requested.connect(lambda: self._edit_session(None))
        page.edit_session_requested.connect(self._edit_session)
        page.present_requested.connect(self.present)
        page.kiosk_requested.connect(self.start_kiosk)
        page.session_selected.connect(self._load_register)
        page.print_certificates_requested.connect(self._print_certificates)
        page.print_one_certificate_requested.connect(self._print_certificates)
        page.feedback_requested.connect(self._read_feedback)
        kiosk.sign_in_requested.connect(self._on_kiosk_sign_in)
        kiosk.quiz_finished.connect(self._on_kiosk_quiz_finished)
        kiosk.feedback_submitted.connect(self._on_kiosk_feedback)
        kiosk.leave_requested.connect(self._on_kiosk_leave_requested)
        context.events.on(RecordsChanged, self._on_records_changed)
        self.register_actions = RegisterActions(
            context, lambda: self._training, self._run, self.reload
        )
        self.paper_quiz = PaperQuizActions(
            context, lambda: self._training, lambda: self.course, self._run, self.reload
        )

    @property
    def _page(self) -> Any:
        return self._context.page

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: load the sessions, and the course (a verified hub bundle if any)."""
        self._workspace, self._training = workspace, Training(workspace)
        self._run(lambda: course_for(workspace), self._on_course_chosen)
        self.reload()
        if self.resume_presenting is not None:  # a lock interrupted the talk: carry on
            index, started = self.resume_presenting
            self.resume_presenting = None
            self.present(index, started)

    def _on_course_chosen(self, chosen: tuple[Course, str | None]) -> None:
        self._course, problem = chosen
        if problem:
            self._context.show_error(problem)

    @property
    def course(self) -> Course:
        """The course in use (read at unlock; the installed one before that)."""
        if self._course is None:
            self._course = reference_data.installed_course()
        return self._course

    def detach(self) -> None:
        """Locked: close the presenter (remembering the slide and when the talk began, to
        carry on after unlocking) and leave kiosk mode."""
        self._training = self._workspace = None
        self.kiosk_session = None
        self.remember_talk()
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None

    def remember_talk(self) -> None:
        """Note the slide and the talk's start, if presenting (the shell calls this before
        a lock hides any window)."""
        if self.presenter is not None and self.presenter.isVisible():
            self.resume_presenting = (self.presenter.index, self.presenter.started_at)

    def shown(self, visible: bool) -> None:
        """Sessions are loaded at unlock and after each change, not on showing."""

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run store work on a worker; a refusal becomes one sentence for the trainer."""
        self._work.run(work, on_done, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, VictimChampionError):
            self._context.show_error(error.message)
        else:
            self._context.show_error(message_for(error, UNEXPECTED))

    # ------------------------------------------------------------------ sessions & register

    def reload(self, select_session: str | None = None) -> None:
        """Read the sessions again (after a change), keeping or choosing a selection."""
        training = self._training
        if training is not None:
            self._run(training.sessions, lambda rows: self._show_sessions(rows, select_session))

    def _show_sessions(self, sessions: list[Session], select: str | None) -> None:
        if self._training is not None:
            # Today's first, so after every unlock the hall's session is the one chosen.
            self._page.show_sessions(in_working_order(sessions, date.today()), select)

    def _load_register(self, session_id: str) -> None:
        training = self._training
        if training is None:
            return

        def read() -> tuple[list[Attendee], str]:  # on a worker thread
            return training.register(session_id), self._scores_text(training, session_id)

        self._run(read, lambda result: self._show_register(session_id, *result))

    def _show_register(self, session_id: str, attendees: list[Attendee], scores: str) -> None:
        if self._training is not None:
            self._page.show_register(session_id, attendees)
            self._page.scores.setText(scores)

    def _read_feedback(self, session_id: str) -> None:
        training = self._training
        if training is None:
            return
        course = self.course
        titles = {module.id: module.title for module in course.modules}

        def read() -> str:  # on a worker thread
            gains = gains_summary(training.module_gains(session_id, course), titles)
            return f"{gains}\n\n{feedback_summary(training.feedback(session_id))}"

        self._run(
            read,
            lambda text: MessageDialog(
                "Knowledge check and feedback for this session",
                text,
                self._context.quick_exit,
                self._window,
            ).open(),
        )

    @staticmethod
    def _scores_text(training: Training, session_id: str) -> str:
        scores, feedback = training.scores(session_id)

        def shown(count: int, percent: float | None) -> str:
            people = messages().plural("count.people", count)
            return "none yet" if percent is None else f"{percent:.0f}% ({people})"

        return (
            f"Knowledge check: before {shown(scores.pre_count, scores.pre_percent)}, "
            f"after {shown(scores.post_count, scores.post_percent)}. "
            f"Feedback forms: {feedback}."
        )

    def _on_records_changed(self, event: RecordsChanged) -> None:
        """Another view (a sync, the command line's twin here) changed sessions or people."""
        if event.area is RecordArea.CONTENT and self._workspace is not None:
            workspace = self._workspace
            self._run(lambda: course_for(workspace), self._on_course_chosen)

    def _edit_session(self, session_id: str | None) -> None:
        if self._training is None:
            return
        existing = self._page.session_by_id(session_id) if session_id else None
        dialog = SessionDialog(existing, self._quick_exit, self._window)
        dialog.accepted.connect(lambda: self._save_session(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_session(self, dialog: SessionDialog) -> None:
        training, draft = self._training, dialog.result_session
        if training is None or draft is None:
            return
        is_new = dialog.existing is None

        def save() -> Session:  # on a worker thread
            return training.create_session(draft) if is_new else training.update_session(draft)

        self._run(save, lambda saved: self.reload(saved.id))

    def _print_certificates(self, session_id: str, attendee_id: str = "") -> None:
        if self._workspace is not None:
            self._context.printing.print_certificates(
                self._workspace, session_id, self.course.signed_name, attendee_id or None
            )

    # ------------------------------------------------------------------ presenting

    @property
    def in_the_room(self) -> bool:
        """Presenting, or the kiosk is out for attendees: the idle lock waits."""
        presenting = self.presenter is not None and self.presenter.isVisible()
        return presenting or self.kiosk_session is not None

    def present(self, index: int = 0, started_at: float | None = None) -> None:
        """Open the presenter view (and the audience view on a projector), at a slide and
        with the talk's clock from ``started_at`` (wall-clock seconds) when resuming."""
        if self.presenter is not None:
            self.presenter.close()
        self.presenter = PresenterWindow(self.course, self._quick_exit, index, started_at)
        self.presenter.start()

    # ------------------------------------------------------------------ kiosk

    def start_kiosk(self, session_id: str, mode: str) -> None:
        """Hand the laptop to attendees, one at a time."""
        session = self._page.session_by_id(session_id)
        if self._training is None or session is None:
            return
        self.kiosk_session = session_id
        kiosk = self._window.kiosk
        if mode == "sign-in":
            kiosk.start_sign_in(session.title)
        elif mode in ("pre", "post"):
            self.kiosk_phase = QuizPhase(mode)
            check = knowledge_check(self.course, self.kiosk_phase, session_id)
            kiosk.start_knowledge_check(mode == "pre", list(check.questions))
        else:
            kiosk.start_feedback()
        self._window.show_kiosk()

    def _on_kiosk_sign_in(self, name: str, consent: bool) -> None:
        training, session_id = self._training, self.kiosk_session
        if training is None or session_id is None:
            return
        self._run(
            lambda: training.kiosk_sign_in(session_id, name, consent),
            lambda _: self._window.kiosk.show_signed_in(name.split()[0]),
        )

    def _on_kiosk_quiz_finished(self, answers: list[int]) -> None:
        training, session_id, phase = self._training, self.kiosk_session, self.kiosk_phase
        if training is None or session_id is None or phase is None:
            return
        check = knowledge_check(self.course, phase, session_id)
        total = len(check.questions)
        self._run(
            lambda: training.submit_quiz(session_id, phase, check, answers),
            lambda right: self._window.kiosk.show_quiz_result(right, total),
        )

    def _on_kiosk_feedback(self, values: dict[str, object]) -> None:
        training, session_id = self._training, self.kiosk_session
        if training is None or session_id is None:
            return
        feedback = Feedback(
            int(str(values["usefulness"])),
            int(str(values["clarity"])),
            int(str(values["confidence"])),
            int(str(values["overall"])),
            str(values["comment"]),
        )
        self._run(
            lambda: training.submit_feedback(session_id, feedback),
            lambda _: self._window.kiosk.thank_for_feedback(),
        )

    def _on_kiosk_leave_requested(self, passphrase: str) -> None:
        gate = self._context.gate
        self._work.run(
            lambda: gate.check_passphrase(passphrase),
            self._on_kiosk_left,
            self._on_kiosk_leave_refused,
        )

    def _on_kiosk_left(self, _: object) -> None:
        session_id, self.kiosk_session = self.kiosk_session, None
        self._window.kiosk.clear()
        self._window.show_work_area()
        self.reload(session_id)

    def _on_kiosk_leave_refused(self, error: BaseException) -> None:
        if isinstance(error, TooManyAttemptsError):  # the one count every way in shares
            self._window.kiosk.refuse_leaving(error.message)
            return
        self._window.kiosk.refuse_leaving(wrong_passphrase=isinstance(error, WrongPassphraseError))
