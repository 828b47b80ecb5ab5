"""Sessions and the register of the one selected: the records the trainer works with."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victim_champion.content.district_loader import load_districts
from victim_champion.core.attendees import Attendee
from victim_champion.core.sessions import Session
from victim_champion.core.training_day import Attendance
from victim_champion.ui.widgets.flow_layout import FlowLayout
from victim_champion.ui.widgets.form_widgets import button, label
from victim_champion.ui.widgets.record_models import register_model, session_model


def _district_name(district_id: str) -> str:
    district = load_districts().by_id(district_id)
    return district.name if district else district_id


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
    """ "Register: 13 people, 9 present, 8 completed" (late and left early count as there)."""
    there = {a.value for a in Attendance if a.attended}
    present = sum(a.attendance in there for a in attendees)
    completed = sum(a.completed_at is not None for a in attendees)
    people = "1 person" if len(attendees) == 1 else f"{len(attendees)} people"
    return f"Register: {people}, {present} present, {completed} completed"


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
    add_person_requested = Signal(str)
    import_requested = Signal(str)
    attendance_requested = Signal(str, str, str)  # session id, attendee id, attendance
    complete_requested = Signal(str, str)
    session_selected = Signal(str)  # the register of this session is wanted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions = session_model(_district_name)
        self.register = register_model()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(label("Sessions", "heading"))
        layout.addWidget(
            label(
                "Training sessions and Compass Point desks: today's first, then the coming "
                "ones, then past ones. Choose one to see its register.",
                "hint",
            )
        )
        actions = FlowLayout()  # wraps on a 1280x720 laptop instead of clipping
        self.new_button = button("New session\u2026", "New session")
        self.edit_button = button("Edit\u2026", "Edit the session")
        self.present_button = button("Present", "Present the course")
        self.kiosk_buttons = {
            mode: button(text, name)
            for mode, text, name in (
                ("sign-in", "Sign-in kiosk", "Kiosk sign-in"),
                ("pre", "Quiz before", "Kiosk knowledge check before the course"),
                ("post", "Quiz after", "Kiosk knowledge check after the course"),
                ("feedback", "Feedback", "Kiosk feedback form"),
            )
        }
        self.new_button.clicked.connect(self.new_session_requested)
        self.edit_button.clicked.connect(
            lambda: self._emit_for_session(self.edit_session_requested)
        )
        self.present_button.clicked.connect(self.present_requested)
        for mode, kiosk_button in self.kiosk_buttons.items():
            kiosk_button.clicked.connect(
                lambda _=False, mode=mode: self._emit_for_session(self.kiosk_requested, mode)
            )
        for each in (
            self.new_button,
            self.edit_button,
            self.present_button,
            *self.kiosk_buttons.values(),
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
        self.print_button = button(
            "Print certificates\u2026",
            "Print certificates",
            tooltip="For everyone in this session who completed",
        )
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_one_button = button(
            "Reprint one\u2026",
            "Reprint the selected person's certificate",
            tooltip="Only the person selected in the register, with the same code",
        )
        self.print_one_button.clicked.connect(
            lambda: self._emit_for_attendee(self.print_one_certificate_requested)
        )
        self.feedback_button = button("Read feedback\u2026", "Read this session's feedback")
        self.feedback_button.clicked.connect(
            lambda: self._emit_for_session(self.feedback_requested)
        )
        row.addWidget(self.feedback_button)
        row.addWidget(self.print_one_button)
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
        tools.addWidget(self.add_button)
        tools.addWidget(self.import_button)
        layout.addLayout(tools)
        tools = FlowLayout()
        tools.addWidget(label("Selected person:", "hint"))
        self.attendance_buttons = {}
        for value, text in (
            ("present", "Present"),
            ("late", "Late"),
            ("left-early", "Left early"),
            ("absent", "Absent"),  # also undoes a wrong mark
        ):
            marker = button(text, f"Mark as {text.lower()}")
            marker.clicked.connect(
                lambda _=False, value=value: self._emit_for_attendee(
                    self.attendance_requested, value
                )
            )
            self.attendance_buttons[value] = marker
            tools.addWidget(marker)
        self.complete_button = button("Completed", "Mark as completed the course")
        self.complete_button.clicked.connect(
            lambda: self._emit_for_attendee(self.complete_requested)
        )
        tools.addWidget(self.complete_button)
        layout.addLayout(tools)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.register)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filtered.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.filtered.setFilterFixedString)
        self.register_table = _table("Register")
        self.register_table.setModel(self.filtered)
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
        self.register.set_rows(attendees)
        self.register_heading.setText(register_counts(attendees))

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
