"""Official translated leaflets, signed into the "leaflets" bundle (issue 34, item 4).

Each publication makes a new signed bundle holding every current leaflet: the ones already
published, with this one added, or replacing the one in its language. It goes to laptops as
every other bundle does (hub/api/bundles.py): a down item announces it and the laptop fetches
it, checks the signature with the key it pinned at enrolment, and keeps it in its store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from victim_champion.core.leaflet_bundle import (
    KIND,
    LeafletError,
    bundle_files,
    make_leaflet,
    read_index,
)
from victim_champion.hub.api import bundles
from victim_champion.hub.storage.signing_keys import HubKey


@dataclass(frozen=True)
class Published:
    """What a publication did: the bundle's version, whether a leaflet in that language was
    replaced, and how many leaflets and bytes of PDF the bundle now holds."""

    version: str
    replaced: bool
    count: int
    total_bytes: int


def publish_leaflet(
    engine: Engine, key: HubKey, path: Path, language: str, title: str, source: str, day: str
) -> Published:
    """Check the PDF and its details, then sign and publish the new leaflets bundle.
    bundles.BundleError (one sentence) if anything is wrong; nothing is published then."""
    try:
        if not path.is_file():
            raise LeafletError(f"{path} does not exist")
        if path.stat().st_size > 64 * 1024 * 1024:  # not read at all: far past any limit
            raise LeafletError("the file is far larger than a leaflet may be")
        data = path.read_bytes()
        leaflet = make_leaflet(data, language, title, source, day)
        latest = bundles.latest(engine, KIND)
        held = dict(latest["document"]["files"]) if latest else None
        held_languages = {entry.language for entry in read_index(held)} if held else set()
        files = bundle_files(held, leaflet, data)
        version = str(int(latest["document"]["version"]) + 1) if latest else "1"
    except LeafletError as error:
        raise bundles.BundleError(str(error)) from None
    bundles.publish(engine, key, {"kind": KIND, "version": version, "files": files})
    index = read_index(files)
    return Published(
        version,
        leaflet.language in held_languages,
        len(index),
        sum(entry.size for entry in index),
    )
