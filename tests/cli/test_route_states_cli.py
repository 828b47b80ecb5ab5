"""Route states through the command line (issue 34): `print sheet` prints a service's
confirmed route and never its unconfirmed one (read back with poppler), and `directory
search --json` carries every route's state, the unconfirmed ones too, for the worker."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli
from tests.content.test_route_states import (
    CONFIRMED_CONTACT,
    SERVICE,
    UNCONFIRMED_CONTACT,
    UNCONFIRMED_TEXT,
    bundle,
)
from tests.support.pdf_tools import pdf_text
from victim_champion.content.directory_loader import adopt_directory_bundle

SWALE = ("--district", "Swale", "--need", "domestic-abuse")


@pytest.fixture
def adopted() -> Iterator[None]:
    try:
        assert adopt_directory_bundle({"services.json": json.dumps(bundle())}) is None
        yield
    finally:
        adopt_directory_bundle(None)


def test_print_sheet_prints_only_the_confirmed_route(
    cli: InProcessCli, tmp_path: Path, adopted: None
) -> None:
    out = tmp_path / "sheet.pdf"
    printed = cli("print", "sheet", *SWALE, "--service", SERVICE, "--out", str(out))
    assert printed.code == 0, printed.err
    text = " ".join(pdf_text(out.read_bytes(), tmp_path).split())
    assert "Example Swale Refuge" in text and CONFIRMED_CONTACT in text
    assert UNCONFIRMED_CONTACT not in text and UNCONFIRMED_TEXT not in text


def test_print_sheet_refuses_an_unconfirmed_route_on_the_card(
    cli: InProcessCli, tmp_path: Path, adopted: None
) -> None:
    out = tmp_path / "card.pdf"
    card = ("--discreet", "--route", "example-swale-text", "--out", str(out))
    printed = cli("print", "sheet", *SWALE, "--service", SERVICE, *card)
    assert printed.code != 0 and "no route 'example-swale-text'" in printed.err
    assert not out.exists()


def test_directory_search_json_carries_each_route_state(cli: InProcessCli, adopted: None) -> None:
    found = cli("directory", "search", *SWALE, "--json")
    assert found.code == 0, found.err
    document = found.json()
    [service] = [s for s in document["services"] if s["id"] == SERVICE]
    assert [(r["contact"], r["state"]) for r in service["routes"]] == [
        (CONFIRMED_CONTACT, "confirmed"),
        (UNCONFIRMED_CONTACT, "unconfirmed"),
        (UNCONFIRMED_TEXT, "unconfirmed"),
    ]
    assert {r["state"] for r in document["routes"]} == {"confirmed"}  # what every sheet carries
