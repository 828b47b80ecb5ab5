"""Import a sign-up list: pick the CSV from a plain list of the ones in Downloads,
Documents and the Desktop (newest first), or type its path (``~`` works).

Qt's own file dialog remembers recent folders and files in its settings; this list is
read afresh each time and remembers nothing. The dialog stays open when an import
fails, with the path still in it and the reason underneath, and says how many were
added when it works.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QVBoxLayout, QWidget

from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label

MAX_LISTED = 30
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


class ImportDialog(SafeDialog):
    """Emits ``import_requested(path, skip_bad, include_duplicates)``; the controller
    answers with ``finished_import`` (the sentence to show) or ``show_problem``."""

    import_requested = Signal(str, bool, bool)

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle("Import a sign-up list")
        layout = QVBoxLayout(self)
        layout.addWidget(label("Import a sign-up list", "subheading"))
        layout.addWidget(label("CSV files in Downloads, Documents and the Desktop", "hint"))
        self.files = QListWidget()
        self.files.setAccessibleName("CSV files found, newest first")
        self.files.setMaximumHeight(150)
        self._listed = csv_files_nearby()
        for path in self._listed:
            self.files.addItem(f"{path.name}  ({path.parent.name})")
        self.files.currentRowChanged.connect(self._on_file_chosen)
        self.files.itemActivated.connect(lambda _: self._on_import_clicked())
        layout.addWidget(self.files)
        layout.addWidget(label("Or type the file's path", "hint"))
        self.path = QLineEdit()
        self.path.setAccessibleName("CSV file")
        self.path.setPlaceholderText("~/Downloads/sign-up.csv")
        self.path.setMinimumWidth(420)
        self.path.returnPressed.connect(self._on_import_clicked)
        layout.addWidget(self.path)
        self.skip_bad = QCheckBox("Import the good rows even if some rows are wrong")
        self.skip_bad.setAccessibleName("Import the good rows even if some rows are wrong")
        layout.addWidget(self.skip_bad)
        self.include_duplicates = QCheckBox("Add people already on the register again")
        self.include_duplicates.setAccessibleName("Add people already on the register again")
        layout.addWidget(self.include_duplicates)
        layout.addWidget(
            label(
                "Exports from Eventbrite, Microsoft Forms and Google Forms are read as they "
                "are. Otherwise: name (or First Name and Last Name), and optionally email, "
                "phone, organisation, role, consent_contact (yes/no).",
                "hint",
            )
        )
        self.message = label("", "error")
        self.message.hide()
        layout.addWidget(self.message)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = button("Import", "Import the sign-up list", role="primary")
        self.ok_button.clicked.connect(self._on_import_clicked)
        layout.addLayout(self.button_row(self.cancel_button, self.ok_button))

    def _on_file_chosen(self, row: int) -> None:
        if 0 <= row < len(self._listed):
            self.path.setText(str(self._listed[row]))

    def _on_import_clicked(self) -> None:
        typed = self.path.text().strip()
        if not typed:
            self.show_problem("Choose a file from the list, or type its path.")
            return
        self.message.hide()
        self.ok_button.setEnabled(False)
        self.import_requested.emit(
            str(Path(typed).expanduser()),
            self.skip_bad.isChecked(),
            self.include_duplicates.isChecked(),
        )

    def show_problem(self, text: str) -> None:
        """Why it did not import; the path stays, ready to fix and try again."""
        self.ok_button.setEnabled(True)
        self.message.setText(text)
        self.message.show()
