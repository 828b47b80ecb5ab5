"""A whole Victim Champion session, driven through the real widgets: set up, an Eventbrite
register imported and corrected, kiosk sign-in, quizzes, presenting across an idle-lock
period, feedback, completion (and taking it back), and certificates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.pdf_tools import pages_text
from tests.ui.conftest import modal, unlock
from tests.ui.widget_walk import texts_of
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.dialogs.import_dialog import ImportDialog
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog, MessageDialog
from victim_champion.ui.dialogs.training_dialogs import PersonDialog, SessionDialog
from victim_champion.ui.pages.sessions_page import SessionsPage

EVENTBRITE = (
    "Order #,First Name,Last Name,Email,Ticket Type\n"
    "1001,Priya,Example,priya@example.org,General\n"
    "1002,Tom,Sampel,,General\n"
    "1003,Sam,Wrongevent,,General\n"
)


def kiosk_text(desktop: DesktopApp) -> str:
    return " ".join(t for w in desktop.window.kiosk.findChildren(QWidget) for t in texts_of(w))


def answer_quiz(qtbot: QtBot, desktop: DesktopApp, right: bool) -> None:
    kiosk = desktop.window.kiosk
    questions = list(kiosk.questions)
    for number, question in enumerate(questions, start=1):
        choice = question.answer if right else (question.answer + 1) % len(question.options)
        kiosk.option_buttons[choice].click()
        assert kiosk.quiz_next.text() == ("Finish" if number == len(questions) else "Next")
        kiosk.quiz_next.click()


def names_on(page: SessionsPage) -> list[str]:
    return [page.register.row_at(r).name for r in range(page.register.rowCount())]


def attendance_of(page: SessionsPage) -> list[str | None]:
    return [page.register.row_at(r).attendance for r in range(page.register.rowCount())]


def select_person(page: SessionsPage, name: str, *, keep: bool = False) -> None:
    """Click a person's row (with Ctrl held when ``keep``, to add to the selection)."""
    row = names_on(page).index(name)
    index = page.filtered.mapFromSource(page.register.index(row, 0))
    flags = QItemSelectionModel.SelectionFlag.Rows | (
        QItemSelectionModel.SelectionFlag.Select
        if keep
        else QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    page.register_table.selectionModel().setCurrentIndex(index, flags)


def test_a_trainer_runs_a_whole_session(qtbot: QtBot, desktop: DesktopApp, tmp_path: Path) -> None:
    unlock(qtbot, desktop)
    page = desktop.window.sessions
    # 1. create the session
    page.new_button.click()
    dialog = modal(qtbot, SessionDialog)
    assert isinstance(dialog, SessionDialog)
    dialog.title.setText("Victim Champion at Hawkhurst")
    qtbot.keyClicks(dialog.venue, "Hawkhurst Village Hall")
    dialog.district.setCurrentIndex(dialog.district.findText("Tunbridge Wells"))
    qtbot.keyClicks(dialog.trainers, "Trainer One")
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            page.selected_session_id() is not None
            and page.sessions.row_at(page.session_table.currentIndex().row()).title
            == "Victim Champion at Hawkhurst"
        )
    )
    session_id = page.selected_session_id()
    assert session_id is not None
    # 2. import the register: an Eventbrite export, with a typo in the path first
    signup = tmp_path / "signup.csv"
    signup.write_text(EVENTBRITE)
    page.import_button.click()
    importer = modal(qtbot, ImportDialog)
    assert isinstance(importer, ImportDialog)
    qtbot.keyClicks(importer.path, str(tmp_path / "sign-up.csv"))
    qtbot.keyClick(importer.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: importer.message.isVisible())
    assert "could not be read" in importer.message.text()
    assert QApplication.activeModalWidget() is importer  # still open, path kept
    importer.path.setText(str(signup))
    qtbot.keyClick(importer.path, Qt.Key.Key_Return)  # checks it: a preview, nothing written
    qtbot.waitUntil(lambda: importer.ok_button.text() == "Import 3 people")
    assert importer.summary.text().startswith("3 new.")
    assert "First Name \u2192 first name" in importer.summary.text()
    importer.ok_button.click()
    done = modal(qtbot, MessageDialog)
    assert isinstance(done, MessageDialog) and done.text.text() == "3 added."
    done.ok_button.click()
    qtbot.waitUntil(lambda: page.register.rowCount() == 3)
    # 2b. correct the register: a misspelt name, and someone who booked the wrong event
    select_person(page, "Tom Sampel")
    page.correct_action.trigger()
    person = modal(qtbot, PersonDialog)
    assert isinstance(person, PersonDialog) and person.name.text() == "Tom Sampel"
    person.name.setText("Tom Sample")
    qtbot.keyClick(person.name, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: "Tom Sample" in names_on(page))
    select_person(page, "Sam Wrongevent")
    page.remove_action.trigger()
    confirm = modal(qtbot, ConfirmDialog)
    assert isinstance(confirm, ConfirmDialog) and "cannot be undone" in confirm.text.text()
    confirm.ok_button.click()
    qtbot.waitUntil(lambda: names_on(page) == ["Priya Example", "Tom Sample"])
    # 2c. "Completed" for someone never marked present asks first; Cancel changes nothing
    select_person(page, "Priya Example")
    page.complete_button.click()
    warning = modal(qtbot, ConfirmDialog)
    assert isinstance(warning, ConfirmDialog) and "never marked present" in warning.text.text()
    warning.cancel_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert page.register_heading.text() == "Register: 0 of 2 present, 0 completed"
    # 3. three kiosk sign-ins (one walk-in who was not on the list)
    page.kiosk_actions["sign-in"].trigger()
    kiosk = desktop.window.kiosk
    assert (
        desktop.window.stack.currentWidget() is kiosk and not desktop.window.lock_button.isVisible()
    )
    for name in ("Priya Example", "Tom Sample", "Walk In Visitor"):
        qtbot.keyClicks(kiosk.name, name)
        qtbot.keyClick(kiosk.name, Qt.Key.Key_Return)
        # the sign-in is written off the GUI thread; the greeting follows it
        greeting = f"Thank you, {name.split()[0]}"
        qtbot.waitUntil(lambda: greeting in kiosk.thanks.text())  # noqa: B023  waited on here
        others = [n for n in ("Priya Example", "Tom Sample", "Walk In Visitor") if n != name]
        assert not any(other.split()[0] in kiosk_text(desktop) for other in others)
    # leaving kiosk mode needs the staff passphrase
    qtbot.keyClicks(kiosk.staff_passphrase, "not the passphrase")
    kiosk.leave_button.click()
    qtbot.waitUntil(
        lambda: "not the staff passphrase" in kiosk.staff_message.text(), timeout=10_000
    )
    assert desktop.window.stack.currentWidget() is kiosk
    qtbot.keyClicks(kiosk.staff_passphrase, DEMO_PASSPHRASE)
    kiosk.leave_button.click()
    qtbot.waitUntil(
        lambda: desktop.window.stack.currentWidget() is desktop.window.work_area, timeout=10_000
    )
    qtbot.waitUntil(lambda: page.register.rowCount() == 3)
    assert all(page.register.row_at(r).attendance == "present" for r in range(3))
    assert page.register_heading.text() == "Register: 3 of 3 present, 0 completed"
    # 3b. several people at once: two arrived late; marking keeps them chosen
    page.register_table.clearSelection()
    for name in ("Priya Example", "Tom Sample"):
        select_person(page, name, keep=True)
    page.attendance_buttons["late"].click()
    qtbot.waitUntil(lambda: attendance_of(page).count("late") == 2)
    assert len(page.selected_attendee_ids()) == 2
    page.everyone_present_button.click()
    qtbot.waitUntil(lambda: attendance_of(page) == ["present"] * 3)
    # 4. pre-quiz, two people
    page.kiosk_actions["pre"].trigger()
    answer_quiz(qtbot, desktop, right=False)
    answer_quiz(qtbot, desktop, right=True)
    # 5. the presenter goes through every slide
    page.present_button.click()
    presenter = desktop.controller.training.presenter
    assert presenter is not None
    for _ in range(len(presenter.slides) + 2):
        qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.index == len(presenter.slides) - 1
    assert presenter.next_title.text() == "End of the course"
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.audience.blanked
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    # a long discussion on the last slide: the idle lock (shortened) passes five times
    desktop.controller.idle.start(0.2)
    qtbot.wait(1000)
    assert desktop.controller.is_unlocked and presenter.isVisible()
    assert presenter.index == len(presenter.slides) - 1
    desktop.controller.idle.start(desktop.controller.idle_lock_seconds)
    presenter.close()
    # 6. post-quiz and 7. feedback
    desktop.controller.training.start_kiosk(session_id, "post")
    answer_quiz(qtbot, desktop, right=True)
    answer_quiz(qtbot, desktop, right=True)
    desktop.controller.training.start_kiosk(session_id, "feedback")
    assert "1 = not at all" in kiosk_text(desktop) and "5 = very much" in kiosk_text(desktop)
    for group in kiosk.rating_groups.values():
        group.button(5).click()
    qtbot.keyClicks(kiosk.comment, "Clear, and I know where to send people now.")
    kiosk.feedback_button.click()
    qtbot.waitUntil(lambda: "Thank you for your feedback" in kiosk.thanks.text())
    qtbot.keyClicks(kiosk.staff_passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(kiosk.staff_passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: desktop.window.stack.currentWidget() is desktop.window.work_area, timeout=10_000
    )
    qtbot.waitUntil(lambda: "after 100%" in page.scores.text())
    assert "before 50%" in page.scores.text()
    assert "Feedback forms: 1" in page.scores.text()
    # the trainer reads the feedback: the scores, and the comment as written
    page.feedback_button.click()
    read = modal(qtbot, MessageDialog)
    assert isinstance(read, MessageDialog)
    assert "1 form. Average out of 5: useful 5.0" in read.text.text()
    assert "Clear, and I know where to send people now." in read.text.text()
    read.ok_button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    # 8. completion for everyone present, all at once; one taken back and given again
    page.register_table.selectAll()
    page.complete_button.click()  # everyone was there: no question asked
    qtbot.waitUntil(lambda: all(page.register.row_at(r).completed_at for r in range(3)))
    select_person(page, "Tom Sample")
    page.undo_complete_button.click()
    qtbot.waitUntil(lambda: page.register_heading.text().endswith("2 completed"))
    page.complete_button.click()
    qtbot.waitUntil(lambda: all(page.register.row_at(r).completed_at for r in range(3)))
    # 9. the certificates, read back
    page.print_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    preview = desktop.controller.printing.preview
    assert preview is not None
    pages = pages_text(preview.pdf_bytes, tmp_path)
    assert len(pages) == 3
    for name in ("Priya Example", "Tom Sample", "Walk In Visitor"):
        assert sum(name in text for text in pages) == 1
    assert all("Hawkhurst Village Hall, Tunbridge Wells" in text for text in pages)
    # 10. one person's certificate again, alone (a lost copy), from the register
    preview.close_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is None)
    tom = next(r for r in range(3) if page.register.row_at(r).name == "Tom Sample")
    page.register_table.selectRow(tom)
    page.reprint_action.trigger()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    again = desktop.controller.printing.preview
    assert again is not None
    [only] = pages_text(again.pdf_bytes, tmp_path)
    assert "Tom Sample" in only and "Priya Example" not in only
    assert "Trainer: Trainer One" in " ".join(only.split())
