"""Load the code behind the passphrase while the unlock screen waits for it.

The pages and controllers of the work area are imported only when they are first needed
(ShellWindow.build_work_area, ShellController._ensure_built), so the unlock screen comes
up sooner. Left at that, the first unlock would pay for those imports. Instead, once the
window is first painted, this loads them one module per turn of the loop, leaves first,
so that no single step holds the loop for more than a few milliseconds: a key press,
above all the quick exit, is still handled at once (ui/first_paint.py says why not
sooner).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from victim_champion.ui.first_paint import after_first_paint
from victim_champion.ui.work_area_registry import PAGES

# Leaves first: each step then imports one module whose own imports are mostly loaded.
# The pages and their controllers come from the registry, so a new page is warmed too.
LEAVES = (
    "victim_champion.core.audit",
    "victim_champion.core.device_policy",
    "victim_champion.operations.profile_admin",
    "victim_champion.core.suppression",
    "victim_champion.core.report_facts",
    "victim_champion.core.reporting",
    "victim_champion.core.attendees",
    "victim_champion.core.attendee_csv",
    "victim_champion.core.course",
    "victim_champion.core.directory",
    "victim_champion.content.directory_loader",
    "victim_champion.operations.training",
    "victim_champion.operations.signposting_desk",
    "victim_champion.ui.widgets.bar_chart",
    "victim_champion.ui.widgets.report_panel",
    "victim_champion.ui.screens.kiosk_screen",
    "victim_champion.ui.dialogs.quick_reference_dialog",
    "victim_champion.ui.dialogs.settings_dialog",
    "victim_champion.ui.controllers.printing_controller",
)
MODULES = LEAVES + tuple(module for entry in PAGES for module in entry.modules)


def warm_up(modules: Sequence[str] = MODULES, after_painting: QWidget | None = None) -> None:
    """Import ``modules`` one per turn of the event loop, starting once ``after_painting``
    (the main window) is first painted, or once the loop runs if there is none."""
    pending = list(modules)

    def step() -> None:
        if pending:
            importlib.import_module(pending.pop(0))
            QTimer.singleShot(0, step)

    if after_painting is None:
        QTimer.singleShot(0, step)
    else:
        after_first_paint(after_painting, step)
