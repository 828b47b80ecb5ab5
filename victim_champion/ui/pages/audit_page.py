"""The audit log for an admin: who did what to which kind of record, and when (no names)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QVBoxLayout, QWidget

from victim_champion.core.audit import AuditEvent
from victim_champion.ui.widgets.form_widgets import button, label


class AuditPage(QWidget):
    """Lists the newest audit events."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(label("Audit log", "heading"))
        layout.addWidget(
            label(
                "Every view, print, export and change of records, newest first. "
                "It holds no personal details.",
                "hint",
            )
        )
        self.events = QListWidget()
        self.events.setAccessibleName("Audit events")
        layout.addWidget(self.events, 1)
        self.refresh_button = button("Refresh", "Refresh the audit log")
        layout.addWidget(self.refresh_button)

    def show_events(self, events: list[AuditEvent]) -> None:
        """Show the events."""
        self.events.clear()
        self.events.addItems(
            [
                f"{e.at.astimezone():%d %b %Y %H:%M:%S}  {e.actor}  {e.action.value}  "
                f"{e.record_kind.value}" + (f"  {e.record_id[:8]}" if e.record_id else "")
                for e in events
            ]
        )

    def clear(self) -> None:
        """Forget the events shown (lock and quick exit)."""
        self.events.clear()
