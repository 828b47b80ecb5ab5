"""Choose where to save a PDF. Our own dialog, because Qt's file dialog remembers recent
folders and file names in its settings, and the app must leave no such trail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label, message_label


def default_folder() -> Path:
    """The user's Documents folder, or home if there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class SaveAsDialog(SafeDialog):
    """A path field with a sensible default; ``chosen_path`` is set on Save."""

    def __init__(
        self, suggested_name: str, quick_exit: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle("Save as")
        self.chosen_path: Path | None = None
        self._suffix = (Path(suggested_name).suffix or ".pdf").lower()
        layout = QVBoxLayout(self)
        layout.addWidget(label("Save a copy as a file", "subheading"))
        layout.addWidget(
            label(
                "Only save if you must: a saved file stays on this laptop "
                "until someone deletes it.",
                "hint",
            )
        )
        self.path = QLineEdit(str(default_folder() / suggested_name))
        self.path.setAccessibleName("File name and folder")
        self.path.setMinimumWidth(460)
        layout.addWidget(self.path)
        self.message = message_label("error")
        self.message.hide()
        layout.addWidget(self.message)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = button("Save", "Save the file", role="primary")
        self.save_button.clicked.connect(self._on_save_clicked)
        layout.addLayout(self.button_row(self.cancel_button, self.save_button))

    def _on_save_clicked(self) -> None:
        path = Path(self.path.text().strip()).expanduser()
        if path.suffix.lower() != self._suffix:  # a PDF stays a PDF, a web page .html
            path = path.with_suffix(self._suffix)
        if not path.parent.is_dir():
            self.message.show_status("That folder does not exist; choose another.", error=True)
            return
        if path.exists():
            self.message.show_status(
                "A file with that name exists; choose another name.", error=True
            )
            return
        self.chosen_path = path
        self.accept()
