"""Change your passphrase: the current one, the new one twice, and how strong it is.

The dialog only collects and checks; the shell's worker changes it (store untouched: the
data key is rewrapped in keys.json), and the fields are emptied whatever the outcome.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from victim_champion.content.passphrase_policy import judge, refusal
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label, message_label, passphrase_field


class PassphraseDialog(SafeDialog):
    """Asks for the current and a new passphrase; emits ``change_requested``."""

    change_requested = Signal(str, str)

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle("Change passphrase")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(label("Change your passphrase", "heading"))
        layout.addWidget(label("Your passphrase now", "subheading"))
        self.current = passphrase_field("Current passphrase")
        layout.addWidget(self.current)
        layout.addWidget(label("A new passphrase", "subheading"))
        self.new = passphrase_field("New passphrase")
        self.new.textChanged.connect(self._update_strength)
        layout.addWidget(self.new)
        self.strength = label("", "hint")
        self.strength.setAccessibleDescription("Strength of the new passphrase")
        layout.addWidget(self.strength)
        layout.addWidget(label("The new passphrase again", "subheading"))
        self.confirmation = passphrase_field("Confirm new passphrase")
        self.confirmation.returnPressed.connect(self._submit)
        layout.addWidget(self.confirmation)
        self.message = message_label("error")
        self.message.hide()
        layout.addWidget(self.message)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.change_button = button("Change passphrase", "Change passphrase", role="primary")
        self.change_button.clicked.connect(self._submit)
        layout.addLayout(self.button_row(self.cancel_button, self.change_button))
        self.finished.connect(self._forget)

    def _update_strength(self, text: str) -> None:
        if not text:
            self.strength.setText("")
            return
        verdict = judge(text)
        why = "strong enough" if verdict.acceptable else f"not yet: {verdict.reason}"
        self.strength.setText(f"Strength: {verdict.label}, {why}.")

    def _submit(self) -> None:
        current, new = self.current.text(), self.new.text()
        verdict = judge(new)
        if not current:
            self.show_error("Type your passphrase now first.")
        elif not verdict.acceptable:
            self.show_error(refusal(verdict))
        elif new != self.confirmation.text():
            self.show_error("The two new passphrases are different; type them again.")
            self.confirmation.clear()
        else:
            self.set_busy(True)
            self.change_requested.emit(current, new)

    def show_error(self, text: str) -> None:
        """Why it was not changed, in one sentence; the fields are ready to try again."""
        self.set_busy(False)
        self.message.show_status(text, error=True)
        self.current.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.change_button.setEnabled(not busy)
        self.change_button.setText("Changing..." if busy else "Change passphrase")

    def _forget(self) -> None:
        for field in (self.current, self.new, self.confirmation):
            field.clear()
