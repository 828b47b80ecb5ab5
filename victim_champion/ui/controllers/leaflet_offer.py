"""The official leaflets a page offers (issue 34, item 4), for the Handouts page and the
Signposting desk alike: what this laptop holds, read off the GUI thread, listed in a
LeafletChoice; the chosen one previewed, printed and saved unchanged, exactly as Compass
House published it through the hub. Nothing here is machine-translated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject

from victim_champion.core.leaflet_bundle import Leaflet
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.pages.leaflet_choice import LeafletChoice


class LeafletOffer(QObject):
    """Keeps a LeafletChoice filled with the leaflets held, and previews the one asked for."""

    def __init__(
        self,
        choice: LeafletChoice,
        work: BackgroundWork,
        printing: Any,  # the shared PrintingController
    ) -> None:
        super().__init__()
        self.choice = choice
        self._work = work
        self._printing = printing
        self._workspace: Workspace | None = None
        choice.leaflet_requested.connect(self._preview)

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: list the leaflets this laptop holds."""
        self._workspace = workspace
        self.refresh()

    def detach(self) -> None:
        """Locked: nothing listed."""
        self._workspace = None
        self._show([])

    def refresh(self) -> None:
        """List them again (a sync may have brought new ones), off the GUI thread."""
        from victim_champion.operations.official_leaflets import leaflets_held

        workspace = self._workspace
        if workspace is not None:
            self._work.run(
                lambda: leaflets_held(workspace), self._show, lambda _error: self._show([])
            )

    def _show(self, held: Sequence[Leaflet]) -> None:
        self.choice.show_leaflets(held)

    def _preview(self, language: str) -> None:
        """The official leaflet in that language, previewed, printed and saved unchanged."""
        from victim_champion.operations.official_leaflets import leaflet_pdf

        workspace = self._workspace
        if workspace is None:
            return
        chosen = self.choice.chosen()
        self._printing.preview_document(
            f"Official leaflet: {chosen.title}" if chosen else "Official leaflet",
            lambda: leaflet_pdf(workspace, language)[1],
            f"official-leaflet-{language}.pdf",
        )
