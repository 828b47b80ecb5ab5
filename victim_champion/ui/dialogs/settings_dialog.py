"""Profile settings: how long the laptop may sit idle before it locks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget

from victim_champion.core.settings import IDLE_LOCK_MAX, IDLE_LOCK_MIN, ProfileSettings
from victim_champion.ui.dialogs.safe_dialog import SafeDialog
from victim_champion.ui.widgets.form_widgets import button, label


class SettingsDialog(SafeDialog):
    """Edits ProfileSettings; ``result_settings`` holds the choice after Save."""

    def __init__(
        self,
        current: ProfileSettings,
        quick_exit: Callable[[], None],
        parent: QWidget | None = None,
        change_passphrase: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(quick_exit, parent)
        self.setWindowTitle("Settings")
        self.result_settings: ProfileSettings | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(label("Settings", "heading"))
        layout.addWidget(label("Lock the laptop after this many seconds without use", "subheading"))
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(IDLE_LOCK_MIN, IDLE_LOCK_MAX)
        self.idle_lock.setSingleStep(30)
        self.idle_lock.setSuffix(" seconds")
        self.idle_lock.setValue(current.idle_lock_seconds)
        self.idle_lock.setAccessibleName("Idle lock, in seconds")
        layout.addWidget(self.idle_lock)
        layout.addWidget(
            label(
                f"Between {IDLE_LOCK_MIN} and {IDLE_LOCK_MAX} seconds. Shorter is safer at a "
                "busy desk; longer suits a trainer at the front of a hall.",
                "hint",
            )
        )
        layout.addWidget(label("Your passphrase", "subheading"))
        self.passphrase_button = button("Change passphrase...", "Change your passphrase")
        if change_passphrase is not None:
            self.passphrase_button.clicked.connect(change_passphrase)
        layout.addWidget(self.passphrase_button)
        self.cancel_button = button("Cancel", "Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = button("Save", "Save settings", role="primary")
        self.save_button.clicked.connect(self._save)
        layout.addLayout(self.button_row(self.cancel_button, self.save_button))

    def _save(self) -> None:
        self.result_settings = ProfileSettings(idle_lock_seconds=self.idle_lock.value())
        self.accept()
