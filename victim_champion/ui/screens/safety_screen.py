"""The honest account of the quick exit: what it does and what it cannot do."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from victim_champion.ui.screens.decoy_screen import RETURN_SHORTCUT
from victim_champion.ui.widgets.form_widgets import button, centred_card, label

DOES = (
    "Press Escape, press Shift three times, or use the red Quick exit button at the top "
    "right, and the screen at once turns into a plain notes page.",
    "While presenting, Escape ends the show instead, as in PowerPoint, so the room never "
    "sees the notes page; Shift three times or the red button still hide everything.",
    "The records are locked straight away: they need the staff passphrase to open again.",
    "Anything Victim Champion copied to the clipboard is cleared, and open windows, "
    "previews and printing are closed.",
    f"To come back, press {RETURN_SHORTCUT} on the notes page, then enter your passphrase.",
)
CANNOT = (
    "It cannot hide that Victim Champion is installed on this laptop.",
    "It cannot erase what someone has already seen on the screen.",
    "It does not touch other programs, such as a web browser and its history.",
)


def _bullets(lines: tuple[str, ...]) -> str:
    return "".join(f"\u2022 {line}\n" for line in lines).rstrip()


class SafetyScreen(QWidget):
    """Shown once after the profile is created; emits ``acknowledged``."""

    acknowledged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = centred_card(self, 720)
        form.addWidget(label("Before you start: the quick exit", "heading"))
        form.addWidget(
            label(
                "Someone may be at risk from a person who walks up to the desk. "
                "The quick exit is there for that moment."
            )
        )
        form.addWidget(label("What it does", "subheading"))
        form.addWidget(label(_bullets(DOES)))
        form.addWidget(label("What it cannot do", "subheading"))
        form.addWidget(label(_bullets(CANNOT)))
        self.continue_button = button(
            "I understand, continue", "I understand the quick exit, continue", role="primary"
        )
        self.continue_button.clicked.connect(self.acknowledged)
        form.addWidget(self.continue_button)
