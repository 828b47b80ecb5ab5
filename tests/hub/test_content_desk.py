"""The content desk's store (hub/editorial/desk.py), on SQLite and on PostgreSQL: seeding,
confirming, withdrawing and editing routes and services, each change with its audit line
in the same transaction, form input refused in one sentence, and the command line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from victim_champion.hub.command_line import main
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, shipped_seed
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import audit_log

TODAY = date(2026, 12, 7)
GALOP = "galop"  # a need route for LGBT+ people, confirmed in the shipped directory


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    """A hub database (SQLite, then PostgreSQL) whose desk holds the shipped directory."""
    made = make_engine(hub_db_url)
    upgrade(made)
    assert shipped_seed.seed_from_shipped(made, "seeder") == 12 + 22
    yield made
    made.dispose()


def audit_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(audit_log)).scalar_one())


def test_the_shipped_directory_seeds_an_empty_desk_once_with_its_routes_confirmed(
    engine: Engine,
) -> None:
    assert shipped_seed.seed_from_shipped(engine, "seeder") == 0  # not empty any more
    routes, services = desk.list_routes(engine), desk.list_services(engine)
    assert (len(services), len(routes)) == (12, 22)
    assert [r.id for r in routes] == sorted(r.id for r in routes)
    assert {r.state for r in routes} == {"confirmed"}
    assert desk.service_route_ids(engine)["victim-support-kent"] == ("supportline",)
    davss = desk.get_service(engine, "davss")
    assert davss is not None and davss.areas is None  # unknown stays unknown
    assert davss.audience[0].group == "men" and davss.audience[0].source
    [line] = [a for a in audit.entries(engine) if a.action == "seed"]
    assert "12 services and 22 routes" in line.detail and line.actor == "seeder"


def test_confirm_then_withdraw_are_each_audited_with_who_and_what(engine: Engine) -> None:
    desk.save_route(engine, {"id": GALOP, "contact": "0800 999 5428"}, "editor-one")
    confirmed = desk.confirm_route(engine, GALOP, "editor-two", TODAY)
    assert confirmed.state == "confirmed" and confirmed.confirmed_by == "editor-two"
    assert confirmed.checked == "2026-12" and confirmed.confirmed_at is not None
    withdrawn = desk.withdraw_route(engine, GALOP, "editor-two", "the line has closed")
    assert withdrawn.state == "withdrawn"
    latest = audit.entries(engine)[:3]
    assert [(a.action, a.actor, a.subject) for a in latest] == [
        ("withdraw-route", "editor-two", GALOP),
        ("confirm-route", "editor-two", GALOP),
        ("edit-route", "editor-one", GALOP),
    ]
    assert latest[0].detail == "state confirmed -> withdrawn; reason: the line has closed"
    assert "state unconfirmed -> confirmed; checked 2026-12" in latest[1].detail
    assert "contact '0800 999 5428; help@galop.org.uk' -> '0800 999 5428'" in latest[2].detail
    with pytest.raises(ContentError, match="already withdrawn"):
        desk.withdraw_route(engine, GALOP, "editor-two", "again")
    with pytest.raises(ContentError, match="Say why"):
        desk.withdraw_route(engine, "supportline", "editor-two", "  ")


@pytest.mark.parametrize("field", ["contact", "hours"])
def test_a_new_contact_or_new_hours_make_a_confirmed_route_unconfirmed(
    engine: Engine, field: str
) -> None:
    edited = desk.save_route(engine, {"id": GALOP, field: "0800 000 0000 (new text)"}, "ed")
    assert (edited.state, edited.confirmed_by, edited.confirmed_at) == ("unconfirmed", "", None)
    line = audit.entries(engine)[0]
    assert line.action == "edit-route" and "state 'confirmed' -> 'unconfirmed'" in line.detail
    assert f"{field} " in line.detail and "-> '0800 000 0000 (new text)'" in line.detail


def test_other_edits_keep_a_route_confirmed_and_an_unchanged_form_writes_nothing(
    engine: Engine,
) -> None:
    before = audit_count(engine)
    same = desk.get_route(engine, GALOP)
    assert same is not None
    assert desk.save_route(engine, {"id": GALOP, "contact": same.contact}, "ed") == same
    assert audit_count(engine) == before
    renamed = desk.save_route(engine, {"id": GALOP, "name": "Galop (LGBT+)"}, "ed")
    assert renamed.state == "confirmed" and renamed.name == "Galop (LGBT+)"
    assert audit_count(engine) == before + 1


def test_a_change_whose_audit_line_fails_is_not_stored(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        desk.confirm_route(engine, "supportline", "ed", date(2027, 3, 1))
    with pytest.raises(RuntimeError):
        desk.save_route(engine, {"id": GALOP, "contact": "0800 1"}, "ed")
    with pytest.raises(RuntimeError):
        desk.withdraw_route(engine, GALOP, "ed", "closed")
    galop, supportline = desk.get_route(engine, GALOP), desk.get_route(engine, "supportline")
    assert galop is not None and galop.state == "confirmed" and "5428" in galop.contact
    assert supportline is not None and supportline.checked == "2026-11"


def test_services_and_their_own_routes_are_added_and_edited_from_form_text(
    engine: Engine,
) -> None:
    added = desk.save_service(
        engine,
        {
            "id": "example-refuge",
            "name": "Example Refuge",
            "description": "A made-up service for this test.",
            "needs": "domestic-abuse, feeling-safe",
            "areas": "thanet, medway",
            "languages": "",
            "audience": "women | supports women | example.org.uk/about\nmen | also men | ",
            "self_referral": "yes",
            "worker_referral": "no",
            "source": "example.org.uk",
        },
        "ed",
    )
    assert added.needs == ("domestic-abuse", "feeling-safe") and added.areas == (
        "thanet",
        "medway",
    )
    assert added.languages is None and not added.worker_referral and added.self_referral
    assert [c.source for c in added.audience] == ["example.org.uk/about", ""]
    own = desk.save_route(
        engine,
        {
            "id": "example-refuge-line",
            "kind": "service",
            "service_id": "example-refuge",
            "name": "Example Refuge line",
            "contact": "01234 000000",
            "source": "example.org.uk/contact",
        },
        "ed",
    )
    assert own.state == "unconfirmed" and own.checked and own.seen == "undated"
    assert desk.service_route_ids(engine)["example-refuge"] == ("example-refuge-line",)
    edited = desk.save_service(engine, {"id": "victim-support-kent", "areas": ""}, "ed")
    assert edited.areas is None  # no areas given: where it works is not known
    assert desk.service_route_ids(engine)["victim-support-kent"] == ("supportline",)
    line = audit.entries(engine)[0]
    assert line.action == "edit-service" and "areas 'kent, medway' -> 'unknown'" in line.detail


NEW_ROUTE = {"kind": "need", "name": "A line", "contact": "0800 1", "source": "example.org"}


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({**NEW_ROUTE, "id": "Not A Slug"}, "lowercase letters, digits and single hyphens"),
        ({**NEW_ROUTE, "id": "x", "needs": "made-up-need"}, "no need with the id 'made-up"),
        ({**NEW_ROUTE, "id": "x", "kind": "leaflet"}, "not one of emergency, everyone"),
        ({**NEW_ROUTE, "id": "x", "kind": "service", "needs": ""}, "must name its service"),
        (
            {**NEW_ROUTE, "id": "x", "kind": "service", "needs": "", "service_id": "nobody"},
            "no service with the id 'nobody'",
        ),
        ({**NEW_ROUTE, "id": "x", "needs": "stalking", "checked": "2026-13"}, "YYYY-MM"),
        ({**NEW_ROUTE, "id": "x", "needs": ""}, "a need route names at least one need"),
        ({**NEW_ROUTE, "id": "x", "needs": "stalking", "contact": " "}, "Give the contact"),
        ({**NEW_ROUTE, "id": "x", "needs": "stalking", "any_time": "maybe"}, "yes or no"),
    ],
)
def test_bad_route_input_is_refused_in_one_sentence_and_nothing_is_written(
    engine: Engine, fields: dict[str, str], sentence: str
) -> None:
    before = audit_count(engine)
    with pytest.raises(ContentError, match=sentence) as refused:
        desk.save_route(engine, fields, "ed")
    text = str(refused.value)
    assert text.endswith(".") and text.count(". ") == 0
    assert desk.get_route(engine, "x") is None and audit_count(engine) == before


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"areas": "atlantis"}, "no area with the id 'atlantis'"),
        ({"needs": "made-up-need"}, "no need with the id 'made-up-need'"),
        ({"audience": "martians | all of them | x"}, "audience group 'martians'"),
        ({"audience": "men supports men"}, "group | what the source says | source"),
        ({"source": ""}, "Give the source"),
        ({"routes": "no-such-route"}, "no route with the id 'no-such-route'"),
    ],
)
def test_bad_service_input_is_refused_in_one_sentence(
    engine: Engine, fields: dict[str, str], sentence: str
) -> None:
    with pytest.raises(ContentError, match=sentence):
        desk.save_service(engine, {"id": "new-one", "name": "N", "source": "s", **fields}, "ed")
    assert desk.get_service(engine, "new-one") is None


def test_the_command_line_confirms_as_cli_and_names_who_confirmed(
    hub_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "confirm", GALOP, "--by", "A. Editor", "--db", hub_db_url]) == 0
    assert "Confirmed route 'galop' for A. Editor" in capsys.readouterr().out
    assert (
        main(["content", "withdraw", "crimestoppers", "--reason", "test", "--db", hub_db_url]) == 0
    )
    assert main(["content", "confirm", "no-such", "--by", "A. Editor", "--db", hub_db_url]) == 1
    assert "There is no route with the id 'no-such'." in capsys.readouterr().err
    assert main(["content", "list", "--db", hub_db_url]) == 0
    listed = capsys.readouterr().out
    assert "crimestoppers" in listed and "withdrawn" in listed
    engine = make_engine(hub_db_url)
    try:
        confirmed, withdrawn = (desk.get_route(engine, i) for i in (GALOP, "crimestoppers"))
        assert confirmed is not None and confirmed.confirmed_by == "A. Editor"
        assert withdrawn is not None and withdrawn.state == "withdrawn"
        lines = audit.entries(engine)
        assert {a.actor for a in lines} == {"cli"}  # the seed too: the desk started empty
        assert [a.action for a in lines] == ["withdraw-route", "confirm-route", "seed"]
        assert "by A. Editor" in lines[1].detail
    finally:
        engine.dispose()
