"""Consent, then contact details and a referral: in that order, and only with a yes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from victim_champion.core.directory import Service
from victim_champion.core.errors import InvalidInputError
from victim_champion.operations.signposting_desk import ReferralRequest
from victim_champion.ui.dialogs.training_dialogs import _FormDialog
from victim_champion.ui.widgets.form_widgets import speak


def _yes_no(name: str) -> QComboBox:
    """Not said / Yes / No: never a default of yes."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in (("Not said", ""), ("Yes", "yes"), ("No", "no")):
        combo.addItem(text, value)
    return combo


class ReferralDialog(_FormDialog):
    """Records referral consent, optional contact details and the referral itself."""

    def __init__(
        self,
        services: Sequence[Service],
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Refer with consent", "Refer", quick_exit, parent)
        self.consent = QCheckBox(
            "The person agrees that we pass their details to this "
            "service for the referral (kept for 90 days)"
        )
        speak(self.consent)
        self.form.addRow("", self.consent)
        self.service = QComboBox()
        self.service.setAccessibleName("Service to refer to")
        for service in services:
            self.service.addItem(service.name, service.id)
        self.form.addRow("Service", self.service)
        self.restorative = QCheckBox("This is the person's own request for restorative justice")
        speak(self.restorative)
        self.form.addRow("", self.restorative)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name, as the person wants it given")
        self.phone = QLineEdit()
        self.phone.setAccessibleName("Phone, if they want a call")
        self.email = QLineEdit()
        self.email.setAccessibleName("Email, if they want one")
        for caption, widget in (("Name", self.name), ("Phone", self.phone), ("Email", self.email)):
            self.form.addRow(caption, widget)
        # How the service may reach them without putting them at risk: asked, not assumed.
        self.safe_to_call = _yes_no("Safe to call")
        self.best_times = QLineEdit()
        self.best_times.setAccessibleName("Best times to call")
        self.best_times.setPlaceholderText("for example weekdays 10am to 2pm")
        self.voicemail_ok = _yes_no("Voicemail OK")
        self.safe_to_write = _yes_no("Safe to write (letters or email)")
        self.safe_word = QLineEdit()
        self.safe_word.setAccessibleName("Safe word or name to use")
        self.safe_word.setPlaceholderText("so they know the call is the service")
        safety: tuple[tuple[str, QWidget], ...] = (
            ("Safe to call?", self.safe_to_call),
            ("Best times", self.best_times),
            ("Voicemail OK?", self.voicemail_ok),
            ("Safe to write?", self.safe_to_write),
            ("Safe word or name", self.safe_word),
        )
        for caption, field in safety:
            self.form.addRow(caption, field)
        self.finish_layout()

    def safety(self) -> dict[str, str]:
        """The answers, "" for each one not asked."""
        return {
            "safe_to_call": str(self.safe_to_call.currentData()),
            "best_times": self.best_times.text().strip(),
            "voicemail_ok": str(self.voicemail_ok.currentData()),
            "safe_to_write": str(self.safe_to_write.currentData()),
            "safe_word": self.safe_word.text().strip(),
        }

    def collect(self) -> None:
        if not self.consent.isChecked():
            raise InvalidInputError("Ask the person first: a referral needs their consent.")
        if self.service.currentData() is None:
            raise InvalidInputError("Choose the service to refer to.")
        self.request().check()

    def request(self) -> ReferralRequest:
        """What was filled in, as the desk takes it."""
        return ReferralRequest(
            str(self.service.currentData()),
            self.name.text(),
            self.phone.text(),
            self.email.text(),
            restorative=self.restorative.isChecked(),
            safety=self.safety(),
        )
