"""The Handouts page's official leaflets: "Official leaflet in …" for each language this
laptop holds, with the source and date on screen. Each is an official translation that
Compass House published through the hub, previewed, printed and saved unchanged. Nothing
here is machine-translated."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from victim_champion.core.leaflet_bundle import Leaflet
from victim_champion.ui.widgets.form_widgets import button, label

NONE_HELD = "No official leaflets on this laptop yet: they arrive when it syncs with the hub."


def language_name(code: str) -> str:
    """The language's name in English as Qt knows it, with its code ("Welsh (cy)")."""
    language = QLocale(code).language()
    if language in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return f"{QLocale.languageToString(language)} ({code})"


class LeafletChoice(QWidget):
    """Emits ``leaflet_requested(language)`` to preview the leaflet in that language."""

    leaflet_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._held: list[Leaflet] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label("Official translations", "subheading"))
        layout.addWidget(
            label(
                "Official leaflets in other languages, printed exactly as published. "
                "Nothing here is machine-translated.",
                "hint",
            )
        )
        self.language = QComboBox()
        self.language.setAccessibleName("Official leaflet")
        self.language.currentIndexChanged.connect(self._on_language_changed)
        layout.addWidget(self.language)
        self.details = label(NONE_HELD, "hint")
        self.details.setAccessibleName("Source and date of the official leaflet")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.preview_button = button(
            "Preview official leaflet\u2026", "Preview the official leaflet, as published"
        )
        self.preview_button.clicked.connect(self._on_preview_clicked)
        layout.addWidget(self.preview_button)
        self.show_leaflets([])

    def show_leaflets(self, held: Sequence[Leaflet]) -> None:
        """List the leaflets held (none: say how they arrive)."""
        chosen = self.language.currentData()
        self._held = list(held)
        self.language.blockSignals(True)
        self.language.clear()
        for leaflet in self._held:
            self.language.addItem(
                f"Official leaflet in {language_name(leaflet.language)}: {leaflet.title}",
                leaflet.language,
            )
        index = self.language.findData(chosen) if chosen else -1
        self.language.setCurrentIndex(max(index, 0) if self._held else -1)
        self.language.blockSignals(False)
        self.language.setEnabled(bool(self._held))
        self.preview_button.setEnabled(bool(self._held))
        self._on_language_changed()

    def chosen(self) -> Leaflet | None:
        """The leaflet picked in the list."""
        code = self.language.currentData()
        return next((entry for entry in self._held if entry.language == code), None)

    def _on_language_changed(self) -> None:
        leaflet = self.chosen()
        self.details.setText(
            f"Source: {leaflet.source}, dated {leaflet.date}." if leaflet else NONE_HELD
        )

    def _on_preview_clicked(self) -> None:
        leaflet = self.chosen()
        if leaflet is not None:
            self.leaflet_requested.emit(leaflet.language)
