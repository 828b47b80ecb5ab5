"""The quiz on paper in the app (issue 33): the trainer types a pile of sheets into the
entry grid with real key clicks, Enter saves, each sheet becomes one anonymous result seen
in the scores and the module gains, a saved sheet is skipped next time, and the quick exit
still works from the grid."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import FakeClock, modal, unlock
from tests.ui.test_accessibility import audit
from tests.ui.test_printing import select_session
from victim_champion.app import DesktopApp
from victim_champion.core.paper_quiz import letter_for
from victim_champion.core.training_day import KnowledgeCheck, QuizPhase, knowledge_check
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from victim_champion.ui.dialogs.quiz_sheet_dialogs import PrintQuizSheetsDialog, QuizEntryDialog


def row(check: KnowledgeCheck, right: set[int]) -> str:
    return "".join(
        letter_for(q.answer if i in right else (q.answer + 1) % len(q.options))
        for i, q in enumerate(check.questions)
    )


def open_grid(qtbot: QtBot, desktop: DesktopApp) -> QuizEntryDialog:
    desktop.window.sessions.enter_sheets_action.trigger()
    dialog = modal(qtbot, QuizEntryDialog)
    assert isinstance(dialog, QuizEntryDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.grid)
    return dialog


def test_a_pile_of_sheets_is_typed_in_with_the_keyboard_alone(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    select_session(desktop, "Victim Champion refresher")
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    course = desktop.controller.training.course
    check = knowledge_check(course, QuizPhase.PRE, session_id)
    count = len(check.questions)

    dialog = open_grid(qtbot, desktop)
    audit(qtbot, dialog)  # every control named, Tab reaches each one
    dialog.last.setValue(20)  # a room of 20: sheets 1 to 20
    dialog.grid.setFocus()
    grid = dialog.grid
    assert dialog.chosen_phase is QuizPhase.PRE
    assert (grid.rowCount(), grid.where()) == (20, (1, 1))
    # Sheet 1: all right, in letters; sheet 2: all wrong, typed as numbers 1 to 4.
    qtbot.keyClicks(grid, row(check, set(range(count))).lower())
    assert grid.where() == (2, 1)  # the row's end moved on to the next sheet
    wrong = row(check, set())
    qtbot.keyClicks(grid, "".join(str("ABCD".index(c) + 1) for c in wrong))
    # Sheet 3: module 1 right; slips (E and x refused, a letter taken back with Backspace),
    # then the rest with "-" where nothing was marked.
    first = letter_for(check.questions[0].answer)
    qtbot.keyClicks(grid, "E")
    assert "Sheet 3, question 1 has only 4 answers (A to D); check" in dialog.message.text()
    qtbot.keyClicks(grid, "x")
    assert "Sheet 3, question 1: 'x' is not an answer" in dialog.message.text()
    assert grid.where() == (3, 1)
    qtbot.keyClicks(grid, "B")
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)
    assert grid.where() == (3, 1) and grid.typed_rows().get(3) is None
    qtbot.keyClicks(grid, first + wrong[1])
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # sheet 3 is not finished: nothing is saved
    assert "Sheet 3 is not finished: question 3 is empty" in dialog.message.text()
    assert grid.where() == (3, 3)
    qtbot.keyClicks(grid, "-" * (count - 2))
    assert grid.typed_rows() == {
        1: row(check, set(range(count))),
        2: wrong,
        3: first + wrong[1] + "-" * (count - 2),
    }
    qtbot.keyClick(grid, Qt.Key.Key_Return)

    saved = modal(qtbot, MessageDialog)
    assert isinstance(saved, MessageDialog) and "3 sheets kept" in saved.text.text()
    saved.reject()
    scores = desktop.window.sessions.scores
    qtbot.waitUntil(lambda: "before 38% (3 people)" in scores.text(), timeout=10_000)
    desktop.window.sessions.feedback_button.click()
    gains = modal(qtbot, MessageDialog)
    assert isinstance(gains, MessageDialog)
    text = gains.text.text()
    assert f"- {course.modules[0].title}: 67% \u2192 none yet" in text
    assert f"- {course.modules[1].title}: 33% \u2192 none yet" in text
    gains.reject()

    # Next time the grid offers the quiz after the course; before it, sheets 1 to 3 are
    # shown as saved and the typing starts at sheet 4.
    dialog = open_grid(qtbot, desktop)
    assert dialog.chosen_phase is QuizPhase.POST
    dialog.phase.setCurrentIndex(dialog.phase.findData(QuizPhase.PRE.value))
    dialog.last.setValue(5)
    assert dialog.grid.where() == (4, 1)
    assert dialog.grid.verticalHeaderItem(0).text() == "Sheet 1 (saved)"

    # The quick exit from the grid, mid-typing: the decoy, and the dialog gone.
    dialog.grid.setFocus()
    qtbot.keyClicks(dialog.grid, "AB")
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desktop.window.showing_decoy)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert not desktop.controller.is_unlocked


def test_print_asks_which_quiz_and_how_many_people(qtbot: QtBot, desktop: DesktopApp) -> None:
    unlock(qtbot, desktop)
    select_session(desktop, "Victim Champion refresher")
    qtbot.waitUntil(lambda: desktop.window.sessions.register.rowCount() > 0)
    people = desktop.window.sessions.register.rowCount()
    desktop.window.sessions.print_sheets_action.trigger()
    dialog = modal(qtbot, PrintQuizSheetsDialog)
    assert isinstance(dialog, PrintQuizSheetsDialog)
    audit(qtbot, dialog)
    assert dialog.count.value() == people  # the register's count, by default
    dialog.phase.setCurrentIndex(dialog.phase.findData(QuizPhase.POST.value))
    dialog.count.setFocus()
    qtbot.keyClick(dialog.count, Qt.Key.Key_Return)  # Enter prints
    printing = desktop.controller.printing
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    preview = printing.preview
    assert isinstance(preview, PdfPreviewDialog)
    assert preview.windowTitle() == "Quiz sheets: after the course"
    assert preview.pdf_bytes.startswith(b"%PDF")
    preview.reject()


def test_shift_three_times_hides_everything_from_the_grid(
    qtbot: QtBot, desktop: DesktopApp, clock: FakeClock
) -> None:
    """Shift three times hides everything from the grid too."""
    unlock(qtbot, desktop)
    select_session(desktop, "Victim Champion refresher")
    dialog = open_grid(qtbot, desktop)
    qtbot.keyClicks(dialog.grid, "abcd")  # answers on screen, to be hidden
    for _ in range(3):
        qtbot.keyClick(dialog.grid, Qt.Key.Key_Shift)
        clock.now += 0.2
    qtbot.waitUntil(lambda: desktop.window.showing_decoy)
    # The decoy alone was not the point: the grid is gone and the data is locked.
    assert not desktop.controller.is_unlocked
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert QApplication.activeModalWidget() is None
