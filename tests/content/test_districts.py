"""The shipped districts list: all of Kent's districts plus Medway, and clear faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from victim_champion.content.district_loader import load_districts
from victim_champion.core.errors import ResourceError

KENT = {
    "Ashford",
    "Canterbury",
    "Dartford",
    "Dover",
    "Folkestone and Hythe",
    "Gravesham",
    "Maidstone",
    "Sevenoaks",
    "Swale",
    "Thanet",
    "Tonbridge and Malling",
    "Tunbridge Wells",
}


def test_the_shipped_list_has_the_twelve_kent_districts_and_medway() -> None:
    districts = load_districts().districts
    assert {d.name for d in districts if d.kind == "district"} == KENT
    assert [d.name for d in districts if d.kind == "unitary"] == ["Medway"]


def test_a_broken_districts_file_is_a_clear_resource_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "districts.json").write_text('{"districts": [{"id": "x"}]}')
    monkeypatch.setenv("VC_RESOURCES", str(tmp_path))
    load_districts.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"districts\.json"):
            load_districts()
    finally:
        load_districts.cache_clear()
