"""The official translated leaflets this laptop holds: the signed "leaflets" bundle the hub
sent, checked with the hub's pinned key when it arrived and kept in the encrypted store
(issue 34, item 4). Each prints byte for byte as Compass House published it."""

from __future__ import annotations

from typing import Any

from victim_champion.core.errors import InvalidInputError
from victim_champion.core.leaflet_bundle import KIND, Leaflet, LeafletError, pdf_of, read_index
from victim_champion.operations.workspace import Workspace


def _files(workspace: Workspace) -> dict[str, Any] | None:
    from victim_champion.store.syncing.sync_local import StoreSyncLocal

    bundle = StoreSyncLocal(workspace.store).bundle(KIND)
    return dict(bundle[1]["files"]) if bundle else None


def leaflets_held(workspace: Workspace) -> list[Leaflet]:
    """The leaflets held, by language code; none before the first that a sync brought."""
    files = _files(workspace)
    try:
        return read_index(files) if files else []
    except LeafletError as error:
        raise InvalidInputError(f"The official leaflets cannot be read: {error}.") from None


def leaflet_pdf(workspace: Workspace, language: str) -> tuple[Leaflet, bytes]:
    """The leaflet in that language and its PDF, unchanged; one sentence if there is none."""
    files = _files(workspace)
    if not files:
        raise InvalidInputError(
            "This laptop holds no official leaflets yet; sync with the hub first."
        )
    held = leaflets_held(workspace)
    chosen = next((entry for entry in held if entry.language == language.strip().lower()), None)
    if chosen is None:
        languages = ", ".join(entry.language for entry in held)
        raise InvalidInputError(
            f"There is no official leaflet in '{language[:40]}'; this laptop holds: {languages}."
        )
    try:
        return chosen, pdf_of(files, chosen)
    except LeafletError as error:
        raise InvalidInputError(f"That leaflet cannot be printed: {error}.") from None
