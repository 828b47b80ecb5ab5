"""The Compass Point conversation: needs first, then services with reasons, then a sheet.

Every field is optional except the district. The page shows and forwards; the decisions
are in CompassPointController.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from victim_champion.content.directory_loader import load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.directory import Directory
from victim_champion.core.signposting import Match, Person
from victim_champion.ui.widgets.flow_layout import FlowLayout
from victim_champion.ui.widgets.form_widgets import button, label, message_label, speak

AGE_BANDS = (
    ("Not said", None),
    ("Under 18", "under-18"),
    ("18 to 64", "18-64"),
    ("65 or over", "65+"),
)
GENDERS = (("Not said", None), ("Woman", "woman"), ("Man", "man"), ("Other", "other"))
REPORTED = (("Not said", None), ("Yes", True), ("No", False))
# Needs that can mean the person is not safe at home: the sheet goes discreet by default.
DISCREET_BY_DEFAULT = frozenset({"domestic-abuse", "sexual-violence", "exploitation"})


def _combo(name: str, choices: tuple[tuple[str, object], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


class SignpostingPage(QWidget):
    """Needs checklist and about-the-person fields; results with reasons; actions."""

    search_requested = Signal()
    keep_requested = Signal()
    sheet_requested = Signal()
    refer_requested = Signal()
    forget_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(label("Find support", "heading"))
        layout.addWidget(
            label(
                "Ask what would help now. Needs matter, not the type of crime. "
                "Only the district is required.",
                "hint",
            )
        )
        columns = FlowLayout(spacing=16)  # side by side when there is room, else stacked
        form = QFormLayout()
        self.district = QComboBox()
        self.district.setAccessibleName("District (required)")
        for district in load_districts().districts:
            self.district.addItem(district.name, district.id)
        form.addRow("District", self.district)
        self.age = _combo("Age band", AGE_BANDS)
        self.gender = _combo("Gender", GENDERS)
        self.reported = _combo("Reported to the police?", REPORTED)
        self.lgbt = QCheckBox("LGBT+")
        speak(self.lgbt)
        self.disability = QCheckBox("Disabled")
        speak(self.disability)
        self.language = QLineEdit()
        self.language.setAccessibleName("Language, if not English")
        for caption, widget in (
            ("Age", self.age),
            ("Gender", self.gender),
            ("Reported?", self.reported),
            ("", self.lgbt),
            ("", self.disability),
            ("Language", self.language),
        ):
            form.addRow(caption, widget)
        about = QWidget()
        about.setLayout(form)
        columns.addWidget(about)
        needs_box = QGridLayout()
        self.need_boxes: dict[str, QCheckBox] = {}
        for index, need in enumerate(load_needs()):
            box = QCheckBox(need.label)
            speak(box)
            if need.id in DISCREET_BY_DEFAULT:
                box.toggled.connect(self._suggest_discreet)
            self.need_boxes[need.id] = box
            needs_box.addWidget(box, index // 2, index % 2)
        needs = QWidget()
        needs.setLayout(needs_box)
        columns.addWidget(needs)
        layout.addLayout(columns)
        self.find_button = button("Find support", "Find support", role="primary")
        self.find_button.clicked.connect(self.search_requested)
        layout.addWidget(label("Services that fit (tick the ones you talk through)", "subheading"))
        self.results = QListWidget()
        self.results.setAccessibleName("Services that fit, with the reasons")
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(180)
        layout.addWidget(self.results, 5)
        self.routes = label("", "hint")
        self.routes.setAccessibleName("Lines that can help now")
        self.routes.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.routes)
        # The main actions sit in a footer the shell keeps in view under the scrolling
        # page: on a 1280x720 laptop they are never below the fold.
        self.footer = QWidget()
        self.footer.setObjectName("page-footer")
        actions = FlowLayout(self.footer)
        actions.setContentsMargins(24, 8, 24, 8)
        self.sheet_name = QLineEdit()
        self.sheet_name.setPlaceholderText("Name on the sheet (only if asked)")
        self.sheet_name.setAccessibleName("Name on the sheet, only if the person asks")
        self.large_print = QCheckBox("Large print")
        speak(self.large_print, "Large print sheet")
        self.discreet = QCheckBox("Discreet copy")
        speak(self.discreet, "Discreet copy: plain words on every page")
        self.discreet.setToolTip(
            "No 'victim', 'abuse' or 'violence' on any page, and a plain cover; ticked for "
            "you when domestic abuse, sexual violence or exploitation is ticked"
        )
        self.sheet_button = button("Print sheet\u2026", "Print the signposting sheet")
        self.keep_button = button("Keep the record", "Keep the anonymous record", role="primary")
        self.refer_button = button("Refer with consent\u2026", "Refer with consent")
        self.next_button = button("Next person", "Next person: clear the form")
        self.next_button.clicked.connect(self.clear_conversation)
        self.sheet_button.clicked.connect(self.sheet_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        self.refer_button.clicked.connect(self.refer_requested)
        for each in (
            self.find_button,
            self.sheet_name,
            self.large_print,
            self.discreet,
            self.sheet_button,
            self.keep_button,
            self.refer_button,
            self.next_button,
        ):
            actions.addWidget(each)
        self.message = message_label("success")
        self.message.setAccessibleDescription("Signposting message")
        layout.addWidget(self.message)
        layout.addWidget(label("Records on this laptop", "subheading"))
        self.records = QListWidget()
        self.records.setAccessibleName("Records on this laptop")
        self.records.setMaximumHeight(110)
        layout.addWidget(self.records, 1)
        self.forget_button = button(
            "Forget this person\u2026", "Forget this person: the chosen record"
        )
        self.forget_button.clicked.connect(self._on_forget_clicked)
        layout.addWidget(self.forget_button, 0, Qt.AlignmentFlag.AlignLeft)

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

    def show_matches(self, matches: list[Match], directory: Directory) -> None:
        """List the services, none ticked: the worker ticks the ones talked through. Each
        shows what it does, why it fits (what is not known, too) and how to reach it; under
        the list, the lines for the needs ticked."""
        self.results.clear()
        for match in matches:
            service = match.service
            flag = "" if match.verified else "   [Sample \u2014 check before use]"
            own = [r for r in map(directory.route, service.route_ids) if r is not None]
            reach = (
                "; ".join(f"{r.name}: {r.contact}" for r in own)
                if own
                else "Own contact details not confirmed yet"
            )
            lines = [f"{service.name}{flag}", f"   {service.description}"]
            lines += [f"   \u2013 {reason}" for reason in match.reasons]
            lines.append(f"   Contact: {reach}")
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.results.addItem(item)
        needs = self.person().needs
        lines = [f"{r.name}: {r.contact}" for r in directory.routes_for(needs) if r.kind == "need"]
        self.routes.setText(
            "Lines for these needs (on the sheet too): " + "; ".join(lines) + "."
            if lines
            else "Every sheet carries 999, 101 and the Supportline."
        )

    def chosen_service_ids(self) -> list[str]:
        """The ticked services, in their ranked order."""
        return [
            str(self.results.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.results.count())
            if self.results.item(i).checkState() == Qt.CheckState.Checked
        ]

    def show_records(self, rows: list[tuple[str, str]]) -> None:
        """(record id, one-line description without names) for each record kept."""
        self.records.clear()
        for record_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.records.addItem(item)

    def _on_forget_clicked(self) -> None:
        item = self.records.currentItem()
        if item is not None:
            self.forget_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _suggest_discreet(self, ticked: bool) -> None:
        """A need that may mean danger at home makes the discreet copy the default."""
        if ticked:
            self.discreet.setChecked(True)

    def choose_district(self, district_id: str | None) -> None:
        """Show the desk's own district (remembered per laptop)."""
        index = self.district.findData(district_id) if district_id else -1
        if index >= 0:
            self.district.setCurrentIndex(index)

    def clear_conversation(self) -> None:
        """Ready for the next person: everything about the last one goes; the desk's
        district and the records list stay."""
        self.results.clear()
        self.routes.setText("")
        self.sheet_name.setText("")
        self.language.setText("")
        for combo in (self.age, self.gender, self.reported):
            combo.setCurrentIndex(0)
        for box in (*self.need_boxes.values(), self.lgbt, self.disability):
            box.setChecked(False)
        self.large_print.setChecked(False)
        self.discreet.setChecked(False)

    def clear(self) -> None:
        """Forget everything on screen (lock, quick exit)."""
        self.clear_conversation()
        self.records.clear()
        self.message.setText("")
