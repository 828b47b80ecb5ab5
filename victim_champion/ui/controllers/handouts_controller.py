"""The Handouts page: what to print is chosen there; the printing controller previews it."""

from __future__ import annotations

from PySide6.QtCore import QObject

from victim_champion.operations.workspace import Workspace
from victim_champion.ui.work_area_registry import PageContext


class HandoutsController(QObject):
    """Forwards the page's preview request to the shared printing controller."""

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        context.page.preview_requested.connect(context.printing.preview_handout)

    def attach(self, workspace: Workspace) -> None:
        """Handouts hold no records: nothing to load."""

    def detach(self) -> None:
        """Nothing to forget."""

    def shown(self, visible: bool) -> None:
        """Nothing to count when the page comes on screen."""
