"""A whole Victim Champion session, driven through the real widgets: set up, register,
kiosk sign-in, quizzes, presenting, feedback, completion and certificates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.pdf_tools import pages_text
from tests.ui.conftest import unlock
from tests.ui.widget_walk import texts_of
from victim_champion.app import DesktopApp
from victim_champion.store.demo_profile import DEMO_PASSPHRASE
from victim_champion.ui.dialogs.import_dialog import ImportDialog
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.training_dialogs import SessionDialog

EVENTBRITE = (
    "Order #,First Name,Last Name,Email,Ticket Type\n"
    "1001,Priya,Example,priya@example.org,General\n"
    "1002,Tom,Sample,,General\n"
)


def modal(qtbot: QtBot, kind: type) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    return dialog


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
    qtbot.keyClick(importer.path, Qt.Key.Key_Return)
    done = modal(qtbot, MessageDialog)
    assert isinstance(done, MessageDialog) and done.text.text() == "2 added."
    done.ok_button.click()
    qtbot.waitUntil(lambda: page.register.rowCount() == 2)
    # 3. three kiosk sign-ins (one walk-in who was not on the list)
    page.kiosk_buttons["sign-in"].click()
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
    assert page.register_heading.text() == "Register: 3 people, 3 present, 0 completed"
    # 4. pre-quiz, two people
    page.kiosk_buttons["pre"].click()
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
    # 8. completion for everyone present
    for row in range(3):
        qtbot.waitUntil(lambda: page.register.rowCount() == 3)
        page.register_table.selectRow(row)
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
    page.print_one_button.click()
    qtbot.waitUntil(lambda: desktop.controller.printing.preview is not None, timeout=20_000)
    again = desktop.controller.printing.preview
    assert again is not None
    [only] = pages_text(again.pdf_bytes, tmp_path)
    assert "Tom Sample" in only and "Priya Example" not in only
    assert "Trainer: Trainer One" in " ".join(only.split())
