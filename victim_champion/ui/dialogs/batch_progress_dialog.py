"""Progress of a batch (30 certificates, say) with a Cancel button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QProgressBar, QWidget

from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label


class BatchProgressDialog(SafeDialog):
    """Shows done/total; the caller connects Cancel to the batch it started."""

    def __init__(
        self,
        title: str,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(quick_exit, parent)
        layout = self.titled_layout(title)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progress")
        self.bar.setRange(0, 0)
        self.bar.setMinimumWidth(380)
        layout.addWidget(self.bar)
        self.detail = label("Starting\u2026", "hint")
        layout.addWidget(self.detail)
        self.cancel_button = button("Cancel", "Cancel printing")
        self.cancel_button.clicked.connect(self.reject)
        layout.addLayout(self.button_row(self.cancel_button))

    def show_progress(self, done: int, total: int) -> None:
        """Move the bar."""
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        from victim_champion.operations.languages import messages

        self.detail.setText(messages().plural("print.pages_ready", total, done=done))
