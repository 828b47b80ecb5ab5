"""Consent, then contact details and the referrals: in that order, and only with a yes.

One consent and one set of contact answers for every service ticked here, so a person
referred to two services is asked once. The dialog stays open while the referrals are
made: a refusal (no referral desk key yet, a laptop not enrolled, anything else) is shown
here with every typed field as it was, and only a referral made closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.directory import Service
from victim_champion.core.errors import InvalidInputError
from victim_champion.operations.signposting_desk import NO_SERVICE_CHOSEN, ReferralRequest
from victim_champion.ui.dialogs.training_dialogs import _FormDialog
from victim_champion.ui.widgets.form_widgets import label, speak

NO_KEY_YET = (
    "Contact details cannot go yet: the referral desk's key has not reached this laptop. "
    "Sync on the Sync page, or refer without contact details."
)


def _yes_no(name: str) -> QComboBox:
    """Not said / Yes / No: never a default of yes."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in (("Not said", ""), ("Yes", "yes"), ("No", "no")):
        combo.addItem(text, value)
    return combo


class ReferralDialog(_FormDialog):
    """Records referral consent, optional contact details and the referrals."""

    submitted = Signal()  # checked here; the controller makes the referrals, then closes

    def __init__(
        self,
        services: Sequence[Service],
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
        *,
        can_send_contact: bool = True,
    ) -> None:
        super().__init__("Refer with consent", "Refer", quick_exit, parent)
        self.consent = QCheckBox(
            "The person agrees that we pass their details to the services ticked below "
            "for the referral (kept for 90 days)"
        )
        speak(self.consent)
        self.form.addRow("", self.consent)
        self.service_boxes: dict[str, QCheckBox] = {}
        listed = QWidget()  # a widget, so its rows keep their height in the form
        column = QVBoxLayout(listed)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        referable = [s for s in services if s.referral.worker_referral]
        for service in services:
            takes = service.referral.worker_referral
            box = QCheckBox(
                service.name if takes else f"{service.name} (they ask people to contact them)"
            )
            speak(box, f"refer to {service.name}" if takes else "")
            box.setEnabled(takes)
            box.setChecked(takes and len(referable) == 1)  # the one service, ticked
            if takes:
                self.service_boxes[service.id] = box
            column.addWidget(box)
        if not services:
            column.addWidget(
                label("Tick the services you talked through on the page first.", "hint")
            )
        self.form.addRow("Refer to", listed)
        self.restorative = QCheckBox("This is the person's own request for restorative justice")
        speak(self.restorative)
        self.form.addRow("", self.restorative)
        if not can_send_contact:
            note = label(NO_KEY_YET, "hint")
            self.form.addRow("", note)
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
        # The three yes/no questions share a row: the dialog fits a 1280x720 screen with
        # two services to tick (each drop-down is named for a screen reader).
        answers = QHBoxLayout()
        for caption, combo in (
            ("Voicemail OK?", self.voicemail_ok),
            ("Safe to write?", self.safe_to_write),
        ):
            answers.addSpacing(12)
            answers.addWidget(QLabel(caption))
            answers.addWidget(combo, 1)
        answers.insertWidget(0, self.safe_to_call, 1)
        self.form.addRow("Safe to call?", answers)
        self.form.addRow("Best times", self.best_times)
        self.form.addRow("Safe word or name", self.safe_word)
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

    def chosen_service_ids(self) -> list[str]:
        """The services ticked here, in the page's order."""
        return [i for i, box in self.service_boxes.items() if box.isChecked()]

    def collect(self) -> None:
        if not self.consent.isChecked():
            raise InvalidInputError("Ask the person first: a referral needs their consent.")
        if not self.chosen_service_ids():
            raise InvalidInputError(NO_SERVICE_CHOSEN)
        self.request().check()

    def _on_ok_clicked(self) -> None:
        try:
            self.collect()
        except InvalidInputError as error:
            self.show_problem(error.message)
            return
        self.message.hide()
        self.set_busy(True)
        self.submitted.emit()

    def set_busy(self, busy: bool) -> None:
        """While the referrals are made, Refer cannot be pressed twice."""
        self.ok_button.setEnabled(not busy)
        self.ok_button.setText("Referring\u2026" if busy else "Refer")

    def refused(self, text: str) -> None:
        """The referrals were refused: say why here; every field stays as typed."""
        self.set_busy(False)
        self.show_problem(text)

    def request(self) -> ReferralRequest:
        """What was filled in, as the desk takes it (the services are listed apart)."""
        return ReferralRequest(
            "",
            self.name.text(),
            self.phone.text(),
            self.email.text(),
            restorative=self.restorative.isChecked(),
            safety=self.safety(),
        )
