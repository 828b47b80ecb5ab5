"""Official translated leaflets, signed into the "leaflets" bundle (issue 34, item 4).

Each publication makes a new signed bundle holding every current leaflet: the ones already
published, with this one added, or replacing the one in its language. It goes to laptops as
every other bundle does (hub/api/bundles.py): a down item announces it and the laptop fetches
it, checks the signature with the key it pinned at enrolment, and keeps it in its store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from victim_champion.core.leaflet_bundle import (
    KIND,
    Leaflet,
    LeafletError,
    bundle_files,
    make_leaflet,
    read_index,
)
from victim_champion.hub.api import bundles
from victim_champion.hub.storage.signing_keys import HubKey

# hub/editorial/change_log.record, passed in by the caller: the publication's audit line is written
# in the transaction that publishes the bundle. Passed, not imported, because hub/editorial
# publishes through hub/api and imports between them go one way only.
Recorder = Callable[[Connection, str, str, str, str], None]  # actor, action, subject, detail
ACTION = "publish-leaflet"


@dataclass(frozen=True)
class Published:
    """What a publication did: the bundle's version, whether a leaflet in that language was
    replaced, and how many leaflets and bytes of PDF the bundle now holds."""

    version: str
    replaced: bool
    count: int
    total_bytes: int


def held_leaflets(engine: Engine) -> list[Leaflet]:
    """The leaflets in the newest published bundle (none before the first)."""
    latest = bundles.latest(engine, KIND)
    return read_index(dict(latest["document"]["files"])) if latest else []


def publish_leaflet(
    engine: Engine,
    key: HubKey,
    path: Path,
    language: str,
    title: str,
    source: str,
    day: str,
    actor: str,
    record: Recorder,
) -> Published:
    """Check the PDF and its details, then sign and publish the new leaflets bundle, with
    the audit line (``actor``: a dashboard username, or "cli"). bundles.BundleError (one
    sentence) if anything is wrong; nothing is published then."""
    try:
        if not path.is_file():
            raise LeafletError(f"{path} does not exist")
        if path.stat().st_size > 64 * 1024 * 1024:  # not read at all: far past any limit
            raise LeafletError("the file is far larger than a leaflet may be")
        data = path.read_bytes()
    except LeafletError as error:
        raise bundles.BundleError(str(error)) from None
    return publish_leaflet_data(engine, key, data, language, title, source, day, actor, record)


def publish_leaflet_data(
    engine: Engine,
    key: HubKey,
    data: bytes,
    language: str,
    title: str,
    source: str,
    day: str,
    actor: str,
    record: Recorder,
) -> Published:
    """publish_leaflet for a PDF already read (an upload from the dashboard)."""
    try:
        leaflet = make_leaflet(data, language, title, source, day)
        latest = bundles.latest(engine, KIND)
        held = dict(latest["document"]["files"]) if latest else None
        held_languages = {entry.language for entry in read_index(held)} if held else set()
        files = bundle_files(held, leaflet, data)
        version = str(int(latest["document"]["version"]) + 1) if latest else "1"
    except LeafletError as error:
        raise bundles.BundleError(str(error)) from None
    detail = (
        f"{leaflet.title} ({leaflet.source}, dated {leaflet.date}); {leaflet.size} bytes, "
        f"sha256 {leaflet.sha256}"
        + ("; replaces the one before" if leaflet.language in held_languages else "")
    )
    bundles.publish(
        engine,
        key,
        {"kind": KIND, "version": version, "files": files},
        lambda connection: record(
            connection, actor, ACTION, f"leaflets {version}: {leaflet.language}", detail
        ),
    )
    index = read_index(files)
    return Published(
        version,
        leaflet.language in held_languages,
        len(index),
        sum(entry.size for entry in index),
    )


@dataclass(frozen=True)
class LeafletDesk:
    """Leaflet publishing for the dashboard's upload page (hub/dashboard/leaflet_upload.py),
    handed to it by create_app: hub/dashboard may not import hub/api, which includes it."""

    engine: Engine
    key: HubKey

    def held(self) -> list[Leaflet]:
        return held_leaflets(self.engine)

    def publish(
        self,
        data: bytes,
        fields: tuple[str, str, str, str],
        actor: str,
        record: Recorder,
    ) -> Published:
        """``fields``: language, title, source, date. LeafletError (one sentence) if refused."""
        language, title, source, day = fields
        try:
            return publish_leaflet_data(
                self.engine, self.key, data, language, title, source, day, actor, record
            )
        except bundles.BundleError as error:
            raise LeafletError(str(error)) from None
