"""Public handouts to print for the person at the desk: rights, and local services."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QVBoxLayout, QWidget

from victim_champion.operations import reference_data
from victim_champion.ui.pages.leaflet_choice import LeafletChoice
from victim_champion.ui.widgets.directory_date import DirectoryDate
from victim_champion.ui.widgets.form_widgets import button, label, speak

RIGHTS = "rights"
DIRECTORY = "directory"


class HandoutsPage(QWidget):
    """Choose a handout and its variants; emits ``preview_requested(kind, district_id,
    large_print, discreet)``."""

    preview_requested = Signal(str, str, bool, bool)
    materials_requested = Signal()
    next_steps_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label("Handouts", "heading"))
        layout.addWidget(
            label(
                "Public leaflets with no personal details. Preview, then print "
                "one for the person in front of you.",
                "hint",
            )
        )
        self.directory_date = DirectoryDate()  # the edition the handouts print; old or not
        layout.addWidget(self.directory_date)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Handout")
        self.kind.addItem("Your rights under the Victims' Code", RIGHTS)
        self.kind.addItem("Local support services, by need", DIRECTORY)
        form.addRow("Handout", self.kind)
        self.district = QComboBox()
        self.district.setAccessibleName("District")
        for district in reference_data.districts():
            self.district.addItem(district.name, district.id)
        # Starts at the desk's district (choose_district); once the worker picks one here,
        # that choice stays until the next unlock.
        self.district_chosen_here = False
        self.district.activated.connect(self._on_district_picked)
        form.addRow("District", self.district)
        self.large_print = QCheckBox("Large print (16 pt and over)")
        speak(self.large_print)
        form.addRow("", self.large_print)
        self.discreet = QCheckBox(
            "Discreet: plain words on every page (no \u201cvictim\u201d or \u201cabuse\u201d)"
        )
        speak(self.discreet)
        form.addRow("", self.discreet)
        layout.addLayout(form)
        self.preview_button = button("Preview\u2026", "Preview the handout", role="primary")
        self.preview_button.clicked.connect(self._on_preview_clicked)
        layout.addWidget(self.preview_button)
        layout.addSpacing(16)
        self.leaflets = LeafletChoice()  # official translations, printed as published
        layout.addWidget(self.leaflets)
        layout.addSpacing(16)
        layout.addWidget(label("For trainers", "subheading"))
        layout.addWidget(
            label(
                "The cards, stories and statements for the course's activities, to print "
                "and cut out before a session.",
                "hint",
            )
        )
        self.materials_button = button(
            "Activity materials\u2026", "Preview the activity materials to cut out"
        )
        self.materials_button.clicked.connect(self.materials_requested.emit)
        layout.addWidget(self.materials_button)
        self.next_steps_button = button(
            "Where to go next (for Victim Champions)\u2026",
            "Preview the one-page handout to give out at the end of the course",
        )
        self.next_steps_button.clicked.connect(self.next_steps_requested.emit)
        layout.addWidget(self.next_steps_button)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()

    def _on_district_picked(self, _index: int) -> None:
        self.district_chosen_here = True

    def choose_district(self, district_id: str | None) -> None:
        """Show ``district_id`` (the desk's district), unless the worker picked one here
        or it is not a district of the list."""
        index = self.district.findData(district_id) if district_id else -1
        if index >= 0 and not self.district_chosen_here:
            self.district.setCurrentIndex(index)

    def _on_kind_changed(self) -> None:
        self.district.setEnabled(self.kind.currentData() == DIRECTORY)

    def _on_preview_clicked(self) -> None:
        self.preview_requested.emit(
            self.kind.currentData(),
            self.district.currentData(),
            self.large_print.isChecked(),
            self.discreet.isChecked(),
        )

    def clear(self) -> None:
        """Nothing personal is typed on this page, but large print and the discreet wording
        were chosen for the person at the desk: they go (as on the person's sheet). The
        handout and the district are the desk's choices and stay."""
        self.large_print.setChecked(False)
        self.discreet.setChecked(False)
