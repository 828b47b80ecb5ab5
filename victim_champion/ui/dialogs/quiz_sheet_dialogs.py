"""The quiz on paper: printing numbered sheets for the room, and typing them in afterwards.

Both are SafeDialogs: Quick exit at the far left, Escape left to the quick exit. The entry
dialog's grid (ui/widgets/answer_grid.py) takes the keyboard alone; Enter in it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QWidget

from victim_champion.core.paper_quiz import MAX_SHEET, PHASE_TITLES
from victim_champion.core.training_day import KnowledgeCheck, QuizPhase
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.answer_grid import AnswerGrid
from victim_champion.ui.widgets.form_widgets import button, label, message_label

MAX_PRINTED = 200  # as operations/training.py's MAX_SHEETS_PRINTED


def _phase_choice(name: str, chosen: QuizPhase) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for phase, title in PHASE_TITLES.items():
        combo.addItem(title, phase.value)
    combo.setCurrentIndex(combo.findData(chosen.value))
    return combo


def _number(name: str, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(low, high)
    spin.setValue(min(max(value, low), high))
    return spin


class PrintQuizSheetsDialog(SafeDialog):
    """Which quiz, how many sheets, and the first sheet's number; then Print."""

    def __init__(
        self,
        people: int,
        phase: QuizPhase,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(quick_exit, parent)
        layout = self.titled_layout("Print quiz sheets")
        layout.addWidget(
            label(
                "One numbered sheet for each person, printed on both sides. Everyone answers "
                "at once; type the sheets in afterwards with Enter quiz sheets.",
                "hint",
            )
        )
        form = QFormLayout()
        self.phase = _phase_choice("Which quiz", phase)
        self.count = _number("How many sheets", 1, MAX_PRINTED, people or 20)
        self.first = _number("Number of the first sheet", 1, MAX_SHEET, 1)
        form.addRow("Quiz", self.phase)
        form.addRow("How many sheets", self.count)
        form.addRow("First sheet number", self.first)
        layout.addLayout(form)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.print_button = button("Print\u2026", "Print the quiz sheets", role="primary")
        self.print_button.clicked.connect(self.accept)
        layout.addLayout(self.button_row(self.cancel_button, self.print_button))

    @property
    def chosen(self) -> tuple[QuizPhase, int, int]:
        """(phase, how many, first number)."""
        return QuizPhase(self.phase.currentData()), self.count.value(), self.first.value()


class QuizEntryDialog(SafeDialog):
    """The keyboard-only grid: one row per sheet, one column per question. Save asks the
    controller to keep the rows (``save_requested``); a refusal is shown here and the
    dialog stays open with everything typed."""

    save_requested = Signal(object, object)  # QuizPhase, {sheet: "ABDC-BAC"}

    def __init__(
        self,
        checks: Mapping[QuizPhase, KnowledgeCheck],
        entered: Mapping[QuizPhase, set[int]],
        people: int,
        module_titles: Sequence[str],
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(quick_exit, parent)
        self.checks, self.entered, self.module_titles = checks, entered, module_titles
        layout = self.titled_layout("Enter quiz sheets")
        layout.addWidget(
            label(
                "Type each sheet's crossed letters: A to D (or 1 to 4), and - where nothing "
                "was marked. Each key moves on, and the next sheet starts at a row's end. "
                "Backspace goes back. Enter saves.",
                "hint",
            )
        )
        # The after-course quiz once sheets from before were typed in.
        phase = QuizPhase.POST if entered.get(QuizPhase.PRE) else QuizPhase.PRE
        form = QFormLayout()
        self.phase = _phase_choice("Which quiz", phase)
        highest = max([people, 1, *(n for numbers in entered.values() for n in numbers)])
        self.last = _number("Number of the last sheet", 1, MAX_SHEET, highest)
        form.addRow("Quiz", self.phase)
        form.addRow("Last sheet number", self.last)
        layout.addLayout(form)
        self.grid = AnswerGrid()
        self.grid.setMinimumSize(560, 240)
        layout.addWidget(self.grid, 1)
        self.position = label("", "hint")
        self.position.setWordWrap(False)  # one short line, never squeezed under the grid
        self.position.setAccessibleName("Where the typing is")
        layout.addWidget(self.position)
        self.message = message_label("error")
        self.message.setAccessibleDescription("What is wrong with the sheets typed")
        self.message.hide()
        layout.addWidget(self.message)
        self.cancel_button = button("Cancel", "Cancel: keep nothing typed here")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = button("Save sheets", "Save the sheets typed", role="primary")
        self.save_button.clicked.connect(self.save)
        layout.addLayout(self.button_row(self.cancel_button, self.save_button))
        self.phase.currentIndexChanged.connect(self._rebuild)
        self.last.valueChanged.connect(self._rebuild)
        self.grid.save_requested.connect(self.save)
        self.grid.problem.connect(self.show_problem)
        self.grid.moved.connect(self._show_position)
        self._rebuild()
        self.resize(780, 640)
        self.grid.setFocus()  # typing starts at once; Shift+Tab reaches the quiz choice

    @property
    def chosen_phase(self) -> QuizPhase:
        return QuizPhase(self.phase.currentData())

    def _rebuild(self) -> None:
        """A new quiz or a new number of sheets: the grid is laid anew (and emptied)."""
        phase = self.chosen_phase
        check = self.checks[phase]
        self.grid.set_sheets(check, self.last.value(), set(self.entered.get(phase, ())))
        for column, title in enumerate(self.module_titles[: len(check.questions)]):
            header = self.grid.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(title)
        self.message.hide()
        self._show_position()

    def _show_position(self) -> None:
        where = self.grid.where()
        typed = len(self.grid.typed_rows())
        count = "1 sheet typed" if typed == 1 else f"{typed} sheets typed"
        if where is None:
            self.position.setText(f"Every sheet up to this number is saved. {count}.")
            return
        sheet, question = where
        self.position.setText(f"Sheet {sheet}, question {question}. {count}.")

    def show_problem(self, text: str) -> None:
        """A sentence about what to fix; the typing stays where it was."""
        self.message.show_status(text, error=True)

    def save(self) -> None:
        """Ask to keep every row typed, unless one was left unfinished."""
        gap = self.grid.first_gap()
        if gap is not None:
            sheet, question = gap
            self.grid.go_to(sheet, question)
            self.grid.setFocus()
            self.show_problem(
                f"Sheet {sheet} is not finished: question {question} is empty. Type its "
                "letter, or - if nothing was marked."
            )
            return
        rows = self.grid.typed_rows()
        if not rows:
            self.show_problem("Type at least one sheet's answers before saving.")
            return
        self.save_requested.emit(self.chosen_phase, rows)
