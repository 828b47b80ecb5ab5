"""First run: choose the staff passphrase that will protect this laptop's records."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from victim_champion.content.passphrase_policy import LABELS, judge, refusal
from victim_champion.core.staff_slots import FIRST_ADMIN
from victim_champion.ui.widgets.form_widgets import (
    button,
    centred_card,
    label,
    message_label,
    passphrase_field,
)


class FirstRunScreen(QWidget):
    """Passphrase, confirmation and a strength indication; emits ``create_requested``."""

    create_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = centred_card(self, 620)
        form.addWidget(label("Set up Victim Champion on this laptop", "heading"))
        form.addWidget(
            label(
                "Choose a staff passphrase. It protects every record on this laptop, and "
                "nobody can recover the records without it. Three or four unrelated words "
                "are easy to remember and hard to guess."
            )
        )
        form.addWidget(label("New passphrase", "subheading"))
        self.passphrase = passphrase_field("New passphrase")
        self.passphrase.textChanged.connect(self._update_strength)
        form.addWidget(self.passphrase)
        self.strength = QProgressBar()
        self.strength.setRange(0, len(LABELS) - 1)
        self.strength.setTextVisible(False)
        self.strength.setAccessibleName("Passphrase strength")
        form.addWidget(self.strength)
        self.strength_label = label("", "hint")
        self.strength_label.setAccessibleDescription("Passphrase strength description")
        form.addWidget(self.strength_label)
        form.addWidget(label("Type it again", "subheading"))
        self.confirmation = passphrase_field("Confirm passphrase")
        self.confirmation.returnPressed.connect(self._submit)
        form.addWidget(self.confirmation)
        self.message = message_label("error")
        self.message.hide()
        form.addWidget(self.message)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Creating the encrypted profile")
        self.busy.hide()
        form.addWidget(self.busy)
        self.create_button = button(
            "Create encrypted profile", "Create encrypted profile", role="primary"
        )
        self.create_button.clicked.connect(self._submit)
        form.addWidget(self.create_button)
        self._update_strength("")

    def _update_strength(self, text: str) -> None:
        verdict = judge(text, (FIRST_ADMIN.name,))  # the slot the store will make
        self.strength.setValue(verdict.score)
        why = "Strong enough to protect the records." if verdict.acceptable else ""
        if not verdict.acceptable:
            why = f"Not yet: {verdict.reason}." if text else ""
        self.strength_label.setText(f"Strength: {verdict.label}. {why}".strip())

    def _submit(self) -> None:
        first, second = self.passphrase.text(), self.confirmation.text()
        verdict = judge(first, (FIRST_ADMIN.name,))
        if not verdict.acceptable:
            self.show_error(refusal(verdict))
            return
        if first != second:
            self.show_error("The two passphrases are different; type them again.")
            self.confirmation.clear()
            return
        self.passphrase.clear()
        self.confirmation.clear()
        self.create_requested.emit(first)

    def show_error(self, text: str) -> None:
        """Say what is wrong, in one sentence."""
        self.message.show_status(text, error=True)

    def set_busy(self, busy: bool) -> None:
        """While the profile is made (tuning takes a second or two)."""
        self.busy.setVisible(busy)
        self.create_button.setEnabled(not busy)
        if busy:
            self.message.hide()

    def focus_passphrase(self) -> None:
        """Put the cursor in the first field."""
        self.passphrase.setFocus()
