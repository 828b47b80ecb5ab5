"""Importing KENT-SERVICES.md (this repository's copy, docs/reference/) onto the content
desk of a real hub database, SQLite and PostgreSQL (issue 34, item 3): only rows confirmed
on an official page (A or B, with no qualifier) start as confirmed; numbers already on the
desk are linked, not copied; areas are only the districts a row names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, edition
from victim_champion.hub.editorial.research_import import ImportSummary, import_research
from victim_champion.hub.editorial.research_tables import plan, tables
from victim_champion.hub.storage.engine import make_engine, upgrade

RESEARCH = Path(__file__).resolve().parents[2] / "docs/reference/KENT-SERVICES.md"
ACTOR = "research-editor"
# Written out here, apart from the code: what keeps a row from confirming its routes.
QUALIFIERS = ("X", "⚠", "C", "not found", "unverified", "weak", "do not print")


@pytest.fixture
def engine(hub_db_url: str) -> Engine:
    """A fresh hub database, on SQLite and on PostgreSQL (tests/hub/conftest.py)."""
    made = make_engine(hub_db_url)
    upgrade(made)
    return made


@pytest.fixture
def imported(engine: Engine) -> ImportSummary:
    return import_research(engine, RESEARCH.read_text("utf-8"), ACTOR)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def qualified(text: str) -> bool:
    words = re.sub(r"\*", "", text)
    return any(
        re.search(rf"\b{q}\b", words) if q in ("X", "C") else q in words.lower() or q in words
        for q in QUALIFIERS
    )


def cell(row: dict[str, str], start: str) -> str:
    return next((value for name, value in row.items() if name.startswith(start)), "")


def rows() -> list[dict[str, str]]:
    return [row for _, table in tables(RESEARCH.read_text("utf-8")) for row in table]


def test_the_counts(imported: ImportSummary, engine: Engine) -> None:
    assert imported.rows_left_out == 3  # economic crime care, Stop Hate UK, the 1b "not found"
    assert (imported.services_added, imported.services_updated) == (42, 5)
    assert (imported.routes_added, imported.confirmed, imported.unconfirmed) == (28, 14, 14)
    assert imported.routes_linked == 25
    research = [r for r in desk.list_routes(engine) if r.confirmed_by.startswith("KENT-")]
    assert sorted(r.id for r in research) == sorted(imported.confirmed_routes)
    assert edition.refusals(engine) == []  # a first edition the hub can publish


def known_hours(hours: str) -> str:
    """Hours that are only "not found" or "not stated" are unknown hours, not a doubt."""
    return "" if hours.strip().lower() in ("not found", "not stated") else hours


def test_every_confirmed_route_comes_from_an_a_or_b_row_with_no_qualifier(
    imported: ImportSummary, engine: Engine
) -> None:
    for route_id in imported.confirmed_routes:
        route = desk.get_route(engine, route_id)
        assert route is not None and route.state == "confirmed" and route.confirmed_at
        grade = route.confirmed_by.split("confidence ")[1][0]
        assert grade in "AB"
        number = digits(route.contact)
        address = route.contact.lower().removeprefix("www.")
        giving = [
            row
            for row in rows()
            if (number and number in digits(cell(row, "Phone")))
            or (not number and address in cell(row, "Phone").lower())
        ]
        good = [
            row
            for row in giving
            if cell(row, "Conf").replace("*", "").strip().startswith(grade)
            and not qualified(f"{cell(row, 'Conf')} {known_hours(cell(row, 'Hours'))}")
        ]
        assert good, f"{route_id} ({route.contact}) has no A/B row without a qualifier"
        assert route.checked == route.confirmed_at.strftime("%Y-%m")


def test_conflicting_and_weak_numbers_are_not_confirmed(
    imported: ImportSummary, engine: Engine
) -> None:
    routes = desk.list_routes(engine)
    conflicting = [r for r in routes if "08081689276" in digits(r.contact)]
    assert conflicting and all(r.state == "unconfirmed" for r in conflicting)
    rape_crisis = [r for r in routes if "08085002222" in digits(r.contact)]
    # On the desk only as the shipped route (from CONTACTS.md); the import confirmed nothing.
    assert [r.id for r in rape_crisis] == ["rape-crisis-line"]
    assert not any(r.confirmed_by.startswith("KENT-") for r in rape_crisis)
    planned = [r for s in plan(RESEARCH.read_text("utf-8"))[0] for r in s.routes]
    assert [r.state for r in planned if r.key == "08085002222"] == ["unconfirmed"]
    # 0808 2000 247 stays the shipped national helpline, linked to the research's service.
    assert [r.id for r in routes if digits(r.contact).startswith("08082000247")] == [
        "national-helpline"
    ]
    linked = desk.service_route_ids(engine)["national-domestic-abuse-helpline"]
    assert "national-helpline" in linked


def test_areas_are_only_the_districts_a_row_names(imported: ImportSummary, engine: Engine) -> None:
    services = {s.id: s for s in desk.list_services(engine)}
    for medway in (
        "medway-council-childrens-services",
        "medway-council-adult-social-care",
        "extra-medway-da-line",
        "medway-oss",
    ):
        assert services[medway].areas == ("medway",), medway
    assert services["sateda"].areas == ("swale",)
    assert services["swale-oss"].areas == ("swale",)  # the SATEDA drop-ins (1b)
    assert services["look-ahead"].areas == (
        "sevenoaks",
        "tonbridge-and-malling",
        "tunbridge-wells",
    )  # "Maidstone not confirmed" is left out
    assert services["kcc-adult-social-care"].areas == ("kent",)
    assert services["kcc-integrated-childrens-services-front-door"].areas == ("kent",)
    assert services["beech-house-sarc"].areas == ("kent", "medway")
    assert services["report-fraud"].areas == ("national",)
    compass_points = services["vs-compass-points-local-help-desks"]
    assert compass_points.areas is None and "Strood" in compass_points.areas_note
    assert "domestic-abuse" in services["maidstone-borough-council"].needs
    assert services["nhs-111"].needs == ("counselling", "emotional-support")
    # "You can contact them yourself" only where the research gives a way to.
    assert services["maidstone-borough-council"].self_referral
    assert not services["safer-scheme"].self_referral  # professional referral only
    assert not services["beech-house-sarc"].self_referral  # its number was not found


def test_a_number_keeps_the_words_that_say_what_it_is(
    imported: ImportSummary, engine: Engine
) -> None:
    out_of_hours = desk.get_route(engine, "medway-council-adult-social-care-03000419191")
    assert out_of_hours is not None
    assert out_of_hours.contact == "emergency out of hours 03000 419 191"
    assert out_of_hours.hours == ""  # the row's daytime hours are the main line's
    day_line = desk.get_route(engine, "medway-council-adult-social-care-01634334466")
    assert day_line is not None and day_line.hours == '"daytime hours (8.30am to 5pm)"'
    relay = desk.get_route(engine, "kcc-adult-social-care-1800103000416161")
    assert relay is not None and relay.contact == "text relay 18001 03000 41 61 61"


def test_a_second_import_adds_nothing(imported: ImportSummary, engine: Engine) -> None:
    before = (desk.list_services(engine), desk.list_routes(engine))
    again = import_research(engine, RESEARCH.read_text("utf-8"), ACTOR)
    assert (again.services_added, again.routes_added, again.confirmed) == (0, 0, 0)
    after = (desk.list_services(engine), desk.list_routes(engine))
    assert [s.id for s in after[0]] == [s.id for s in before[0]]
    assert [r.id for r in after[1]] == [r.id for r in before[1]]


def test_every_change_is_audited_under_the_importer(
    imported: ImportSummary, engine: Engine
) -> None:
    actions = [(e.actor, e.action) for e in audit.entries(engine, limit=1000)]
    assert actions.count((ACTOR, "add-service")) == imported.services_added
    assert actions.count((ACTOR, "add-route")) == imported.routes_added
    assert actions.count((ACTOR, "confirm-route")) == imported.confirmed
    assert (ACTOR, "seed") in actions
