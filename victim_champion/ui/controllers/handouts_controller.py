"""The Handouts page: what to print is chosen there; the printing controller previews it.

The district starts at the desk's: the one the Compass Point desk last recorded in on this
laptop, read off the GUI thread when the records are opened and when the page is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from victim_champion.operations.workspace import Workspace
from victim_champion.ui.controllers.leaflet_offer import LeafletOffer
from victim_champion.ui.controllers.page_context import PageContext

if TYPE_CHECKING:
    from victim_champion.ui.pages.handouts_page import HandoutsPage


class HandoutsController(QObject):
    """Forwards the page's preview requests to the shared printing controller."""

    def __init__(self, context: PageContext[HandoutsPage]) -> None:
        super().__init__()
        self._printing = context.printing
        self._work = context.work
        self._page = context.page
        self._workspace: Workspace | None = None
        context.page.preview_requested.connect(context.printing.preview_handout)
        context.page.materials_requested.connect(self._preview_materials)
        context.page.next_steps_requested.connect(self._preview_next_steps)
        self.leaflets = LeafletOffer(context.page.leaflets, context.work, context.printing)

    def attach(self, workspace: Workspace) -> None:
        """Handouts hold no records; the workspace says which course is in use, and where
        the desk is."""
        self._workspace = workspace
        self._page.district_chosen_here = False
        self._show_desk_district()
        self.leaflets.attach(workspace)

    def detach(self) -> None:
        """Nothing to forget but the workspace."""
        self._workspace = None
        self.leaflets.detach()

    def _show_desk_district(self) -> None:
        from victim_champion.operations.signposting_desk import Signposting

        workspace = self._workspace
        if workspace is None:
            return
        self._work.run(
            lambda: Signposting(workspace).desk_district(),
            self._page.choose_district,
            lambda _error: None,  # not known: the list stays where it is
        )

    def _preview_materials(self) -> None:
        """The materials of the course being taught (a newer one from Compass House if
        it arrived), built off the GUI thread."""
        from victim_champion.operations.printing import print_materials
        from victim_champion.operations.training import course_for

        workspace = self._workspace
        if workspace is None:
            return
        language = self._printing.language  # the app's language, as for the handouts
        self._printing.preview_document(
            "Activity materials",
            lambda: print_materials(course=course_for(workspace)[0], language=language),
            "activity-materials.pdf",
        )

    def _preview_next_steps(self) -> None:
        """'Where to go next', handed to Victim Champions at the end of the course (public:
        no workspace needed), built off the GUI thread."""
        from victim_champion.operations.printing import print_next_steps

        self._printing.preview_document(
            "Where to go next (for Victim Champions)", print_next_steps, "where-to-go-next.pdf"
        )

    def shown(self, visible: bool) -> None:
        """On screen: the desk may have recorded in another district since."""
        if visible:
            self._show_desk_district()
            self.leaflets.refresh()  # a sync may have brought new ones
