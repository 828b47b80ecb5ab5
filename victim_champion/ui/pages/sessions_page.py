"""Sessions and the register of the one selected: the records the trainer works with."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.attendees import Attendee
from victim_champion.core.sessions import Session
from victim_champion.core.training_day import Attendance
from victim_champion.operations import reference_data
from victim_champion.ui.widgets.flow_layout import FlowLayout
from victim_champion.ui.widgets.form_widgets import button, label, menu_button
from victim_champion.ui.widgets.record_models import register_model, session_model


def _district_name(district_id: str) -> str:
    return reference_data.district_name(district_id)


def _table(accessible_name: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab moves on to the next control, arrows move rows
    return table


def register_counts(attendees: list[Attendee]) -> str:
    """ "Register: 9 of 13 present, 8 completed" (late and left early count as there)."""
    there = {a.value for a in Attendance if a.attended}
    present = sum(a.attendance in there for a in attendees)
    completed = sum(a.completed_at is not None for a in attendees)
    if not attendees:
        return "Register: nobody yet"
    return f"Register: {present} of {len(attendees)} present, {completed} completed"


class SessionsPage(QWidget):
    """Lists sessions, newest first; selecting one asks for its register (viewing it is
    audited, so the controller reads it off the GUI thread and hands it back)."""

    print_certificates_requested = Signal(str)
    print_one_certificate_requested = Signal(str, str)  # session, attendee: a reprint
    feedback_requested = Signal(str)
    new_session_requested = Signal()
    edit_session_requested = Signal(str)
    present_requested = Signal()
    kiosk_requested = Signal(str, str)  # session id, "sign-in" / "pre" / "post" / "feedback"
    quiz_sheets_print_requested = Signal(str)  # the quiz on paper, for the whole room
    quiz_sheets_entry_requested = Signal(str)
    add_person_requested = Signal(str)
    import_requested = Signal(str)
    # Session id, then the people chosen in the register (a list of attendee ids).
    attendance_requested = Signal(str, object, str)  # ..., the attendance to mark
    complete_requested = Signal(str, object)
    undo_complete_requested = Signal(str, object)
    edit_person_requested = Signal(str, str)  # session, the one person to correct
    remove_person_requested = Signal(str, str)
    delete_session_requested = Signal(str)
    session_selected = Signal(str)  # the register of this session is wanted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions = session_model(_district_name)
        self.register = register_model()
        # Four rows of actions and two tables on a 1280x720 laptop: the kiosk's four modes
        # and the things done to one person sit behind menu buttons, so both tables stay
        # in view without the page scrolling.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(8)
        layout.addWidget(label("Sessions", "heading"))
        layout.addWidget(
            label("Today's first, then the coming ones. Choose one to see its register.", "hint")
        )
        actions = FlowLayout()  # wraps on a narrow window instead of clipping
        self.new_button = button("New session\u2026", "New session")
        self.edit_button = button("Edit\u2026", "Edit the session")
        self.delete_button = button("Delete\u2026", "Delete the session")
        self.present_button = button("Present", "Present the course")
        self.kiosk_button, kiosk = menu_button(
            "Kiosk",
            "Hand the laptop to attendees",
            [
                ("Sign-in", "Kiosk sign-in"),
                ("Quiz before the course", "Kiosk knowledge check before the course"),
                ("Quiz after the course", "Kiosk knowledge check after the course"),
                ("Feedback form", "Kiosk feedback form"),
            ],
            self,
        )
        self.kiosk_actions = dict(
            zip(("sign-in", "pre", "post", "feedback"), kiosk.values(), strict=True)
        )
        self.paper_button, paper = menu_button(
            "Quiz on paper",
            "The quiz on paper for the whole room at once",
            [
                ("Print quiz sheets\u2026", "Print numbered quiz sheets"),
                ("Enter quiz sheets\u2026", "Type in the answered quiz sheets"),
            ],
            self,
        )
        self.print_sheets_action, self.enter_sheets_action = paper.values()
        self.print_sheets_action.triggered.connect(
            lambda: self._emit_for_session(self.quiz_sheets_print_requested)
        )
        self.enter_sheets_action.triggered.connect(
            lambda: self._emit_for_session(self.quiz_sheets_entry_requested)
        )
        self.new_button.clicked.connect(self.new_session_requested)
        self.edit_button.clicked.connect(
            lambda: self._emit_for_session(self.edit_session_requested)
        )
        self.delete_button.clicked.connect(
            lambda: self._emit_for_session(self.delete_session_requested)
        )
        self.present_button.clicked.connect(self.present_requested)
        for mode, action in self.kiosk_actions.items():
            action.triggered.connect(
                lambda _=False, mode=mode: self._emit_for_session(self.kiosk_requested, mode)
            )
        for each in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.present_button,
            self.kiosk_button,
            self.paper_button,
        ):
            actions.addWidget(each)
        layout.addLayout(actions)
        self.session_table = _table("Sessions")
        self.session_table.setModel(self.sessions)
        self.session_table.selectionModel().currentRowChanged.connect(self._on_session_changed)
        layout.addWidget(self.session_table, 2)
        row = QHBoxLayout()
        self.register_heading = label("Register", "subheading")
        row.addWidget(self.register_heading, 1)
        self.feedback_button = button("Read feedback\u2026", "Read this session's feedback")
        self.feedback_button.clicked.connect(
            lambda: self._emit_for_session(self.feedback_requested)
        )
        self.print_button = button(
            "Print certificates\u2026",
            "Print certificates",
            tooltip="For everyone in this session who completed",
        )
        self.print_button.clicked.connect(self._on_print_clicked)
        row.addWidget(self.feedback_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        tools = FlowLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the register")
        self.search.setAccessibleName("Search the register")
        self.search.setMaximumWidth(260)
        tools.addWidget(self.search)
        self.add_button = button("Add person\u2026", "Add a person")
        self.import_button = button("Import CSV\u2026", "Import a sign-up list")
        self.add_button.clicked.connect(lambda: self._emit_for_session(self.add_person_requested))
        self.import_button.clicked.connect(lambda: self._emit_for_session(self.import_requested))
        self.everyone_present_button = button(
            "Everyone present", "Mark everyone on the register present"
        )
        self.everyone_present_button.clicked.connect(self._mark_everyone_present)
        for each in (self.add_button, self.import_button, self.everyone_present_button):
            tools.addWidget(each)
        layout.addLayout(tools)
        tools = FlowLayout()
        tools.addWidget(label("Selected:", "hint"))
        self.attendance_buttons = {}
        for value, text in (
            ("present", "Present"),
            ("late", "Late"),
            ("left-early", "Left early"),
            ("absent", "Absent"),  # also undoes a wrong mark
        ):
            marker = button(text, f"Mark the selected people {text.lower()}")
            marker.clicked.connect(
                lambda _=False, value=value: self._emit_for_selected(
                    self.attendance_requested, value
                )
            )
            self.attendance_buttons[value] = marker
            tools.addWidget(marker)
        self.complete_button = button("Completed", "Mark the selected people as completed")
        self.complete_button.clicked.connect(
            lambda: self._emit_for_selected(self.complete_requested)
        )
        self.undo_complete_button = button(
            "Not completed", "Take back completion for the selected people"
        )
        self.undo_complete_button.clicked.connect(
            lambda: self._emit_for_selected(self.undo_complete_requested)
        )
        self.person_button, person = menu_button(
            "Person",
            "Correct, remove or reprint for the selected person",
            [
                ("Correct details\u2026", "Correct the selected person"),
                ("Remove from the register\u2026", "Remove the selected person"),
                ("Reprint their certificate\u2026", "Reprint the selected person's certificate"),
            ],
            self,
        )
        self.correct_action, self.remove_action, self.reprint_action = person.values()
        self.correct_action.triggered.connect(
            lambda: self._emit_for_attendee(self.edit_person_requested)
        )
        self.remove_action.triggered.connect(
            lambda: self._emit_for_attendee(self.remove_person_requested)
        )
        self.reprint_action.triggered.connect(
            lambda: self._emit_for_attendee(self.print_one_certificate_requested)
        )
        for each in (self.complete_button, self.undo_complete_button, self.person_button):
            tools.addWidget(each)
        layout.addLayout(tools)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.register)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filtered.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.filtered.setFilterFixedString)
        self.register_table = _table("Register")
        # Shift and Ctrl choose several people, and marking keeps them chosen; a double
        # click (or Enter) on a person opens their details to correct.
        self.register_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.register_table.setModel(self.filtered)
        self.register_table.activated.connect(
            lambda _index: self._emit_for_attendee(self.edit_person_requested)
        )
        layout.addWidget(self.register_table, 3)
        self.scores = label("", "hint")
        self.scores.setAccessibleName("Knowledge check and feedback so far")
        layout.addWidget(self.scores)

    def show_sessions(self, sessions: list[Session], select_session: str | None = None) -> None:
        """Show the sessions, keeping (or choosing) the selection; asks for its register."""
        keep = select_session or self.selected_session_id()
        self.sessions.set_rows(sessions)
        for row in range(self.sessions.rowCount()):
            if self.sessions.row_at(row).id == keep:
                self.session_table.selectRow(row)
                break
        else:
            if self.sessions.rowCount():
                self.session_table.selectRow(0)
        # The reset above cleared the current row, so selecting one always announces it
        # (and asks for its register once); with no sessions, only the register is emptied.
        if not self.sessions.rowCount():
            self.register.clear()

    def _on_session_changed(self, current: object, _previous: object) -> None:
        session_id = self.selected_session_id()
        if session_id is None:
            self.register.clear()
            return
        self.session_selected.emit(session_id)

    def show_register(self, session_id: str, attendees: list[Attendee]) -> None:
        """Show a session's register (ignored if another session was chosen meanwhile)."""
        if session_id != self.selected_session_id():
            return
        chosen = set(self.selected_attendee_ids())
        current = self.selected_attendee_id()
        self.register.set_rows(attendees)
        self.register_heading.setText(register_counts(attendees))
        self._choose(chosen, current)

    def _choose(self, attendee_ids: set[str], current: str | None) -> None:
        """Select these people again after the register was read back."""
        selection = self.register_table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.filtered.rowCount()):
            index = self.filtered.index(row, 0)
            attendee_id = self.register.row_at(self.filtered.mapToSource(index).row()).id
            if attendee_id == current:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            if attendee_id in attendee_ids:
                selection.select(index, flags)

    def session_by_id(self, session_id: str) -> Session | None:
        """A session shown in the table."""
        rows = (self.sessions.row_at(r) for r in range(self.sessions.rowCount()))
        return next((s for s in rows if s.id == session_id), None)

    def selected_session_id(self) -> str | None:
        """The session chosen in the table, if any."""
        row = self.session_table.currentIndex().row()
        return self.sessions.row_at(row).id if row >= 0 else None

    def selected_attendee_id(self) -> str | None:
        """The person chosen in the register, if any (through the search filter)."""
        index = self.register_table.currentIndex()
        if not index.isValid():
            return None
        return self.register.row_at(self.filtered.mapToSource(index).row()).id

    def selected_attendee_ids(self) -> list[str]:
        """Everyone chosen in the register, in register order."""
        rows = sorted(
            self.filtered.mapToSource(index).row()
            for index in self.register_table.selectionModel().selectedRows()
        )
        return [self.register.row_at(row).id for row in rows]

    def _emit_for_selected(self, signal: SignalInstance, *extra: str) -> None:
        session_id, chosen = self.selected_session_id(), self.selected_attendee_ids()
        if session_id is not None and chosen:
            signal.emit(session_id, chosen, *extra)

    def _mark_everyone_present(self) -> None:
        session_id = self.selected_session_id()
        everyone = [self.register.row_at(r).id for r in range(self.register.rowCount())]
        if session_id is not None and everyone:
            self.attendance_requested.emit(session_id, everyone, "present")

    def _emit_for_session(self, signal: SignalInstance, *extra: str) -> None:
        session_id = self.selected_session_id()
        if session_id is not None:
            signal.emit(session_id, *extra)

    def _emit_for_attendee(self, signal: SignalInstance, *extra: str) -> None:
        session_id, attendee_id = self.selected_session_id(), self.selected_attendee_id()
        if session_id is not None and attendee_id is not None:
            signal.emit(session_id, attendee_id, *extra)

    def _on_print_clicked(self) -> None:
        row = self.session_table.currentIndex().row()
        if row >= 0:
            self.print_certificates_requested.emit(self.sessions.row_at(row).id)

    def clear(self) -> None:
        """Forget every record shown (lock and quick exit)."""
        self.register.clear()
        self.sessions.clear()
        self.register_heading.setText("Register")
        self.search.setText("")
        self.scores.setText("")
