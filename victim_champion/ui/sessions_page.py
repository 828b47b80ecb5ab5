"""Sessions and the register of the one selected: the records the trainer works with."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victim_champion.content.districts import load_districts
from victim_champion.store.records import Records
from victim_champion.ui.record_models import register_model, session_model
from victim_champion.ui.widgets import button, label


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


class SessionsPage(QWidget):
    """Lists sessions, newest first; selecting one shows (and audits viewing) its register."""

    print_certificates_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: Records | None = None
        self.sessions = session_model(_district_name)
        self.register = register_model()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(label("Sessions", "heading"))
        layout.addWidget(
            label(
                "Training sessions and Compass Point desks, newest first. "
                "Choose one to see its register.",
                "hint",
            )
        )
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
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.register_table = _table("Register")
        self.register_table.setModel(self.register)
        layout.addWidget(self.register_table, 3)

    def show_records(self, records: Records) -> None:
        """Load the sessions of the unlocked profile."""
        self._records = records
        self.sessions.set_rows(records.sessions())
        if self.sessions.rowCount():
            self.session_table.selectRow(0)

    def _on_session_changed(self, current: object, _previous: object) -> None:
        row = self.session_table.currentIndex().row()
        if self._records is None or row < 0:
            self.register.clear()
            return
        session = self.sessions.row_at(row)
        attendees = self._records.register(session.id)
        self.register.set_rows(attendees)
        self.register_heading.setText(f"Register: {len(attendees)} people")

    def _on_print_clicked(self) -> None:
        row = self.session_table.currentIndex().row()
        if row >= 0:
            self.print_certificates_requested.emit(self.sessions.row_at(row).id)

    def clear(self) -> None:
        """Forget every record shown (lock and quick exit)."""
        self._records = None
        self.register.clear()
        self.sessions.clear()
        self.register_heading.setText("Register")
