"""Signed content bundles (course material, services directory) published by the hub.

A bundle is a JSON document {kind, version, published, files: {relative path: text}}.
The hub signs its canonical bytes, so its kind, version and date are signed too. Laptops
check the signature against the hub key pinned at enrolment before using anything in it,
so nobody can slip in a fake helpline number, and refuse a bundle of the wrong kind or one
not newer than theirs (sync/shared/binding.py), so nobody can bring back an old one.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from victim_champion.core.wire_kinds import DownItemKind
from victim_champion.hub.api.exchange import add_down_item
from victim_champion.hub.storage.signing_keys import HubKey
from victim_champion.hub.storage.tables import bundles
from victim_champion.sync.shared.protocol import b64, canonical_json
from victim_champion.sync.shared.signatures import sign

KINDS = ("course", "directory")
SERVED_KINDS = (*KINDS, "leaflets")  # leaflets are published by hub/api/leaflet_publishing.py
MAX_BUNDLE_BYTES = 4 * 1024 * 1024


class BundleError(Exception):
    """A bundle that cannot be published; the text is the reason."""


def read_bundle(kind: str, path: Path) -> dict[str, Any]:
    """Collect the files of a course folder or a directory JSON file into a bundle."""
    if kind not in KINDS:
        raise BundleError(f"the kind must be one of: {', '.join(KINDS)}")
    files: dict[str, str] = {}
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            files[file.relative_to(path).as_posix()] = file.read_text("utf-8")
    elif path.is_file():
        files[path.name] = path.read_text("utf-8")
    else:
        raise BundleError(f"{path} does not exist")
    if sum(len(text) for text in files.values()) > MAX_BUNDLE_BYTES:
        raise BundleError("the bundle is larger than 4 MB")
    version = _version(kind, files)
    if kind == "directory":
        _check_directory(files)
    else:
        _check_course(files)
    return {"kind": kind, "version": version, "files": files}


def _check_course(files: dict[str, str]) -> None:
    """A course is checked as the laptops will check it before it is signed: every module,
    the timings, and the Victims' Code it carries (victims_code.toml, whose edition must be
    course.toml's code_edition). A laptop would refuse any other, so none is published."""
    from victim_champion.content.course_loader import course_from_files
    from victim_champion.core.errors import CourseContentError

    try:
        course_from_files(files)
    except CourseContentError as error:
        raise BundleError(error.message.rstrip(".")) from None


def _check_directory(files: dict[str, str]) -> None:
    """A directory is checked as the laptops will check it before it is signed: every
    route with its source and dates, every audience claim with its source."""
    from victim_champion.content.directory_loader import parse_directory
    from victim_champion.core.errors import ResourceError

    try:
        parse_directory(json.loads(next(iter(files.values()))))
    except ResourceError as error:
        raise BundleError(error.message.rstrip(".")) from None


def _version(kind: str, files: dict[str, str]) -> str:
    try:
        if kind == "directory":
            document = json.loads(next(iter(files.values())))
            return str(document["edition"])
        return str(tomllib.loads(files["course.toml"])["version"])
    except (KeyError, ValueError, StopIteration, tomllib.TOMLDecodeError):
        raise BundleError(
            "the bundle has no version (directory: 'edition'; course: course.toml 'version')"
        ) from None


def publish(
    engine: Engine,
    key: HubKey,
    document: dict[str, Any],
    audit: Callable[[Connection], None] | None = None,
) -> str:
    """Sign and store a bundle, dated now, and tell every device it exists. Returns its
    version. ``audit`` writes the audit line in the same transaction."""
    document = {**document, "published": datetime.now(UTC).isoformat(timespec="seconds")}
    signature = b64(sign(key.private_key, canonical_json(document)))
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(bundles).values(
                    kind=document["kind"],
                    version=document["version"],
                    content=canonical_json(document).decode(),
                    signature=signature,
                    published_at=datetime.now(UTC),
                )
            )
            add_down_item(
                connection,
                DownItemKind.BUNDLE,
                {"kind": document["kind"], "version": document["version"]},
            )
            if audit is not None:
                audit(connection)
    except IntegrityError:
        raise BundleError(
            f"{document['kind']} version {document['version']} is already published; "
            "give the new content a new version"
        ) from None
    return str(document["version"])


def latest(engine: Engine, kind: str) -> dict[str, Any] | None:
    """The newest published bundle of a kind, with its signature."""
    with engine.begin() as connection:
        row = connection.execute(
            select(bundles).where(bundles.c.kind == kind).order_by(bundles.c.id.desc()).limit(1)
        ).first()
    if row is None:
        return None
    return {"document": json.loads(row.content), "signature": row.signature}
