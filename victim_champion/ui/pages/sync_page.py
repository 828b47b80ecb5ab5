"""The sync panel: where the records stand with Compass House, and how to send them now."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from victim_champion.operations.languages import messages
from victim_champion.ui.widgets.form_widgets import button, label, message_label


class SyncPage(QWidget):
    """Shows last sync, records waiting, progress and rejected records; forwards intent."""

    sync_requested = Signal()
    enrol_requested = Signal(str, str, str)  # hub address, code, CA file path ("" if none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(label("Sync with Compass House", "heading"))
        self.status = label("", "hint")
        self.status.setAccessibleDescription("Sync status")
        layout.addWidget(self.status)
        self.last_sync = label("Last successful sync: never")
        self.waiting = label("Waiting to go: 0 records")
        layout.addWidget(self.last_sync)
        layout.addWidget(self.waiting)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Sync progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = message_label("hint")
        self.message.setAccessibleDescription("Sync message")
        layout.addWidget(self.message)
        self.sync_button = button("Sync now", "Sync now", role="primary")
        self.sync_button.clicked.connect(self.sync_requested)
        layout.addWidget(self.sync_button)

        self.enrol_panel = QFrame()
        form = QFormLayout(self.enrol_panel)
        form.addRow(label("Enrol this laptop", "subheading"))
        form.addRow(label("Ask the hub admin at Compass House for a one-time code.", "hint"))
        self.hub_address = QLineEdit()
        self.hub_address.setAccessibleName("Hub address")
        self.hub_address.setPlaceholderText("https://hub.example")
        form.addRow("Hub address", self.hub_address)
        self.enrol_code = QLineEdit()
        self.enrol_code.setAccessibleName("Enrolment code")
        self.enrol_code.setPlaceholderText("ABCD-EFGH-JKLM")
        form.addRow("Code", self.enrol_code)
        # A typed path, not Qt's file dialog, which remembers recent files (no traces).
        self.enrol_ca_file = QLineEdit()
        self.enrol_ca_file.setAccessibleName("CA certificate file, only if Compass House gave one")
        self.enrol_ca_file.setPlaceholderText(
            "Only if Compass House gave you one, e.g. D:\\hub-ca.pem"
        )
        form.addRow("CA certificate file", self.enrol_ca_file)
        self.enrol_button = button("Enrol", "Enrol this laptop", role="primary")
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        form.addRow("", self.enrol_button)
        layout.addWidget(self.enrol_panel)

        layout.addWidget(label("Records the hub refused", "subheading"))
        self.rejected = QListWidget()
        self.rejected.setAccessibleName("Records the hub refused, with reasons")
        layout.addWidget(self.rejected, 1)

    def _on_enrol_clicked(self) -> None:
        self.enrol_requested.emit(
            self.hub_address.text().strip(),
            self.enrol_code.text().strip(),
            self.enrol_ca_file.text().strip(),
        )

    def show_state(
        self, hub: str | None, last: datetime | None, waiting: int, rejected: list[tuple[int, str]]
    ) -> None:
        """Refresh the panel from the store's sync state."""
        self.status.setText(
            f"Enrolled with {hub}."
            if hub
            else "Not enrolled yet: records are kept safely on this laptop."
        )
        self.enrol_panel.setVisible(hub is None)
        self.sync_button.setEnabled(hub is not None)
        when = last.astimezone().strftime("%a %d %b %Y, %H:%M") if last else "never"
        self.last_sync.setText(f"Last successful sync: {when}")
        self.waiting.setText(messages().plural("sync.waiting", waiting))
        self.rejected.clear()
        for seq, reason in rejected:
            self.rejected.addItem(f"Record {seq}: {reason}")

    def set_busy(self, busy: bool) -> None:
        """While a sync runs."""
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.sync_button.setEnabled(not busy)

    def show_progress(self, done: int, total: int) -> None:
        """Move the bar."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def say(self, text: str, *, error: bool = False) -> None:
        """One sentence about the last attempt: a result, or an error (shown as one)."""
        self.message.show_status(text, error=error)

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.rejected.clear()
        self.message.clear()
        self.enrol_code.clear()
        self.enrol_ca_file.clear()
