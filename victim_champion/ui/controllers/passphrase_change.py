"""Settings, "Change passphrase": the dialog, and the worker that rewraps the key (never
the data). Lock and the quick exit close the dialog like any other."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from victim_champion.core.errors import message_for
from victim_champion.operations.workspace import ProfileGate
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.dialogs.message_dialog import MessageDialog

UNEXPECTED = "The passphrase could not be changed; try again, or restart the app."


def ask_for_new_passphrase(
    gate: ProfileGate, work: BackgroundWork, quick_exit: Callable[[], None], parent: QWidget
) -> None:
    """Open the change-passphrase dialog; on success, say the old one no longer opens."""
    from victim_champion.operations.staff_access import change_passphrase
    from victim_champion.ui.dialogs.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(quick_exit, parent)

    def changed(_: object) -> None:
        dialog.accept()
        MessageDialog(
            "Passphrase changed",
            "Use your new passphrase from now on; the old one no longer opens the data.",
            quick_exit,
            parent,
        ).open()

    dialog.change_requested.connect(
        lambda current, new: work.run(
            lambda: change_passphrase(gate, current, new),
            changed,
            lambda error: dialog.show_error(message_for(error, UNEXPECTED)),
        )
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
