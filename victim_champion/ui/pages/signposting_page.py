"""The Compass Point conversation: needs first, then services with reasons, then a sheet.

Every field is optional except the district. The page shows and forwards; the decisions
are in CompassPointController.

Laid out for a 1280x720 laptop: what the person said on the left, what fits on the right
in tabs (services, lines to call, records), and the desk's actions in the footer the
shell keeps in view, with the status line just above them. The page is shorter than the
shell's scroll area, so nothing scrolls but the lists themselves: the wheel over the
services moves only the services.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.directory import DISCREET_NEEDS, Directory
from victim_champion.core.signposting import Match, Person
from victim_champion.operations import reference_data
from victim_champion.ui.widgets.directory_date import DirectoryDate
from victim_champion.ui.widgets.flow_layout import FlowLayout
from victim_champion.ui.widgets.form_widgets import button, label, speak
from victim_champion.ui.widgets.signposting_parts import (
    LESS_OBVIOUS,
    SheetOptions,
    choice_combo,
    match_item,
    route_text,
    status_line,
    wrapped_list,
)

AGE_BANDS = (
    ("Not said", None),
    ("Under 18", "under-18"),
    ("18 to 64", "18-64"),
    ("65 or over", "65+"),
)
GENDERS = (("Not said", None), ("Woman", "woman"), ("Man", "man"), ("Other", "other"))
REPORTED = (("Not said", None), ("Yes", True), ("No", False))
REFER = "Refer with consent\u2026"
NOT_ENROLLED = "Refer: enrol this laptop first (Sync page)"


class SignpostingPage(QWidget):
    """Needs checklist and about-the-person fields; results with reasons; actions."""

    search_requested = Signal()
    keep_requested = Signal()
    sheet_requested = Signal()
    refer_requested = Signal()
    next_requested = Signal()
    forget_requested = Signal(str)
    withdraw_requested = Signal(str)
    conversation_changed = Signal()  # what the record or the card would carry changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(16, 12, 16, 8)
        columns.setSpacing(16)
        left = QScrollArea()  # scrolls by itself only on a screen smaller than 1280x720
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.about_panel = QWidget()
        left.setWidget(self.about_panel)
        self._left = left
        columns.addWidget(left, 0)
        self._build_needs(QVBoxLayout(self.about_panel))
        # As wide as its content: never cut off at the side (a taller font scrolls it).
        left.setMinimumWidth(
            self.about_panel.sizeHint().width() + left.verticalScrollBar().sizeHint().width()
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("About the person, what fits, lines, sheet and records")
        self.tabs.tabBar().setAccessibleName("Signposting tabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its tab bar is the stop on Tab
        columns.addWidget(self.tabs, 1)
        self._build_tabs()
        self._build_footer()
        for combo in (self.district, self.reported):
            combo.currentIndexChanged.connect(self.conversation_changed)
        for each in (self.lgbt, self.gender):
            signal = each.toggled if isinstance(each, QCheckBox) else each.currentIndexChanged
            signal.connect(self.conversation_changed)
        self.discreet.toggled.connect(self._on_discreet_toggled)
        self.results.itemChanged.connect(lambda _: self.conversation_changed.emit())

    def _build_needs(self, layout: QVBoxLayout) -> None:
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(label("Find support", "heading"))
        district = QFormLayout()
        self.district = QComboBox()
        self.district.setAccessibleName("District (required)")
        for each in reference_data.districts():
            self.district.addItem(each.name, each.id)
        district.addRow("District", self.district)
        layout.addLayout(district)
        layout.addWidget(label("What would help now?", "subheading"))
        layout.addWidget(label("Needs matter, not the type of crime.", "hint"))
        self.need_boxes: dict[str, QCheckBox] = {}
        for need in reference_data.needs():
            box = QCheckBox(need.label)
            speak(box)
            if need.id in DISCREET_NEEDS:  # may mean danger at home
                box.toggled.connect(self._suggest_discreet)
            box.toggled.connect(self.conversation_changed)
            self.need_boxes[need.id] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def _about_tab(self) -> QWidget:
        """What the person chose to say about themselves: all optional."""
        tab = QWidget()
        form = QFormLayout(tab)
        form.setContentsMargins(12, 12, 12, 12)
        form.addRow(label("Only if the person says; it helps find who supports them.", "hint"))
        self.age = choice_combo("Age band", AGE_BANDS)
        self.gender = choice_combo("Gender", GENDERS)
        self.reported = choice_combo("Reported to the police?", REPORTED)
        self.language = QLineEdit()
        self.language.setAccessibleName("Language, if not English")
        self.lgbt = QCheckBox("LGBT+")
        speak(self.lgbt)
        self.disability = QCheckBox("Disabled")
        speak(self.disability)
        for caption, widget in (
            ("Age", self.age),
            ("Gender", self.gender),
            ("Reported?", self.reported),
            ("Language", self.language),
            ("", self.lgbt),
            ("", self.disability),
        ):
            form.addRow(caption, widget)
        return tab

    def _build_tabs(self) -> None:
        self.tabs.addTab(self._about_tab(), "Person")
        self.tabs.setTabToolTip(0, "About the person: only what they choose to say")
        self.results = wrapped_list(
            "Services that fit, with the reasons: tick the ones you talk through"
        )
        self.results.setMinimumHeight(120)
        self.tabs.addTab(self.results, "Services")
        self.routes = wrapped_list("Lines that can help now, one a line")
        self.tabs.addTab(self.routes, "Lines")
        self.sheet = SheetOptions()
        self.sheet_name, self.large_print = self.sheet.name, self.sheet.large_print
        self.discreet, self.card = self.sheet.discreet, self.sheet.card
        self.tabs.addTab(self.sheet, "Sheet")
        records_tab = QWidget()
        box = QVBoxLayout(records_tab)
        box.setContentsMargins(8, 8, 8, 8)
        self.records = wrapped_list("Records on this laptop")
        box.addWidget(self.records, 1)
        actions = QHBoxLayout()
        self.forget_button = button(
            "Forget this person\u2026", "Forget this person: the chosen record"
        )
        self.forget_button.clicked.connect(self._on_forget_clicked)
        self.withdraw_button = button(
            "Withdraw consent\u2026", "Withdraw consent: for the chosen record"
        )
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        actions.addWidget(self.forget_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        box.addLayout(actions)
        self.tabs.addTab(records_tab, "Records")
        self._records_tab = records_tab

    def _build_footer(self) -> None:
        # The desk's actions sit in a footer the shell keeps in view under the page, with
        # the status line just above them, where the eye already is. Their order is the
        # conversation's: find what fits, print the sheet the person takes away, refer
        # with their consent, keep the record, and only then clear for the next person;
        # keeping no longer clears, and clearing asks if nothing was kept.
        self.footer = QWidget()
        self.footer.setObjectName("page-footer")
        column = QVBoxLayout(self.footer)
        column.setContentsMargins(16, 4, 16, 8)
        column.setSpacing(4)
        self.directory_date = DirectoryDate(compact=True)  # the edition; a warning when old
        self.message = status_line()
        column.addWidget(self.directory_date.stale)  # a whole line, only when it is old
        status = QHBoxLayout()  # the edition beside the status line: no taller at 1280x720
        status.addWidget(self.message, 1)
        status.addWidget(self.directory_date, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(status)
        actions = FlowLayout()
        column.addLayout(actions)
        self.find_button = button("Find support", "Find support", role="primary")
        self.sheet_button = button("Print sheet\u2026", "Print the person's sheet")
        self.refer_button = button(REFER, "Refer with consent")
        self.keep_button = button("Keep the record", "Keep the anonymous record", role="primary")
        self.next_button = button("Next person", "Next person: clear the form")
        for each, signal in (
            (self.find_button, self.search_requested),
            (self.sheet_button, self.sheet_requested),
            (self.refer_button, self.refer_requested),
            (self.keep_button, self.keep_requested),
            (self.next_button, self.next_requested),
        ):
            each.clicked.connect(signal)
            actions.addWidget(each)

    def person(self) -> Person:
        """What the worker entered."""
        return Person(
            district_id=str(self.district.currentData()),
            needs=frozenset(n for n, box in self.need_boxes.items() if box.isChecked()),
            age_band=self.age.currentData(),
            gender=self.gender.currentData(),
            lgbt=self.lgbt.isChecked(),
            disability=self.disability.isChecked(),
            language=self.language.text().strip() or None,
            reported=self.reported.currentData(),
        )

    def groups(self) -> tuple[str, ...]:
        """The person's own answers that lines are for: "lgbt", "men"."""
        chosen = ("lgbt",) if self.lgbt.isChecked() else ()
        return chosen + (("men",) if self.gender.currentData() == "man" else ())

    def snapshot(self) -> tuple[object, ...]:
        """What a kept record holds (district, needs, services given, reported)."""
        person = self.person()
        return (
            person.district_id,
            tuple(sorted(person.needs)),
            tuple(self.chosen_service_ids()),
            person.reported,
        )

    def has_conversation(self) -> bool:
        """True once anything about a person is on screen."""
        return bool(self.person().needs or self.results.count() or self.chosen_service_ids())

    def show_matches(self, matches: list[Match], directory: Directory) -> None:
        """List the services, none ticked: the worker ticks the ones talked through. Each
        shows what it does, why it fits (what is not known, too) and how to reach it; the
        lines for the needs ticked go in their own tab, one a line."""
        self.results.blockSignals(True)
        self.results.clear()
        for match in matches:
            self.results.addItem(match_item(match, directory))
        self.results.blockSignals(False)
        self.tabs.setTabText(1, f"Services ({len(matches)})")
        self.directory_date.refresh(directory)
        self.routes.clear()
        needs = self.person().needs
        lines = directory.routes_for(needs)
        for route in [r for r in lines if r.kind == "need"] + [
            r for r in lines if r.kind != "need"
        ]:
            self.routes.addItem(route_text(route))
        self.tabs.setTabText(2, f"Lines ({len(lines)})")
        self.tabs.setCurrentIndex(1)
        self.conversation_changed.emit()

    def routes_text(self) -> str:
        """Every line on the Lines tab, one a line."""
        return "\n".join(self.routes.item(i).text() for i in range(self.routes.count()))

    def chosen_service_ids(self) -> list[str]:
        """The ticked services, in their ranked order."""
        return [
            str(self.results.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.results.count())
            if self.results.item(i).checkState() == Qt.CheckState.Checked
        ]

    def show_records(self, rows: list[tuple[str, str]]) -> None:
        """(record id, one-line description without names) for each record kept."""
        chosen = self.chosen_record()
        self.records.clear()
        for record_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.records.addItem(item)
            if record_id == chosen:
                self.records.setCurrentItem(item)
        index = self.tabs.indexOf(self._records_tab)
        self.tabs.setTabText(index, f"Records ({len(rows)})")

    def chosen_record(self) -> str | None:
        """The record chosen in the list, if any."""
        item = self.records.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def set_kept(self, kept: bool) -> None:
        """Say on the Keep button whether the conversation on screen is kept as it is."""
        self.keep_button.setText("Record kept" if kept else "Keep the record")
        speak(
            self.keep_button,
            "Record kept: nothing changed since" if kept else "Keep the anonymous record",
        )

    def set_referral_readiness(self, enrolled: bool) -> None:
        """Before anything is typed, the Refer button says if this laptop cannot refer."""
        if enrolled:
            self.refer_button.setText(REFER)
            speak(self.refer_button, "Refer with consent")
            self.refer_button.setAccessibleDescription("")
            self.refer_button.setToolTip("")
        else:
            self.refer_button.setText(NOT_ENROLLED)
            speak(self.refer_button)
            why = (
                "This laptop is not enrolled with Compass House, so a referral could not "
                "leave it; enrol it on the Sync page with the code Compass House gives."
            )
            self.refer_button.setAccessibleDescription(why)
            self.refer_button.setToolTip(why)

    def say(self, text: str, *, error: bool = False) -> None:
        """The status line above the buttons (announced to screen readers)."""
        self.message.say(text, error=error)

    def _on_forget_clicked(self) -> None:
        chosen = self.chosen_record()
        if chosen is None:
            self.say("Could not forget: choose the person's record in the list first.", error=True)
        else:
            self.forget_requested.emit(chosen)

    def _on_withdraw_clicked(self) -> None:
        chosen = self.chosen_record()
        if chosen is None:
            self.say(
                "Could not withdraw: choose the person's record in the list first.", error=True
            )
        else:
            self.withdraw_requested.emit(chosen)

    def _suggest_discreet(self, ticked: bool) -> None:
        """A need that may mean danger at home makes the discreet card the default."""
        if ticked:
            self.discreet.setChecked(True)

    def _on_discreet_toggled(self, ticked: bool) -> None:
        index = self.tabs.indexOf(self.sheet)
        self.tabs.setTabText(index, "Discreet card" if ticked else "Sheet")
        self.tabs.setTabToolTip(index, LESS_OBVIOUS if ticked else "The person's sheet")
        self.conversation_changed.emit()

    def choose_district(self, district_id: str | None) -> None:
        """Show the desk's own district (remembered per laptop)."""
        index = self.district.findData(district_id) if district_id else -1
        if index >= 0:
            self.district.setCurrentIndex(index)

    def clear_conversation(self) -> None:
        """Ready for the next person: everything about the last one goes; the desk's
        district and the records list stay."""
        self.results.clear()
        self.routes.clear()
        self.tabs.setTabText(1, "Services")
        self.tabs.setTabText(2, "Lines")
        self.tabs.setCurrentIndex(0)
        self.sheet.clear()
        self.language.setText("")
        for combo in (self.age, self.gender, self.reported):
            combo.setCurrentIndex(0)
        for box in (*self.need_boxes.values(), self.lgbt, self.disability):
            box.setChecked(False)
        self.set_kept(False)

    def clear(self) -> None:
        """Forget everything on screen (lock, quick exit)."""
        self.clear_conversation()
        self.records.clear()
        self.tabs.setTabText(self.tabs.indexOf(self._records_tab), "Records")
        self.message.setText("")
