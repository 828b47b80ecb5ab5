"""Import a sign-up list: pick the CSV from a plain list of the ones in Downloads,
Documents and the Desktop (newest first), or type its path (``~`` works); see what the
import would do; then import.

Qt's own file dialog remembers recent folders and files in its settings; this list is
read afresh each time and remembers nothing.

Two steps, one button. Choosing a file checks it (off the GUI thread, nothing written) and
shows a preview: how many are new, how many are already on the register, and each bad row
with its reason. The button then says what it will do ("Import 3 people"). Columns are
matched automatically for Eventbrite, Microsoft Forms, Google Forms and hand-made sheets;
when no name column can be found, or the trainer asks, a column-matching step lists the
file's own headings for each register field. A failure keeps the dialog, the path and the
choices, with the reason underneath.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.attendee_csv import FIELDS
from victim_champion.operations.languages import messages
from victim_champion.operations.register_import import ImportPreview
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label, message_label

MAX_LISTED = 30
MAX_BAD_ROWS_SHOWN = 6
NOT_USED = "(not in this file)"
_PLACES = (
    QStandardPaths.StandardLocation.DownloadLocation,
    QStandardPaths.StandardLocation.DocumentsLocation,
    QStandardPaths.StandardLocation.DesktopLocation,
)


def csv_files_nearby() -> list[Path]:
    """The CSV files in the usual folders (not their subfolders), newest first."""
    found: dict[Path, float] = {}
    for place in _PLACES:
        folder = QStandardPaths.writableLocation(place)
        if not folder or not Path(folder).is_dir():
            continue
        for path in Path(folder).glob("*.csv"):
            try:
                found[path] = path.stat().st_mtime
            except OSError:
                continue
    return sorted(found, key=lambda p: found[p], reverse=True)[:MAX_LISTED]


def preview_text(preview: ImportPreview) -> str:
    """The counts and the columns read."""
    plan = preview.plan
    lines = [preview.summary]
    matched = [f"{heading} \u2192 {dict(FIELDS)[f].lower()}" for f, heading in plan.matched.items()]
    if matched:
        lines.append("Columns read: " + "; ".join(matched) + ".")
    return "\n".join(lines)


def bad_rows_text(preview: ImportPreview) -> str:
    """The bad rows with their reasons (shown as an error), or "" when there are none."""
    errors = preview.plan.errors
    lines = [
        f"Line {line} is left out: {problem}." for line, problem in errors[:MAX_BAD_ROWS_SHOWN]
    ]
    if len(errors) > MAX_BAD_ROWS_SHOWN:
        more = len(errors) - MAX_BAD_ROWS_SHOWN
        lines.append(messages().plural("import.more_bad_rows", more))
    return "\n".join(lines)


class ImportDialog(SafeDialog):
    """Emits ``check_requested(path, columns, include_duplicates)`` and then
    ``import_requested(path, columns, include_duplicates)``; ``columns`` is None or the
    matches made by hand (field -> heading). The controller answers with
    ``show_preview``, ``ask_for_columns`` or ``show_problem``."""

    check_requested = Signal(str, object, bool)
    import_requested = Signal(str, object, bool)

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle("Import a sign-up list")
        self.preview: ImportPreview | None = None
        self._hand_matched = False
        layout = QVBoxLayout(self)
        layout.addWidget(label("Import a sign-up list", "subheading"))
        layout.addWidget(label("CSV files in Downloads, Documents and the Desktop", "hint"))
        self.files = QListWidget()
        self.files.setAccessibleName("CSV files found, newest first")
        self.files.setMaximumHeight(110)
        self._listed = csv_files_nearby()
        for path in self._listed:
            self.files.addItem(f"{path.name}  ({path.parent.name})")
        self.files.currentRowChanged.connect(self._on_file_chosen)
        layout.addWidget(self.files)
        layout.addWidget(label("Or type the file's path", "hint"))
        self.path = QLineEdit()
        self.path.setAccessibleName("CSV file")
        self.path.setPlaceholderText("~/Downloads/sign-up.csv")
        self.path.setMinimumWidth(520)
        # Enter is the dialog's default button: it checks a file not yet checked (or
        # edited since), and imports once the preview is on screen.
        self.path.textEdited.connect(lambda _: self._forget_preview())
        layout.addWidget(self.path)
        self.match_button = button("Match columns\u2026", "Choose which column holds what")
        self.match_button.clicked.connect(self._show_matching)
        layout.addWidget(self.match_button)
        self.matching = QWidget()
        grid = QGridLayout(self.matching)
        grid.setContentsMargins(0, 0, 0, 0)
        self.column_choices: dict[str, QComboBox] = {}
        for index, (field, caption) in enumerate(FIELDS):
            choice = QComboBox()
            choice.setAccessibleName(f"Column for {caption.lower()}")
            choice.currentIndexChanged.connect(self._matched_by_hand)
            self.column_choices[field] = choice
            caption_label = QLabel(caption)  # one line: a wrapped caption overlapped its box
            caption_label.setBuddy(choice)
            grid.addWidget(caption_label, index // 2, (index % 2) * 2)
            grid.addWidget(choice, index // 2, (index % 2) * 2 + 1)
        self.matching.hide()
        layout.addWidget(self.matching)
        self.include_duplicates = QCheckBox("Add people already on the register again")
        self.include_duplicates.setAccessibleName("Add people already on the register again")
        self.include_duplicates.toggled.connect(lambda _: self._check_again())
        layout.addWidget(self.include_duplicates)
        self.summary = label("", "success")
        self.summary.setAccessibleDescription("What the import would do")
        self.summary.hide()
        layout.addWidget(self.summary)
        self.bad_rows = message_label("error")
        self.bad_rows.setAccessibleDescription("Rows the import leaves out")
        self.bad_rows.hide()
        layout.addWidget(self.bad_rows)
        self.message = message_label("error")
        self.message.hide()
        layout.addWidget(self.message)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = button("Check the file", "Check the file", role="primary")
        self.ok_button.clicked.connect(self._on_ok_clicked)
        layout.addLayout(self.button_row(self.cancel_button, self.ok_button))

    # ------------------------------------------------------------------ the two steps

    def _chosen_path(self) -> str | None:
        typed = self.path.text().strip()
        if not typed:
            self.show_problem("Choose a file from the list, or type its path.")
            return None
        return str(Path(typed).expanduser())

    def _columns(self) -> dict[str, str] | None:
        """The matches made by hand, or None to match automatically."""
        if not self._hand_matched:
            return None
        return {
            field: choice.currentText() if choice.currentIndex() > 0 else ""
            for field, choice in self.column_choices.items()
        }

    def _on_file_chosen(self, row: int) -> None:
        if 0 <= row < len(self._listed):
            self.path.setText(str(self._listed[row]))
            self._reset_matching()
            self._check()

    def _on_ok_clicked(self) -> None:
        if self.preview is None:
            self._check()
            return
        path = self._chosen_path()
        if path is not None:
            self._busy()
            self.import_requested.emit(path, self._columns(), self.include_duplicates.isChecked())

    def _check(self) -> None:
        path = self._chosen_path()
        if path is not None:
            self._busy()
            self.check_requested.emit(path, self._columns(), self.include_duplicates.isChecked())

    def _grow(self) -> None:
        """Make room for what just appeared (the preview or the matching step), still
        inside the screen."""
        self.adjustSize()
        self._fit_on_screen()

    def _show_matching(self) -> None:
        """Show the column-matching step (checking the file first, for its headings)."""
        self.matching.show()
        self._grow()
        if not self.column_choices["name"].count() and self.path.text().strip():
            self._check()

    def _check_again(self) -> None:
        if self.preview is not None:
            self._check()

    def _busy(self) -> None:
        self.message.hide()
        self.ok_button.setEnabled(False)

    def _forget_preview(self) -> None:
        """The file or the matching changed: the preview no longer holds."""
        self.preview = None
        self.summary.hide()
        self.bad_rows.hide()
        self.ok_button.setText("Check the file")
        self.ok_button.setEnabled(True)

    def _reset_matching(self) -> None:
        self._hand_matched = False
        self.matching.hide()
        for choice in self.column_choices.values():
            choice.blockSignals(True)
            choice.clear()
            choice.blockSignals(False)

    # ------------------------------------------------------------------ answers

    def show_preview(self, preview: ImportPreview) -> None:
        """What the import would do; the button now imports the new people."""
        self._fill_choices(preview.plan.headers, preview.plan.matched)
        self.message.hide()
        self.summary.setText(preview_text(preview))
        self.summary.show()
        bad_rows = bad_rows_text(preview)
        self.bad_rows.show_status(bad_rows, error=True)
        self.bad_rows.setVisible(bool(bad_rows))
        self.preview = preview
        count = len(preview.new)
        self.ok_button.setText(
            "Nothing new to import" if not count else messages().plural("import.button", count)
        )
        self.ok_button.setEnabled(count > 0)
        self._grow()

    def ask_for_columns(self, headings: list[str], text: str) -> None:
        """No name column was found: show the file's headings for each field."""
        self._fill_choices(headings, {})
        self.matching.show()
        self.show_problem(text)
        self._grow()
        self.column_choices["name"].setFocus()

    def show_problem(self, text: str) -> None:
        """Why it did not check or import; the path and choices stay, ready to fix."""
        self.preview = None
        self.summary.hide()
        self.bad_rows.hide()
        self.ok_button.setText("Check the file")
        self.ok_button.setEnabled(True)
        self.message.show_status(text, error=True)

    def _fill_choices(self, headings: list[str], matched: dict[str, str]) -> None:
        """Offer the file's headings for each field, showing the current matches."""
        for field, choice in self.column_choices.items():
            wanted = choice.currentText() if self._hand_matched else matched.get(field, "")
            choice.blockSignals(True)
            choice.clear()
            choice.addItems([NOT_USED, *[h for h in headings if h]])
            found = choice.findText(wanted) if wanted else 0
            choice.setCurrentIndex(max(found, 0))
            choice.blockSignals(False)

    def _matched_by_hand(self, _index: int) -> None:
        """A heading chosen by hand: it wins over the automatic match from now on."""
        self._hand_matched = True
        self._forget_preview()
