"""Route states on the laptop (issue 34): a directory bundle may carry routes Compass House
has not confirmed yet. Paper (the sheet, the discreet card, the directory handout, their
web pages) carries only confirmed routes, read back from the real PDFs with poppler; a
route printed on every sheet must be confirmed, or the bundle is refused in one sentence
and the shipped edition stays in use.

The service and its numbers are synthetic (01632 960xxx is Ofcom's range for drama)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.pdf_tools import pdf_text
from victim_champion.content.directory_loader import (
    adopt_directory_bundle,
    current_directory,
    parse_directory,
    shipped_directory,
)
from victim_champion.content.reference_files import read_document
from victim_champion.core.directory_age import last_checked
from victim_champion.core.errors import InvalidInputError, ResourceError
from victim_champion.operations.printing import (
    HandoutKind,
    HandoutOptions,
    discreet_route_choices,
    print_handout,
    print_signposting_sheet,
)
from victim_champion.operations.web_pages import sheet_web_page_for

SERVICE = "example-swale-refuge"
CONFIRMED_CONTACT = "01632 960001"
UNCONFIRMED_CONTACT = "01632 960002"
UNCONFIRMED_TEXT = "01632 960003"
EVERY_SHEET = "a route printed on every sheet must be confirmed"


def _route(route_id: str, kind: str, contact: str, **more: Any) -> dict[str, Any]:
    return {
        "id": route_id,
        "kind": kind,
        "name": f"Example {route_id}",
        "contact": contact,
        "hours": "Monday to Friday, 9am to 5pm",
        "needs": [],
        "source": "synthetic test entry",
        "seen": "undated",
        "checked": "2026-11",
        "confirmed_by": "Compass House (test)",
        "discreet_name": "",
        "discreet_contact": "",
        **more,
    }


def bundle() -> dict[str, Any]:
    """The shipped directory plus one synthetic Swale service with a confirmed own route,
    an unconfirmed own route, and an unconfirmed line for domestic abuse that a discreet
    card could name (checked later than any confirmed route, to test the page's date)."""
    document = dict(read_document("directory", "services.json"))
    document["edition"], document["published"] = "2026-12.1", "2026-12-07"
    routes = [
        _route("example-swale-office", "service", CONFIRMED_CONTACT),
        _route(
            "example-swale-mobile",
            "service",
            UNCONFIRMED_CONTACT,
            state="unconfirmed",
            confirmed_by="",
            checked="2026-12",
        ),
        _route(
            "example-swale-text",
            "need",
            UNCONFIRMED_TEXT,
            needs=["domestic-abuse"],
            state="unconfirmed",
            confirmed_by="",
            discreet_name="Text line",
            discreet_contact=UNCONFIRMED_TEXT,
            checked="2026-12",
        ),
    ]
    service = {
        "id": SERVICE,
        "name": "Example Swale Refuge",
        "description": "A synthetic domestic abuse service for Swale, for tests.",
        "discreet_name": "Example support service",
        "discreet_description": "A synthetic service, for tests.",
        "needs": ["domestic-abuse", "feeling-safe"],
        "areas": ["swale"],
        "audience": [],
        "routes": [r["id"] for r in routes],
        "source": "synthetic test entry",
        "verified_on": None,
    }
    document["routes"] = [*document["routes"], *routes]
    document["services"] = [*document["services"], service]
    return document


@pytest.fixture
def adopted() -> Iterator[dict[str, Any]]:
    document = bundle()
    try:
        assert adopt_directory_bundle({"services.json": json.dumps(document)}) is None
        yield document
    finally:
        adopt_directory_bundle(None)


def refused(document: dict[str, Any]) -> str:
    try:
        problem = adopt_directory_bundle({"services.json": json.dumps(document)})
        assert current_directory() is shipped_directory()
    finally:
        adopt_directory_bundle(None)
    assert problem is not None and problem.endswith("so the installed directory is in use.")
    return problem


def with_route(document: dict[str, Any], route_id: str, **change: Any) -> dict[str, Any]:
    routes = [{**r, **change} if r["id"] == route_id else r for r in document["routes"]]
    return {**document, "routes": routes}


def test_a_route_without_a_state_is_confirmed_and_states_are_read() -> None:
    directory = parse_directory(bundle())
    assert all(r.confirmed for r in shipped_directory().routes)
    states = {r.id: r.state for r in directory.routes if r.id.startswith("example-")}
    assert states == {
        "example-swale-office": "confirmed",
        "example-swale-mobile": "unconfirmed",
        "example-swale-text": "unconfirmed",
    }
    [service] = [s for s in directory.services if s.id == SERVICE]
    assert [r.id for r in directory.own_routes(service)] == ["example-swale-office"]
    assert len(directory.own_routes(service, unconfirmed=True)) == 3
    assert directory.route("example-swale-mobile") is None  # what prints never finds it
    assert "example-swale-text" not in {r.id for r in directory.routes_for(["domestic-abuse"])}


@pytest.mark.parametrize(
    ("route_id", "change", "sentence"),
    [
        ("emergency", {"state": "unconfirmed"}, EVERY_SHEET),
        ("supportline", {"state": "unconfirmed", "confirmed_by": ""}, EVERY_SHEET),
        ("rape-crisis-line", {"state": "unconfirmed"}, EVERY_SHEET),  # always_with_need
        ("example-swale-office", {"state": "withdrawn"}, "a withdrawn route is left out"),
        ("example-swale-office", {"state": "maybe"}, "'state' must be confirmed or unconfirmed"),
        ("example-swale-office", {"confirmed_by": ""}, "'confirmed_by' must be text, not empty"),
        ("example-swale-office", {"needs": ["domestic-abuse"]}, "others name none"),
    ],
)
def test_a_bundle_that_would_print_an_unconfirmed_route_is_refused_in_one_sentence(
    route_id: str, change: dict[str, Any], sentence: str
) -> None:
    problem = refused(with_route(bundle(), route_id, **change))
    assert sentence in problem and f"route '{route_id}'" in problem
    assert problem.count(". ") == 0  # one sentence


def test_the_sheet_prints_the_confirmed_route_and_never_the_unconfirmed_one(
    adopted: dict[str, Any], tmp_path: Path
) -> None:
    pdf = print_signposting_sheet(
        "swale", ["domestic-abuse"], [SERVICE], options=HandoutOptions("swale")
    )
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Example Swale Refuge" in text and CONFIRMED_CONTACT in text
    assert UNCONFIRMED_CONTACT not in text and UNCONFIRMED_TEXT not in text
    # The page's "last checked" counts the routes it prints: November, not December.
    assert "These lines were last checked in November 2026." in text
    page = sheet_web_page_for(
        "swale", ["domestic-abuse"], [SERVICE], options=HandoutOptions("swale")
    )
    assert CONFIRMED_CONTACT in page and UNCONFIRMED_CONTACT not in page
    assert UNCONFIRMED_TEXT not in page


def test_the_directory_handout_prints_only_the_confirmed_route(
    adopted: dict[str, Any], tmp_path: Path
) -> None:
    pdf = print_handout(HandoutKind.DIRECTORY, HandoutOptions("swale"))
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Example Swale Refuge" in text and CONFIRMED_CONTACT in text
    assert UNCONFIRMED_CONTACT not in text and UNCONFIRMED_TEXT not in text


def test_the_discreet_card_never_offers_or_prints_an_unconfirmed_route(
    adopted: dict[str, Any], tmp_path: Path
) -> None:
    offered = {c.id for c in discreet_route_choices("swale", ["domestic-abuse"], [SERVICE])}
    assert "example-swale-text" not in offered
    with pytest.raises(InvalidInputError, match="no route 'example-swale-text'"):
        print_signposting_sheet(
            "swale",
            ["domestic-abuse"],
            [SERVICE],
            options=HandoutOptions("swale", discreet=True),
            route_ids=["example-swale-text"],
        )
    card = print_signposting_sheet(
        "swale", ["domestic-abuse"], [SERVICE], options=HandoutOptions("swale", discreet=True)
    )
    assert UNCONFIRMED_TEXT not in pdf_text(card, tmp_path)


def test_last_checked_counts_confirmed_routes_only() -> None:
    directory = parse_directory(bundle())
    assert last_checked(directory.routes) == (2026, 11)
    unconfirmed = [r for r in directory.routes if not r.confirmed]
    assert unconfirmed and last_checked(unconfirmed) is None


def test_an_unconfirmed_route_with_no_confirmer_is_accepted_but_a_confirmed_one_is_not() -> None:
    document = with_route(bundle(), "example-swale-mobile", confirmed_by="")
    assert parse_directory(document).route("example-swale-mobile") is None
    with pytest.raises(ResourceError, match="'confirmed_by'"):
        parse_directory(with_route(document, "example-swale-mobile", state="confirmed"))
