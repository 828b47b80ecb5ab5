"""The quiz on paper from the Sessions page: print numbered sheets for the whole room, and
type them in afterwards in a keyboard-only grid.

Part of the trainer's controller (ui/controllers/training_controller.py), which owns the
unlocked Training and the course in use. The sheets carry the questions the kiosk would
ask for that session and phase, and each typed sheet is kept as one anonymous result with
marks per module, as a kiosk result is, so the scores and module gains need no change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from victim_champion.core.course import Course
from victim_champion.core.errors import message_for
from victim_champion.core.paper_quiz import PHASE_TITLES
from victim_champion.core.training_day import KnowledgeCheck, QuizPhase
from victim_champion.operations.training import Training
from victim_champion.ui.controllers.page_context import PageContext
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.quiz_sheet_dialogs import PrintQuizSheetsDialog, QuizEntryDialog

if TYPE_CHECKING:
    from victim_champion.ui.pages.sessions_page import SessionsPage

UNEXPECTED = "That could not be saved; try again, or restart the app."
PaperQuiz = tuple[dict[QuizPhase, KnowledgeCheck], dict[QuizPhase, set[int]]]


class PaperQuizActions:
    """Connects "Print quiz sheets..." and "Enter quiz sheets..." to the training operations."""

    def __init__(
        self,
        context: PageContext[SessionsPage],
        training: Callable[[], Training | None],
        course: Callable[[], Course],
        run: Callable[[Callable[[], Any], Callable[[Any], None]], None],
        reload: Callable[[str], None],
    ) -> None:
        self._context = context
        self._training = training
        self._course = course
        self._run = run
        self._reload = reload
        self.entry: QuizEntryDialog | None = None
        context.page.quiz_sheets_print_requested.connect(self.print_sheets)
        context.page.quiz_sheets_entry_requested.connect(self.enter_sheets)

    def _people(self, session_id: str) -> int:
        page = self._context.page
        return page.register.rowCount() if page.selected_session_id() == session_id else 0

    def print_sheets(self, session_id: str) -> None:
        """Ask which quiz and how many (the register's count), then preview the PDF."""
        training = self._training()
        if training is None:
            return
        window, quick_exit = self._context.window, self._context.quick_exit
        dialog = PrintQuizSheetsDialog(self._people(session_id), QuizPhase.PRE, quick_exit, window)

        def build() -> None:
            phase, count, first = dialog.chosen
            printing = self._context.printing
            language = printing.language  # the app's language, as for the handouts
            printing.preview_document(
                f"Quiz sheets: {PHASE_TITLES[phase].lower()}",
                lambda: training.print_quiz_sheets(session_id, phase, count, first, language),
                f"quiz-sheets-{phase.value}.pdf",
            )

        dialog.accepted.connect(build)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def enter_sheets(self, session_id: str) -> None:
        """Read both quizzes' questions and the sheets already typed, then open the grid."""
        training = self._training()
        if training is None:
            return

        def read() -> PaperQuiz:  # on a worker thread
            phases = tuple(QuizPhase)
            return (
                {p: training.quiz_on_paper(session_id, p) for p in phases},
                {p: training.entered_quiz_sheets(session_id, p) for p in phases},
            )

        self._run(read, lambda found: self._open_grid(session_id, *found))

    def _open_grid(
        self,
        session_id: str,
        checks: dict[QuizPhase, KnowledgeCheck],
        entered: dict[QuizPhase, set[int]],
    ) -> None:
        if self._training() is None:
            return
        dialog = QuizEntryDialog(
            checks,
            entered,
            self._people(session_id),
            [module.title for module in self._course().modules],
            self._context.quick_exit,
            self._context.window,
        )
        dialog.save_requested.connect(
            lambda phase, rows: self._save(session_id, dialog, phase, rows)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(lambda: setattr(self, "entry", None))
        self.entry = dialog
        dialog.open()

    def _save(
        self, session_id: str, dialog: QuizEntryDialog, phase: QuizPhase, rows: dict[int, str]
    ) -> None:
        """Keep the sheets (all or none); a refusal stays in the dialog with the typing."""
        training = self._training()
        if training is None:
            return
        quick_exit, window = self._context.quick_exit, self._context.window

        def kept(count: int) -> None:
            dialog.accept()
            self._reload(session_id)
            sheets = "1 sheet" if count == 1 else f"{count} sheets"
            MessageDialog(
                "Quiz sheets saved",
                f"{sheets} kept for the quiz {PHASE_TITLES[phase].lower()}, each as one "
                "anonymous result. Read feedback shows the scores by module.",
                quick_exit,
                window,
            ).open()

        self._context.work.run(
            lambda: training.enter_quiz_sheets(session_id, phase, rows),
            kept,
            lambda error: dialog.show_problem(message_for(error, UNEXPECTED)),
        )
