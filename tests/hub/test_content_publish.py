"""Publishing from the content desk (hub/editorial/edition.py), on SQLite and PostgreSQL:
each refusal, the changes against the directory laptops have now, the edition's number,
and a signed bundle the laptop's own checks accept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from victim_champion.content.directory_loader import adopt_directory_bundle, current_directory
from victim_champion.core.versions import is_newer
from victim_champion.hub.api import bundles
from victim_champion.hub.command_line import main
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, edition, shipped_seed
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.signing_keys import HubKey, load_or_create_hub_key
from victim_champion.sync.shared.binding import check_bundle
from victim_champion.sync.shared.protocol import canonical_json, unb64
from victim_champion.sync.shared.signatures import verify

TODAY = date(2026, 12, 7)


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    """A hub database (SQLite, then PostgreSQL) whose desk holds the shipped directory."""
    made = make_engine(hub_db_url)
    upgrade(made)
    shipped_seed.seed_from_shipped(made, "seeder")
    yield made
    made.dispose()
    adopt_directory_bundle(None)  # the laptop side goes back to its shipped directory


@pytest.fixture
def key(engine: Engine, tmp_path: Path) -> HubKey:
    return load_or_create_hub_key(engine, tmp_path / "hub.signing-key")


def publish(engine: Engine, key: HubKey, today: date = TODAY) -> str:
    return edition.publish_directory(engine, key, "editor", today, publish=bundles.publish)


def refused_alone(engine: Engine, key: HubKey, *words: str) -> None:
    """The draft is refused for one reason, naming all of ``words``; nothing is signed."""
    [sentence] = edition.refusals(engine)
    for word in words:
        assert word in sentence
    with pytest.raises(ContentError, match=r"^Not published: ") as refused:
        publish(engine, key)
    assert sentence in str(refused.value)
    assert bundles.latest(engine, "directory") is None


def test_the_seeded_desk_drafts_the_shipped_directory_and_nothing_stops_it(
    engine: Engine, key: HubKey
) -> None:
    draft = edition.draft_document(engine)
    assert edition.refusals(engine) == []
    assert edition.changes(engine) == []  # the same as the directory laptops have now
    assert {r["state"] for r in draft["routes"]} == {"confirmed"}
    with pytest.raises(ContentError, match="nothing changes against edition 2026-12"):
        publish(engine, key)


@pytest.mark.parametrize(
    "fields",
    [{"hours": ""}, {"any_time": "no"}],
    ids=["no hours", "not open any time"],
)
def test_an_emergency_route_without_24_hour_hours_is_refused(
    engine: Engine, key: HubKey, fields: dict[str, str]
) -> None:
    desk.save_route(engine, {"id": "emergency-bsl", **fields}, "editor")
    desk.confirm_route(engine, "emergency-bsl", "editor", TODAY)  # only the hours are wrong
    refused_alone(engine, key, "emergency route", "(emergency-bsl)", "24 hours")


@pytest.mark.parametrize("route_id", ["supportline", "rape-crisis-line", "police-101"])
def test_a_route_printed_on_every_sheet_that_is_not_confirmed_is_refused(
    engine: Engine, key: HubKey, route_id: str
) -> None:
    route = desk.get_route(engine, route_id)
    assert route is not None
    desk.save_route(engine, {"id": route_id, "contact": route.contact + " (new)"}, "editor")
    refused_alone(engine, key, f"({route_id})", "printed on every sheet", "not confirmed")


def test_an_audience_claim_without_a_source_is_refused(engine: Engine, key: HubKey) -> None:
    desk.save_service(engine, {"id": "davss", "audience": "men | supports men |"}, "editor")
    refused_alone(engine, key, "(davss)", "'supports men' with no source", "unknown is not yes")


def test_what_the_laptops_would_refuse_is_refused_at_the_hub(engine: Engine, key: HubKey) -> None:
    desk.save_service(engine, {"id": "davss", "description": ""}, "editor")
    refused_alone(engine, key, "Laptops would refuse", "'davss'", "'description'")


def test_an_unconfirmed_need_route_is_published_marked_and_a_withdrawn_one_left_out(
    engine: Engine, key: HubKey
) -> None:
    desk.save_route(engine, {"id": "galop", "contact": "0800 999 5428 (new text)"}, "editor")
    desk.withdraw_route(engine, "crimestoppers", "editor", "test")
    desk.save_route(engine, {"id": "restorative-justice-kent", "hours": "Mon-Fri"}, "editor")
    desk.withdraw_route(engine, "restorative-justice-kent", "editor", "test")
    draft = edition.draft_document(engine)
    states = {r["id"]: r["state"] for r in draft["routes"]}
    assert states["galop"] == "unconfirmed" and "crimestoppers" not in states
    [solutions] = [s for s in draft["services"] if s["id"] == "restorative-solutions"]
    assert solutions["routes"] == []  # its withdrawn route is gone from its list too
    assert edition.refusals(engine) == []


def test_changes_list_a_confirmation_an_edit_a_withdrawal_and_a_new_service_route(
    engine: Engine, key: HubKey
) -> None:
    desk.confirm_route(engine, "stalking-helpline", "A. Editor", TODAY)
    desk.withdraw_route(engine, "crimestoppers", "editor", "test")
    desk.save_route(
        engine,
        {
            "id": "davss-line",
            "kind": "service",
            "service_id": "davss",
            "name": "DAVSS line",
            "contact": "01234 000000",
            "source": "example.org.uk",
        },
        "editor",
    )
    found = edition.changes(engine)
    assert "New route 'DAVSS line' (davss-line, unconfirmed)." in found
    assert (
        "The route 'Crimestoppers, to tell what you know anonymously' (crimestoppers) "
        "is withdrawn." in found
    )
    [confirmed] = [c for c in found if "(stalking-helpline)" in c]
    assert "-> 'A. Editor'" in confirmed and "checked '2026-11' -> '2026-12'" in confirmed
    [service] = [c for c in found if "(davss)" in c]
    assert "routes '' -> 'davss-line'" in service
    assert len(found) == 4
    # Against the edition published, not the shipped file, from then on.
    assert publish(engine, key) == "2026-12.1"
    assert edition.changes(engine) == []
    desk.save_route(engine, {"id": "galop", "hours": "Mon-Fri 10am-4pm"}, "editor")
    [galop] = edition.changes(engine)
    assert "(galop)" in galop and "state confirmed -> unconfirmed" in galop


def test_a_published_edition_is_signed_and_the_laptop_accepts_it(
    engine: Engine, key: HubKey
) -> None:
    desk.confirm_route(engine, "galop", "A. Editor", TODAY)
    desk.save_route(engine, {"id": "mens-advice-line", "contact": "0808 801 0327 (new)"}, "e")
    desk.withdraw_route(engine, "crimestoppers", "editor", "test")
    assert publish(engine, key) == "2026-12.1"
    held = bundles.latest(engine, "directory")
    assert held is not None
    document: dict[str, Any] = held["document"]
    assert verify(key.public_key, unb64(held["signature"], "signature"), canonical_json(document))
    assert check_bundle(document, "directory", "2026-12") == "2026-12.1"
    assert adopt_directory_bundle(document["files"]) is None  # the laptop's own reading
    directory = current_directory()
    assert directory.edition == "2026-12.1" and directory.published == TODAY
    routes = {r.id: r for r in directory.routes}
    assert routes["galop"].confirmed and routes["galop"].confirmed_by == "A. Editor"
    assert not routes["mens-advice-line"].confirmed and "crimestoppers" not in routes
    line = audit.entries(engine)[0]
    assert (line.action, line.actor, line.subject) == ("publish-directory", "editor", "2026-12.1")
    assert "3 changes" in line.detail


def test_editions_are_numbered_within_the_month_and_each_is_newer(
    engine: Engine, key: HubKey
) -> None:
    published = []
    for month_day, route_id in (
        (date(2026, 12, 7), "galop"),
        (date(2026, 12, 20), "samaritans"),
        (date(2027, 1, 4), "childline"),
    ):
        desk.confirm_route(engine, route_id, "editor", month_day)
        published.append(publish(engine, key, month_day))
    assert published == ["2026-12.1", "2026-12.2", "2027-01.1"]
    held = "2026-12"  # the shipped edition
    for version in published:
        assert is_newer(version, held)
        held = version
    assert edition.next_edition(engine, date(2027, 1, 30)) == "2027-01.2"
    assert edition.current_edition(engine) == "2027-01.1"


def test_a_publication_whose_audit_line_fails_is_not_published(
    engine: Engine, key: HubKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.confirm_route(engine, "galop", "editor", TODAY)

    def broken(*_args: object) -> None:
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        publish(engine, key)
    assert bundles.latest(engine, "directory") is None


def test_the_command_line_prints_refusals_or_the_edition(
    hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = str(tmp_path / "cli.signing-key")
    db = ["--db", hub_db_url]
    assert main(["content", "changes", *db]) == 0
    assert "Nothing changes against edition 2026-12" in capsys.readouterr().out
    engine = make_engine(hub_db_url)
    try:
        desk.save_route(engine, {"id": "emergency", "hours": ""}, "editor")
    finally:
        engine.dispose()
    assert main(["content", "publish", "--key-file", key_file, *db]) == 1
    err = capsys.readouterr().err
    assert "Not published. Put these right first:" in err and "(emergency)" in err
    assert main(["content", "confirm", "emergency", "--by", "A. Editor", *db]) == 0
    assert main(["content", "publish", "--key-file", key_file, *db]) == 1
    assert "must be open 24 hours" in capsys.readouterr().err
    engine = make_engine(hub_db_url)
    try:
        desk.save_route(engine, {"id": "emergency", "hours": "Any time, day or night"}, "e")
        desk.confirm_route(engine, "emergency", "editor", TODAY)
    finally:
        engine.dispose()
    capsys.readouterr()
    assert main(["content", "changes", *db]) == 0
    assert "(emergency) changes" in capsys.readouterr().out
    assert main(["content", "publish", "--key-file", key_file, *db]) == 0
    out = capsys.readouterr().out
    assert "Published directory edition " in out and ".1, signed by the hub" in out
