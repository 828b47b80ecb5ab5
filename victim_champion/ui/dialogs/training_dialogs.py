"""Dialogs for the trainer: a session's details, and adding one person (importing a
sign-up list is ui/dialogs/import_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.attendees import AttendeeDetails, as_sentence, problems_with
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind, clean_text
from victim_champion.operations import reference_data
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label, message_label, speak


def _field(name: str, text: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setAccessibleName(name)
    field.setMinimumWidth(320)
    return field


class _FormDialog(SafeDialog):
    """A form with an error line and Cancel / primary buttons."""

    def __init__(
        self, title: str, action: str, quick_exit: Callable[[], None], parent: QWidget | None
    ) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle(title)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(label(title, "subheading"))
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.message = message_label("error")
        self.message.hide()
        self.outer.addWidget(self.message)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = button(action, action, role="primary")
        self.ok_button.clicked.connect(self._on_ok_clicked)

    def finish_layout(self) -> None:
        self.outer.addLayout(self.button_row(self.cancel_button, self.ok_button))

    def show_problem(self, text: str) -> None:
        self.message.show_status(text, error=True)

    def _on_ok_clicked(self) -> None:
        try:
            self.collect()
        except InvalidInputError as error:
            self.show_problem(error.message)
            return
        self.accept()

    def collect(self) -> None:
        raise NotImplementedError


class SessionDialog(_FormDialog):
    """Create or edit a session; ``result_session`` holds it after OK."""

    def __init__(
        self,
        existing: Session | None,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Edit session" if existing else "New session",
            "Save" if existing else "Create",
            quick_exit,
            parent,
        )
        self.existing = existing
        self.result_session: Session | None = None
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of session")
        self.kind.addItem("Victim Champion training", SessionKind.TRAINING.value)
        self.kind.addItem("Compass Point drop-in", SessionKind.DROP_IN.value)
        self.title = _field("Title", existing.title if existing else "Victim Champion training")
        self.venue = _field("Venue", existing.venue if existing else "")
        self.district = QComboBox()
        self.district.setAccessibleName("District")
        for district in reference_data.districts():
            self.district.addItem(district.name, district.id)
        self.day = QDateEdit()
        self.day.setAccessibleName("Date")
        self.day.setCalendarPopup(False)
        self.day.setDisplayFormat("d MMMM yyyy")
        self.trainers = _field(
            "Trainers, separated by commas", ", ".join(existing.facilitators) if existing else ""
        )
        for caption, widget in (
            ("Kind", self.kind),
            ("Title", self.title),
            ("Venue", self.venue),
            ("District", self.district),
            ("Date", self.day),
            ("Trainers", self.trainers),
        ):
            self.form.addRow(caption, widget)
        chosen = existing.date if existing else date.today()
        self.day.setDate(QDate(chosen.year, chosen.month, chosen.day))
        if existing:
            self.kind.setCurrentIndex(self.kind.findData(existing.kind.value))
            self.district.setCurrentIndex(self.district.findData(existing.district_id))
        self.finish_layout()

    def collect(self) -> None:
        picked = self.day.date()
        trainers = tuple(
            clean_text(t, "trainer's name") for t in self.trainers.text().split(",") if t.strip()
        )
        self.result_session = Session(
            id=self.existing.id if self.existing else new_id(),
            kind=SessionKind(self.kind.currentData()),
            title=clean_text(self.title.text(), "title"),
            venue=clean_text(self.venue.text(), "venue"),
            district_id=str(self.district.currentData()),
            date=date(picked.year(), picked.month(), picked.day()),
            facilitators=trainers,
        )


class PersonDialog(_FormDialog):
    """Quick add (only the name is required), or correcting someone already on the
    register: then their consent is shown but not changed here, since it was theirs to
    give, not the trainer's to edit."""

    def __init__(
        self,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
        existing: AttendeeDetails | None = None,
    ) -> None:
        super().__init__(
            "Correct this person" if existing else "Add a person",
            "Save" if existing else "Add",
            quick_exit,
            parent,
        )
        self.result_details: AttendeeDetails | None = None
        given = existing or AttendeeDetails("")
        self.name = _field("Name", given.name)
        self.email = _field("Email (optional)", given.email)
        self.phone = _field("Phone (optional)", given.phone)
        self.organisation = _field("Organisation (optional)", given.organisation)
        self.role = _field("Role (optional)", given.role)
        for caption, widget in (
            ("Name", self.name),
            ("Email", self.email),
            ("Phone", self.phone),
            ("Organisation", self.organisation),
            ("Role", self.role),
        ):
            self.form.addRow(caption, widget)
        self.consent = QCheckBox(
            "They agree to be contacted about future training (kept for 12 months)"
        )
        speak(self.consent)
        self.consent.setChecked(given.consent_contact)
        self.consent.setEnabled(existing is None)
        self.form.addRow("", self.consent)
        self.finish_layout()

    def collect(self) -> None:
        details = AttendeeDetails(
            name=" ".join(self.name.text().split()),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            organisation=self.organisation.text().strip(),
            role=self.role.text().strip(),
            consent_contact=self.consent.isChecked(),
        )
        problems = problems_with(details)
        if problems:
            raise InvalidInputError(as_sentence(problems[0]))
        self.result_details = details
