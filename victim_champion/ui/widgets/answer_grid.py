"""The entry grid for paper quiz sheets: one row per sheet, one column per question, driven
by the keyboard alone.

A letter (A to D), its number (1 to 4), or "-" / Space for nothing marked fills the cell
and moves right; at a row's end it moves to the next sheet's first question. Backspace
goes back one cell and empties it, Delete empties the cell, the arrows move, and Enter
asks to save. A key that is not an answer for that question stays put and says why (the
sentence comes from core/paper_quiz.py). Sheets already entered are shown and skipped.
Escape is never handled here: the app's quick-exit filter sees it first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from victim_champion.core.errors import InvalidInputError
from victim_champion.core.paper_quiz import letter_for, read_answer
from victim_champion.core.training_day import KnowledgeCheck
from victim_champion.ui.theme import MUTED_INK

ENTERED = "saved"  # what an already-entered sheet's cells show
SAVE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AnswerGrid(QTableWidget):
    """Sheets down, questions across; typing fills and moves on."""

    save_requested = Signal()
    problem = Signal(str)  # a key that is not an answer there: the sentence to show
    moved = Signal()  # the current cell or a cell's answer changed

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Answers from the quiz sheets")
        self.setAccessibleDescription(
            "One row per sheet, one column per question. Type A to D, or 1 to 4, or a dash "
            "where nothing was marked; Backspace goes back; Enter saves."
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; the arrows move inside it
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)  # letters read at a glance from a sheet
        font.setBold(True)
        self.setFont(font)
        self.check = KnowledgeCheck((), ())
        self.sheets: list[int] = []
        self.saved_sheets: set[int] = set()
        self.currentCellChanged.connect(lambda *_: self.moved.emit())

    def set_sheets(self, check: KnowledgeCheck, last: int, entered: set[int]) -> None:
        """Rows for sheets 1 to ``last`` (those in ``entered`` shown as saved), one column
        per question of ``check``; every typed answer is cleared."""
        self.check, self.sheets, self.saved_sheets = check, list(range(1, last + 1)), set(entered)
        self.clear()
        self.setRowCount(len(self.sheets))
        self.setColumnCount(len(check.questions))
        self.setHorizontalHeaderLabels([f"Q{n}" for n in range(1, len(check.questions) + 1)])
        self.setVerticalHeaderLabels(
            [f"Sheet {s} ({ENTERED})" if s in entered else f"Sheet {s}" for s in self.sheets]
        )
        quiet = self.font()
        quiet.setBold(False)
        for row, sheet in enumerate(self.sheets):
            for column in range(len(check.questions)):
                item = QTableWidgetItem(ENTERED if sheet in entered else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if sheet in entered:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown, never chosen
                    item.setForeground(QColor(MUTED_INK))  # 7.4:1 on the white cells
                    item.setFont(quiet)
                self.setItem(row, column, item)
                self._name(row, column)
        first = self._open_cell(0, 0, 1)
        if first is not None:
            self.setCurrentCell(*first)

    # ------------------------------------------------------------------ reading it

    def typed_rows(self) -> dict[int, str]:
        """{sheet: its answers} for every sheet with anything typed; an empty cell is ""
        (so an unfinished row is shorter than the questions)."""
        rows: dict[int, str] = {}
        for row, sheet in enumerate(self.sheets):
            if sheet in self.saved_sheets:
                continue
            cells = [self._text(row, column) for column in range(self.columnCount())]
            if any(cells):
                rows[sheet] = "".join(cells)
        return rows

    def first_gap(self) -> tuple[int, int] | None:
        """The first empty cell of a row that was started: (sheet, question), 1-based."""
        for row, sheet in enumerate(self.sheets):
            cells = [self._text(row, column) for column in range(self.columnCount())]
            if sheet not in self.saved_sheets and any(cells) and not all(cells):
                return sheet, cells.index("") + 1
        return None

    def go_to(self, sheet: int, question: int) -> None:
        """Put the cursor on this sheet's question."""
        self.setCurrentCell(self.sheets.index(sheet), question - 1)

    def where(self) -> tuple[int, int] | None:
        """The sheet and question (1-based) the cursor is on."""
        row, column = self.currentRow(), self.currentColumn()
        if row < 0 or column < 0 or not self.sheets:
            return None
        return self.sheets[row], column + 1

    # ------------------------------------------------------------------ the keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if key in SAVE_KEYS:
            self.save_requested.emit()
        elif key == Qt.Key.Key_Backspace:
            self._back()
        elif key == Qt.Key.Key_Delete:
            self._fill(self.currentRow(), self.currentColumn(), "")
        elif (
            len(text) == 1
            and text.isprintable()
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._type(text)
        else:
            super().keyPressEvent(event)  # arrows, Home, End, Page Up and Down, Tab
            return
        event.accept()

    def _type(self, character: str) -> None:
        row, column = self.currentRow(), self.currentColumn()
        if row < 0 or column < 0 or self.sheets[row] in self.saved_sheets:
            return
        try:
            index = read_answer(
                self.check.questions[column], self.sheets[row], column + 1, character
            )
        except InvalidInputError as error:
            self.problem.emit(error.message)
            return
        self._fill(row, column, "-" if index is None else letter_for(index))
        following = self._open_cell(row, column + 1, 1)
        if following is not None:
            self.setCurrentCell(*following)
        self.moved.emit()

    def _back(self) -> None:
        row, column = self.currentRow(), self.currentColumn()
        if row < 0 or column < 0:
            return
        if self._text(row, column) and self._open_cell(row, column + 1, 1) is None:
            self._fill(row, column, "")  # the grid's last cell, typed: it is the one to undo
            return
        earlier = self._open_cell(row, column - 1, -1)
        if earlier is not None:
            row, column = earlier
            self.setCurrentCell(row, column)
        self._fill(row, column, "")

    def _open_cell(self, row: int, column: int, step: int) -> tuple[int, int] | None:
        """The cell at (row, column), wrapping to the next or previous row at an edge and
        skipping sheets already entered; None past the grid's first or last cell."""
        columns = self.columnCount()
        if not columns:
            return None
        position = row * columns + column
        while 0 <= position < self.rowCount() * columns:
            row, column = divmod(position, columns)
            if self.sheets[row] not in self.saved_sheets:
                return row, column
            position += step
        return None

    def _fill(self, row: int, column: int, letter: str) -> None:
        item = self.item(row, column)
        if item is None or self.sheets[row] in self.saved_sheets:
            return
        item.setText(letter)
        self._name(row, column)
        self.moved.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def _name(self, row: int, column: int) -> None:
        """What a screen reader says for a cell: the sheet, the question, the answer."""
        item = self.item(row, column)
        if item is None:
            return
        sheet = self.sheets[row]
        shown = item.text()
        said = {"": "empty", "-": "nothing marked", ENTERED: "already saved"}.get(shown, shown)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole, f"Sheet {sheet}, question {column + 1}: {said}"
        )
