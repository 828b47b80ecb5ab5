"""The Handouts page: what to print is chosen there; the printing controller previews it."""

from __future__ import annotations

from PySide6.QtCore import QObject

from victim_champion.operations.workspace import Workspace
from victim_champion.ui.work_area_registry import PageContext


class HandoutsController(QObject):
    """Forwards the page's preview requests to the shared printing controller."""

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self._printing = context.printing
        self._workspace: Workspace | None = None
        context.page.preview_requested.connect(context.printing.preview_handout)
        context.page.materials_requested.connect(self._preview_materials)

    def attach(self, workspace: Workspace) -> None:
        """Handouts hold no records; the workspace says which course is in use."""
        self._workspace = workspace

    def detach(self) -> None:
        """Nothing to forget but the workspace."""
        self._workspace = None

    def _preview_materials(self) -> None:
        """The materials of the course being taught (a newer one from Compass House if
        it arrived), built off the GUI thread."""
        from victim_champion.operations.printing import print_materials
        from victim_champion.operations.training import course_for

        workspace = self._workspace
        if workspace is None:
            return
        self._printing.preview_document(
            "Activity materials",
            lambda: print_materials(course=course_for(workspace)[0]),
            "activity-materials.pdf",
        )

    def shown(self, visible: bool) -> None:
        """Nothing to count when the page comes on screen."""
