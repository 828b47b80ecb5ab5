"""The register's actions on the Sessions page: adding, importing and correcting people,
attendance for several at once, completion and its undoing, and deleting a session.

Part of the trainer's controller (ui/controllers/training_controller.py), which owns the
unlocked Training and reloads the page. Anything that cannot be taken back asks first;
completing someone never marked present asks too, since that is how a certificate went to
a person who was not there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victim_champion.core.attendee_csv import ColumnsNotMatchedError
from victim_champion.core.attendees import Attendee
from victim_champion.core.errors import message_for
from victim_champion.core.training_day import Attendance
from victim_champion.operations.languages import messages
from victim_champion.operations.register_import import ImportResult, read_register_file
from victim_champion.operations.training import Training
from victim_champion.ui.controllers.page_context import PageContext
from victim_champion.ui.dialogs.import_dialog import ImportDialog
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog, MessageDialog
from victim_champion.ui.dialogs.training_dialogs import PersonDialog

if TYPE_CHECKING:
    from victim_champion.ui.pages.sessions_page import SessionsPage

UNEXPECTED = "That could not be saved; try again, or restart the app."


def _people(count: int) -> str:
    return messages().plural("count.people", count)


class RegisterActions:
    """Connects the register's buttons to the training operations."""

    def __init__(
        self,
        context: PageContext[SessionsPage],
        training: Callable[[], Training | None],
        run: Callable[[Callable[[], Any], Callable[[Any], None]], None],
        reload: Callable[[str], None],
    ) -> None:
        self._context = context
        self._training = training
        self._run = run
        self._reload = reload
        page = context.page
        page.add_person_requested.connect(self.add_person)
        page.import_requested.connect(self.import_list)
        page.attendance_requested.connect(self.mark_attendance)
        page.complete_requested.connect(self.complete)
        page.undo_complete_requested.connect(self.undo_completion)
        page.edit_person_requested.connect(self.correct_person)
        page.remove_person_requested.connect(self.remove_person)
        page.delete_session_requested.connect(self.delete_session)

    def _confirm(self, title: str, text: str, action: str, then: Callable[[], None]) -> None:
        dialog = ConfirmDialog(title, text, action, self._context.quick_exit, self._context.window)
        dialog.accepted.connect(then)
        dialog.open()

    def _write(self, session_id: str, work: Callable[[Training], object]) -> None:
        """Run one change on a worker, then read the session back."""
        training = self._training()
        if training is not None:
            self._run(lambda: work(training), lambda _: self._reload(session_id))

    def _person(self, attendee_id: str) -> Attendee | None:
        register = self._context.page.register
        rows = (register.row_at(r) for r in range(register.rowCount()))
        return next((a for a in rows if a.id == attendee_id), None)

    # ------------------------------------------------------------------ people

    def add_person(self, session_id: str) -> None:
        """Quick add: one person typed in."""
        dialog = PersonDialog(self._context.quick_exit, self._context.window)

        def save() -> None:
            details = dialog.result_details
            if details is not None:
                self._write(session_id, lambda t: t.add_people(session_id, [details]))

        dialog.accepted.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def correct_person(self, session_id: str, attendee_id: str) -> None:
        """Correct a name or contact details."""
        person = self._person(attendee_id)
        if person is None:
            return
        dialog = PersonDialog(self._context.quick_exit, self._context.window, person.details)

        def save() -> None:
            details = dialog.result_details
            if details is not None:
                self._write(session_id, lambda t: t.edit_person(session_id, attendee_id, details))

        dialog.accepted.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def remove_person(self, session_id: str, attendee_id: str) -> None:
        """Take someone off the register, after asking."""
        self._confirm(
            "Remove this person?",
            "They will be taken off this register, and the hub will forget them at the "
            "next sync. This cannot be undone.",
            "Remove",
            lambda: self._write(session_id, lambda t: t.remove_person(session_id, attendee_id)),
        )

    def import_list(self, session_id: str) -> None:
        """Check a sign-up list (a preview, nothing written), then import it; a failure
        keeps the dialog open with its path and choices."""
        window, quick_exit = self._context.window, self._context.quick_exit
        dialog = ImportDialog(quick_exit, window)

        def imported(result: ImportResult) -> None:
            dialog.accept()
            self._reload(session_id)
            MessageDialog("Sign-up list imported", result.summary, quick_exit, window).open()

        def refused(error: BaseException) -> None:
            if isinstance(error, ColumnsNotMatchedError):
                dialog.ask_for_columns(error.headers, error.message)
            else:
                dialog.show_problem(message_for(error, UNEXPECTED))

        def check(path: str, columns: dict[str, str] | None, include_duplicates: bool) -> None:
            training = self._training()
            if training is not None:
                self._context.work.run(
                    lambda: training.preview_import(
                        session_id,
                        read_register_file(Path(path), columns),
                        include_duplicates=include_duplicates,
                    ),
                    dialog.show_preview,
                    refused,
                )

        def run(path: str, columns: dict[str, str] | None, include_duplicates: bool) -> None:
            training = self._training()
            if training is not None:  # the preview showed the bad rows: the rest go in
                self._context.work.run(
                    lambda: training.import_file(
                        session_id,
                        Path(path),
                        skip_bad=True,
                        include_duplicates=include_duplicates,
                        columns=columns,
                    ),
                    imported,
                    refused,
                )

        dialog.check_requested.connect(check)
        dialog.import_requested.connect(run)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # ------------------------------------------------------------------ the day

    def mark_attendance(self, session_id: str, attendee_ids: Sequence[str], value: str) -> None:
        """Mark everyone chosen (one transaction)."""
        chosen = list(attendee_ids)
        self._write(session_id, lambda t: t.mark_attendance(session_id, chosen, Attendance(value)))

    def complete(self, session_id: str, attendee_ids: Sequence[str]) -> None:
        """Mark completion; asks first if any of them was never marked present."""
        chosen = list(attendee_ids)
        absent = [
            a
            for a in map(self._person, chosen)
            if a is not None and (a.attendance is None or not Attendance(a.attendance).attended)
        ]

        def write() -> None:
            self._write(session_id, lambda t: t.complete(session_id, chosen))

        if not absent:
            write()
            return
        self._confirm(
            "Not marked present",
            f"{_people(len(absent))} of the {len(chosen)} chosen "
            f"{messages().plural('count.was_were', len(absent))} never marked present. "
            "A certificate says they took part; mark them completed anyway?",
            "Mark completed",
            write,
        )

    def undo_completion(self, session_id: str, attendee_ids: Sequence[str]) -> None:
        """Take back "Completed" (the store refuses once a certificate was printed)."""
        chosen = list(attendee_ids)
        self._write(session_id, lambda t: t.undo_completion(session_id, chosen))

    def delete_session(self, session_id: str) -> None:
        """Delete the session, after asking (with what goes with it)."""
        page = self._context.page
        session = page.session_by_id(session_id)
        if session is None:
            return
        people = page.register.rowCount() if page.selected_session_id() == session_id else 0
        self._confirm(
            "Delete this session?",
            f"'{session.title}' on {session.date.day} {session.date:%B %Y} will be deleted "
            f"with its register of {_people(people)}, knowledge checks and feedback. This "
            "cannot be undone.",
            "Delete session",
            lambda: self._write(session_id, lambda t: t.delete_session(session_id)),
        )
