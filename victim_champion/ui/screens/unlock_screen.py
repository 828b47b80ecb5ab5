"""The passphrase screen shown at start and after every lock."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from victim_champion.ui.widgets.form_widgets import (
    button,
    centred_card,
    label,
    message_label,
    passphrase_field,
)


class UnlockScreen(QWidget):
    """Asks for the staff passphrase; shows progress, errors and any enforced wait."""

    unlock_requested = Signal(str)

    def __init__(self, demo_passphrase: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = centred_card(self, 560)
        form.addWidget(label("Unlock Victim Champion", "heading"))
        self.reason_label = message_label("hint")  # why it locked (ui/guards/lock_reasons.py)
        self.reason_label.setAccessibleDescription("Why the app locked")
        self.reason_label.hide()
        self.reason = ""
        form.addWidget(self.reason_label)
        form.addWidget(label("Enter your staff passphrase to open the records on this laptop."))
        self.passphrase = passphrase_field("Staff passphrase")
        self.passphrase.setPlaceholderText("Staff passphrase")
        self.passphrase.returnPressed.connect(self._submit)
        form.addWidget(self.passphrase)
        self.unlock_button = button("Unlock", "Unlock", role="primary")
        self.unlock_button.clicked.connect(self._submit)
        form.addWidget(self.unlock_button)
        self.busy = QProgressBar()
        # Indeterminate: about half a second for the key, then every page of the data file
        # is checked (longer on a large store); nothing else is shown until both pass.
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Unlocking")
        self.busy.setTextVisible(False)
        self.busy.hide()
        form.addWidget(self.busy)
        self.checking = label("Unlocking and checking the data file\u2026", "hint")
        self.checking.hide()
        form.addWidget(self.checking)
        self.message = message_label("error")
        self.message.setAccessibleDescription("Unlock message")
        self.message.hide()
        form.addWidget(self.message)
        if demo_passphrase:
            demo = label(
                f"Demo profile (synthetic data only). Passphrase: {demo_passphrase}", "hint"
            )
            form.addWidget(demo)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._not_before = 0.0  # time.monotonic() when the next try is allowed

    def show_reason(self, reason: str) -> None:
        """Say why the app locked ("" says nothing): the idle lock, the Lock button, the
        computer's own lock, the quick exit. Kept until the next lock or start."""
        from victim_champion.ui.guards.lock_reasons import sentence

        self.reason = reason
        text = sentence(reason)
        self.reason_label.setText(text)
        self.reason_label.setVisible(bool(text))

    def _submit(self) -> None:
        waiting = self._not_before - time.monotonic()
        if waiting > 0:  # say why, and keep what was typed for when the wait ends
            # Imported here: the catalogue is read only when needed, not on the way to
            # this screen's first paint.
            from victim_champion.content.message_catalogue import messages

            self.message.show_status(
                messages().plural("unlock.wait", math.ceil(waiting)), error=True
            )
            return
        if not self.unlock_button.isEnabled():
            return
        text = self.passphrase.text()
        self.passphrase.clear()
        if text:
            self.unlock_requested.emit(text)

    def set_busy(self, busy: bool) -> None:
        """Show the busy indicator and stop new attempts while unlocking."""
        self.busy.setVisible(busy)
        self.checking.setVisible(busy)
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.message.hide()
        else:  # back in the field, never on Quick exit: retyping goes where it should
            self.passphrase.setFocus()

    def show_error(self, text: str, wait_seconds: float = 0.0) -> None:
        """Show why unlocking failed, and hold the button for ``wait_seconds``."""
        self.message.show_status(text, error=True)
        # Counted from now, so the button never opens before the store's own wait ends.
        self._not_before = time.monotonic() + wait_seconds
        if wait_seconds > 0:
            self.unlock_button.setEnabled(False)
            self._tick()
            self._countdown.start()

    def _tick(self) -> None:
        remaining = self._not_before - time.monotonic()
        if remaining <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.unlock_button.setText("Unlock")
            return
        self.unlock_button.setText(f"Try again in {math.ceil(remaining)} s")

    def reset(self) -> None:
        """Clear the field and messages, ready for the next person to unlock."""
        self.passphrase.clear()
        self.message.hide()
        self.set_busy(False)
        if time.monotonic() >= self._not_before:
            self.unlock_button.setText("Unlock")

    def focus_passphrase(self) -> None:
        """Put the cursor in the passphrase field."""
        self.passphrase.setFocus()
