"""Content bundles carry their kind, version and date inside what the hub signs, and a
laptop applies only a newer one of the kind it asked for (issue 15, item 2).

Each refusal below is of a bundle genuinely signed by the hub, brought back by someone
with access to the hub's database: an older version, the version already in use, and a
course signed as a course but served as the directory. Each is refused with its reason,
and the laptop keeps what it has."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hub.conftest import Laptop
from tests.support.hub_process import HubProcess
from victim_champion.core.sync_errors import BundleRefusedError

SERVICES = REPO / "resources" / "directory" / "services.json"


def _publish_edition(hub: HubProcess, tmp_path: Path, edition: str) -> None:
    data = json.loads(SERVICES.read_text())
    data["edition"] = edition
    changed = tmp_path / f"{edition}.json"
    changed.write_text(json.dumps(data))
    assert "Not published" not in hub.admin("publish", "directory", str(changed))


def _serve_as_latest(hub: HubProcess, old_id: int, announced: str) -> None:
    """Serve an earlier signed bundle as the newest directory, and announce a new one."""
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    content, signature = database.execute(
        "SELECT content, signature FROM bundles WHERE id = ?", (old_id,)
    ).fetchone()
    now = datetime.now(UTC).isoformat()
    database.execute(
        "INSERT INTO bundles (kind, version, content, signature, published_at) "
        "VALUES ('directory', ?, ?, ?, ?)",
        (announced, content, signature, now),
    )
    database.execute(
        "INSERT INTO down_items (device_id, kind, payload, created_at) "
        "VALUES (NULL, 'bundle', ?, ?)",
        (json.dumps({"kind": "directory", "version": announced}), now),
    )
    database.commit()
    database.close()


def _bundle_ids(hub: HubProcess) -> dict[str, int]:
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    rows = database.execute("SELECT version, id FROM bundles").fetchall()
    database.close()
    return dict(rows)


def test_a_bundle_says_its_kind_version_and_date_and_only_a_newer_one_is_applied(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    _publish_edition(hub, tmp_path, "2026-11")
    laptop.client().run_once()
    _publish_edition(hub, tmp_path, "2026-12")
    assert "Not published" not in hub.admin("publish", "course", str(REPO / "resources/course"))
    laptop.client().run_once()
    version, document = laptop.local.bundle("directory") or ("", {})
    assert version == "2026-12" and document["kind"] == "directory"
    datetime.fromisoformat(document["published"])  # signed with the rest of the document
    in_use = laptop.local.bundle("directory")
    ids = _bundle_ids(hub)
    course_toml = (REPO / "resources/course/course.toml").read_text(encoding="utf-8")
    course_version = tomllib.loads(course_toml)["version"]

    cases = [
        (ids["2026-11"], "2026-13", "version 2026-11 is older than version 2026-12 in use"),
        (ids["2026-12"], "2026-14", "version 2026-12 is already in use"),
        (ids[course_version], "2026-15", "it is a course bundle, not a directory one"),
    ]
    for old_id, announced, reason in cases:
        _serve_as_latest(hub, old_id, announced)
        with pytest.raises(BundleRefusedError) as raised:
            laptop.client().run_once()
        assert reason in raised.value.message, raised.value.message
        assert "the current one is still in use" in raised.value.message
        assert laptop.local.bundle("directory") == in_use
        database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
        database.execute("DELETE FROM down_items WHERE payload LIKE ?", (f"%{announced}%",))
        database.commit()
        database.close()
