"""Quick reference while talking with someone: the 12 rights and the services, searchable.

Opened with Ctrl+K (two keystrokes) from anywhere in the unlocked app.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

from victim_champion.operations import reference_data
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label

SHORTCUT = "Ctrl+K"


def reference_lines() -> list[str]:
    """One line per right (of the Code of the course in use) and per service."""
    code = reference_data.victims_code()
    labels = reference_data.need_labels()
    lines = [f"Right {r.number}: {r.title}. {r.summary}" for r in code.rights]
    lines.append(code.not_reported_note)
    for service in reference_data.directory().services:
        mark = "" if service.is_verified else " [Sample - check before use]"
        needs = ", ".join(labels.get(n, n) for n in service.needs)
        lines.append(f"{service.name}{mark}: {service.description} Helps with: {needs}.")
    return lines


class QuickReferenceDialog(SafeDialog):
    """Type to filter; everything is public information."""

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle("Quick reference")
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Quick reference: rights and services", "subheading"))
        self.search = QLineEdit()
        self.search.setAccessibleName("Search the rights and services")
        self.search.setPlaceholderText("Type a word, for example court, safe or compensation")
        layout.addWidget(self.search)
        self.entries = QListWidget()
        self.entries.setAccessibleName("Rights and services")
        self.entries.setWordWrap(True)
        layout.addWidget(self.entries, 1)
        self.lines = reference_lines()
        self.search.textChanged.connect(self._filter)
        self._filter("")
        self.close_button = button("Close", "Close quick reference")
        self.close_button.clicked.connect(self.reject)
        layout.addLayout(self.button_row(self.close_button))
        self.finished.connect(self.deleteLater)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        self.entries.clear()
        self.entries.addItems(
            [line for line in self.lines if all(word in line.casefold() for word in words)]
        )
