"""The services directory: validated on load; every route to help confirmed on a public page
with its source and dates; nothing unknown claimed as known; a broken bundle refused."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from victim_champion.content.directory_loader import (
    adopt_directory_bundle,
    current_directory,
    load_needs,
    parse_directory,
    shipped_directory,
)
from victim_champion.content.district_loader import load_districts
from victim_champion.content.reference_files import read_document
from victim_champion.core.directory import DISCREET_NEEDS
from victim_champion.core.errors import ResourceError

CONTACTS = (REPO / "docs" / "reference" / "CONTACTS.md").read_text(encoding="utf-8")
CONFIRMED, NOT_CONFIRMED = CONTACTS.split("## Rules for the data")[0].split("## Not confirmed")
PHONE = re.compile(r"\d[\d ]{2,}\d")
ADDRESS = re.compile(r"[a-z0-9.-]+\.(?:org\.uk|co\.uk|gov\.uk|police\.uk|org|uk)\b")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.fixture
def document() -> dict[str, object]:
    return read_document("directory", "services.json")


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "resources"
    shutil.copytree(REPO / "resources", copy)
    monkeypatch.setenv("VC_RESOURCES", str(copy))
    for loader in (shipped_directory, load_needs, load_districts):
        loader.cache_clear()
    yield copy
    for loader in (shipped_directory, load_needs, load_districts):
        loader.cache_clear()


def test_every_route_is_one_confirmed_on_a_public_page_with_its_source() -> None:
    directory = shipped_directory()
    confirmed_numbers = {_digits(n) for n in PHONE.findall(CONFIRMED)}
    refused_numbers = {_digits(n) for n in PHONE.findall(NOT_CONFIRMED)}
    # Kent's own domestic abuse line: two pages disagree, so it is not printed (the other
    # page's number is the Supportline's, which is).
    refused_numbers.add("08081689276")
    assert len(directory.routes) >= 15
    for route in directory.routes:
        assert route.source and route.seen and route.checked == "2026-11", route.id
        numbers = PHONE.findall(route.contact) + PHONE.findall(route.discreet_contact)
        for number in numbers:
            digits = _digits(number)
            if len(digits) >= 3:
                assert digits in confirmed_numbers, (route.id, number)
                assert digits not in refused_numbers, (route.id, number)
        for address in ADDRESS.findall(route.contact):
            assert address in CONFIRMED, (route.id, address)
    kinds = {r.id: r.kind for r in directory.routes}
    for needed in ("emergency", "emergency-bsl", "police-101", "supportline"):
        assert needed in kinds


def test_routes_on_every_sheet_come_first_and_need_lines_follow_the_needs() -> None:
    directory = shipped_directory()
    everyone = [r.id for r in directory.routes_for([])]
    assert everyone[:1] == ["emergency"] and "supportline" in everyone
    assert "samaritans" not in everyone
    abuse = [r.id for r in directory.routes_for(["domestic-abuse"])]
    assert "national-helpline" in abuse and "karma-nirvana" not in abuse
    # Lines for a group only when the person said so: Galop could out someone.
    assert not {"mens-advice-line", "galop"} & set(abuse)
    lgbt = [r.id for r in directory.routes_for(["domestic-abuse"], groups=["lgbt"])]
    men = [r.id for r in directory.routes_for(["domestic-abuse"], groups=["men"])]
    assert "galop" in lgbt and "mens-advice-line" not in lgbt
    assert "mens-advice-line" in men and "galop" not in men
    honour = [r.id for r in directory.routes_for(["honour-based-abuse"])]
    assert "karma-nirvana" in honour
    sexual = [r.id for r in directory.routes_for(["sexual-violence"])]
    assert {"rape-crisis-line", "beech-house"} <= set(sexual)
    assert "stalking-helpline" in [r.id for r in directory.routes_for(["stalking"])]
    assert "report-fraud" in [r.id for r in directory.routes_for(["fraud"])]
    # A discreet page carries the 24-hour routes and only the routes chosen.
    plain = [r.id for r in directory.routes_for(["domestic-abuse"], discreet=True)]
    assert plain == everyone
    chosen = ["kent-domestic-abuse-directory", "rape-crisis-line"]
    picked = [r.id for r in directory.routes_for([], discreet=True, chosen=chosen)]
    assert picked == [*everyone, "rape-crisis-line"]  # one with no neutral label is left off


def test_the_new_needs_are_there_in_the_persons_words() -> None:
    needs = {n.id: n for n in load_needs()}
    assert needs["fraud"].label == "Fraud or a scam"
    for need in ("stalking", "honour-based-abuse"):
        assert needs[need].discreet_label and needs[need].label != needs[need].discreet_label
    assert set(needs) >= DISCREET_NEEDS


def test_emergency_routes_are_24_hours_and_only_24_hour_routes_say_any_time() -> None:
    directory = shipped_directory()
    for route in directory.routes:
        if route.kind == "emergency":
            assert route.any_time and route.hours, route.id
        if route.any_time:
            assert re.search(r"24|any time", route.hours), route.id
    weekday = [r.id for r in directory.routes if "Mon" in r.hours or not r.hours]
    assert weekday and not [r for r in weekday if directory.route(r).any_time]  # type: ignore[union-attr]


def test_an_emergency_route_without_24_hour_hours_is_refused(document: dict[str, object]) -> None:
    routes = document["routes"]
    assert isinstance(routes, list)
    textphone = next(i for i, r in enumerate(routes) if r["id"] == "emergency-textphone")
    for change in ({"hours": ""}, {"any_time": False}):
        broken = [*routes]
        broken[textphone] = {**routes[textphone], **change}
        with pytest.raises(ResourceError, match="emergency route must be open 24 hours"):
            parse_directory({**document, "routes": broken})
    broken = [*routes]
    broken[textphone] = {**routes[textphone], "kind": "need", "needs": ["stalking"]}
    broken[textphone]["audience"] = "everyone-else"
    with pytest.raises(ResourceError, match="'audience' must be a known group"):
        parse_directory({**document, "routes": broken})


def test_unknown_is_not_yes_every_audience_claim_has_a_source(
    document: dict[str, object],
) -> None:
    services = document["services"]
    assert isinstance(services, list)
    for raw in services:
        assert "for" not in raw  # the old lgbt/disability "true" for everyone is gone
        for claim in raw["audience"]:
            assert claim["source"].strip(), raw["id"]
    directory = shipped_directory()
    assert all(s.languages is None and s.ages is None for s in directory.services)
    davss = next(s for s in directory.services if s.id == "davss")
    assert davss.areas is None and davss.covers("medway")
    assert davss.claims("men") is not None and davss.claims("lgbt") is None


def test_an_audience_claim_without_a_source_is_refused(resources: Path) -> None:
    path = resources / "directory" / "services.json"
    document = json.loads(path.read_text())
    document["services"][0]["audience"] = [{"group": "lgbt", "says": "supports LGBT+ people"}]
    path.write_text(json.dumps(document))
    with pytest.raises(ResourceError, match="'source' must be text"):
        shipped_directory()


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"needs": ["time-travel"]}, "unknown need 'time-travel'"),
        ({"areas": ["narnia"]}, "unknown area"),
        ({"verified_on": "yesterday"}, "verified_on must be YYYY-MM-DD"),
        ({"name": 42}, "'name' must be text"),
        ({"routes": ["no-such-route"]}, "names an unknown route"),
    ],
)
def test_a_broken_entry_is_named_with_what_is_wrong(
    document: dict[str, object], changes: dict[str, object], problem: str
) -> None:
    services = document["services"]
    assert isinstance(services, list)
    services[0] = {**services[0], **changes}
    with pytest.raises(ResourceError, match=problem) as raised:
        parse_directory(document)
    assert "victim-support-kent" in str(raised.value)


def test_a_route_without_its_source_is_refused(document: dict[str, object]) -> None:
    routes = document["routes"]
    assert isinstance(routes, list)
    routes[0] = {**routes[0], "source": ""}
    with pytest.raises(ResourceError, match="route 'emergency': 'source'"):
        parse_directory(document)


def test_a_signed_bundle_is_used_and_a_broken_one_leaves_the_shipped_edition(
    document: dict[str, object],
) -> None:
    newer = {**document, "edition": "2027-01", "published": "2027-01-15"}
    try:
        assert adopt_directory_bundle({"services.json": json.dumps(newer)}) is None
        assert current_directory().edition == "2027-01"
        assert "published 15 January 2027" in current_directory().edition_text
        broken = {**document, "routes": [{"id": "x"}]}
        problem = adopt_directory_bundle({"services.json": json.dumps(broken)})
        assert problem is not None and problem.endswith("so the installed directory is in use.")
        assert current_directory() is shipped_directory()
    finally:
        adopt_directory_bundle(None)
