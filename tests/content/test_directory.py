"""The services directory: validated on load, and never a contact detail without a check."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.errors import ResourceError


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "resources"
    shutil.copytree(REPO / "resources", copy)
    monkeypatch.setenv("VC_RESOURCES", str(copy))
    for loader in (load_directory, load_needs, load_districts):
        loader.cache_clear()
    yield copy
    for loader in (load_directory, load_needs, load_districts):
        loader.cache_clear()


def edit_first_service(resources: Path, **changes: object) -> None:
    path = resources / "directory" / "services.json"
    document = json.loads(path.read_text())
    document["services"][0].update(changes)
    path.write_text(json.dumps(document))


def test_the_shipped_directory_is_all_sample_with_sources_and_no_contact_details() -> None:
    services = load_directory()
    assert len(services) >= 10
    assert all(s.source and not s.is_verified and not s.contacts for s in services)


def test_a_phone_number_without_a_verification_date_is_refused(resources: Path) -> None:
    edit_first_service(resources, contacts=[{"kind": "phone", "value": "0800 000 0000"}])
    with pytest.raises(ResourceError, match="contact details need a verified_on date"):
        load_directory()


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"needs": ["time-travel"]}, "unknown need 'time-travel'"),
        ({"areas": ["narnia"]}, "unknown area 'narnia'"),
        ({"verified_on": "yesterday"}, "verified_on must be YYYY-MM-DD"),
        ({"name": 42}, "'name' is missing or is not a str"),
    ],
)
def test_a_broken_entry_is_named_with_what_is_wrong(
    resources: Path, changes: dict[str, object], problem: str
) -> None:
    edit_first_service(resources, **changes)
    with pytest.raises(ResourceError, match=problem) as raised:
        load_directory()
    assert "victim-support-kent" in str(raised.value)
