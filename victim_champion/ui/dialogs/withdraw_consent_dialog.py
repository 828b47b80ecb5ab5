"""Withdrawing a person's consent for one record: which consent, what happens, confirm.

As easy as giving it (UK GDPR art. 7(3)): one choice and one button. The dialog names
what each choice does before the worker presses it, so the button is the confirmation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QWidget

from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.errors import InvalidInputError
from victim_champion.ui.dialogs.training_dialogs import _FormDialog
from victim_champion.ui.widgets.form_widgets import label, speak

CHOICES = (
    (
        ConsentPurpose.REFERRAL,
        "Referral",
        "A referral not yet sent is cancelled and never leaves this laptop; for one already "
        "sent, the service is told at the next sync. The contact details kept with it are "
        "erased.",
    ),
    (
        ConsentPurpose.CONTACT,
        "Contact",
        "The contact details kept with this record are erased; a service that already has "
        "them is told at the next sync.",
    ),
)


class WithdrawConsentDialog(_FormDialog):
    """Choose the consent to withdraw; ``purpose`` holds it after Withdraw."""

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("Withdraw consent", "Withdraw consent", quick_exit, parent)
        self.purpose: ConsentPurpose | None = None
        self.form.addRow(
            label("The person no longer agrees to this, for the record chosen:", "hint")
        )
        self.group = QButtonGroup(self)
        self.choices: dict[ConsentPurpose, QRadioButton] = {}
        for purpose, text, what in CHOICES:
            choice = QRadioButton(text)
            speak(choice, f"{text}: {what}")
            self.group.addButton(choice)
            self.choices[purpose] = choice
            self.form.addRow(choice)
            self.form.addRow(label(what, "hint"))
        self.form.addRow(
            label("This cannot be undone; the person can consent again later.", "hint")
        )
        self.finish_layout()

    def _first_focus(self) -> None:
        self.choices[ConsentPurpose.REFERRAL].setFocus()

    def collect(self) -> None:
        chosen = [p for p, choice in self.choices.items() if choice.isChecked()]
        if not chosen:
            raise InvalidInputError("Choose which consent the person withdraws.")
        self.purpose = chosen[0]
