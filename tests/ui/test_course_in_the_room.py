"""The course in the room (issue 19): the presenter view shows each activity when its
slide comes and each module's quiz answers; the kiosk asks equivalent sets before and
after; the trainer sees what landed, module by module; the materials print from the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.pdf_tools import flowing_text
from tests.ui.conftest import modal, unlock
from tests.ui.test_printing import select_session
from victim_champion.app import DesktopApp
from victim_champion.core.training_day import QuizPhase, knowledge_check
from victim_champion.ui.dialogs.message_dialog import MessageDialog
from victim_champion.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog


def test_the_presenter_shows_activities_on_their_slide_and_the_quiz_answers(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    training = desktop.controller.training
    desktop.window.sessions.present_button.click()
    presenter = training.presenter
    assert presenter is not None
    course = training.course
    shown = []
    for index, (module, slide) in enumerate(presenter.slides):
        assert presenter.index == index
        notes = presenter.notes.text()
        assert notes.startswith(slide.notes)
        for activity in module.activities_after(slide):
            assert f"ACTIVITY NOW: {activity.title} ({activity.minutes} minutes" in notes
            shown.append(activity.title)
        if slide is module.slides[-1]:
            for question in module.questions:
                assert question.why in notes
        qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert sorted(shown) == sorted(a.title for m in course.modules for a in m.activities)
    # The longest notes (a slide with an activity and a module's answers) scroll inside
    # the window, which still fits the 1280x720 laptop.
    assert presenter.notes_area.widget() is presenter.notes
    presenter.close()


def test_before_and_after_are_equivalent_sets_and_the_gain_shows_by_module(
    qtbot: QtBot, desktop: DesktopApp
) -> None:
    unlock(qtbot, desktop)
    select_session(desktop, "Victim Champion refresher")
    training = desktop.controller.training
    session_id = desktop.window.sessions.selected_session_id()
    assert session_id is not None
    course = training.course
    kiosk = desktop.window.kiosk
    sets = {}
    for phase in (QuizPhase.PRE, QuizPhase.POST):
        training.start_kiosk(session_id, phase.value)
        check = knowledge_check(course, phase, session_id)
        assert [q.text for q in kiosk.questions] == [q.text for q in check.questions]
        assert 8 <= len(kiosk.questions) <= 10
        sets[phase] = kiosk.questions
        for number, question in enumerate(kiosk.questions):
            # Before: only the first module right; after: everything right.
            right = phase is QuizPhase.POST or number == 0
            choice = question.answer if right else (question.answer + 1) % len(question.options)
            kiosk.option_buttons[choice].setChecked(True)
            kiosk.quiz_next.click()
        said = f"got {len(check.questions) if phase is QuizPhase.POST else 1} of"
        qtbot.waitUntil(lambda said=said: said in kiosk.thanks.text(), timeout=10_000)  # type: ignore[misc]
    assert all(b != a for b, a in zip(sets[QuizPhase.PRE], sets[QuizPhase.POST], strict=True))
    kiosk.clear()
    desktop.window.show_work_area()
    desktop.window.sessions.feedback_button.click()
    dialog = modal(qtbot, MessageDialog)
    assert isinstance(dialog, MessageDialog)
    text = dialog.text.text()
    first, second = course.modules[0], course.modules[1]
    assert f"- {first.title}: 100% \u2192 100%" in text
    assert f"- {second.title}: 0% \u2192 100%" in text
    assert "Landed least:" in text
    dialog.reject()


def test_the_activity_materials_print_from_the_handouts_page(
    qtbot: QtBot, desktop: DesktopApp, tmp_path: Path
) -> None:
    unlock(qtbot, desktop)
    desktop.window.navigation.setCurrentRow(1)
    desktop.window.handouts.materials_button.click()
    printing = desktop.controller.printing
    qtbot.waitUntil(lambda: printing.preview is not None, timeout=20_000)
    preview = printing.preview
    assert isinstance(preview, PdfPreviewDialog) and preview.windowTitle() == "Activity materials"
    text = flowing_text(preview.pdf_bytes, tmp_path)
    for module in desktop.controller.training.course.modules:
        for activity in module.activities:
            assert activity.materials[0].cards[0].split()[0] in text
    preview.reject()
