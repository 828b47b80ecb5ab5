"""Stale facts have an owner (issue 34, item 2), on a real hub database (SQLite and
PostgreSQL): course statements and desk routes not checked in 12 months are listed oldest
first with their sources; a statement re-checked at the hub leaves the list, and the course
re-published with its new "Checked:" month is one a laptop's course loader takes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from victim_champion.content.course_loader import course_in_use, shipped_course_files
from victim_champion.core.course_parts import SourceNote
from victim_champion.core.versions import is_newer
from victim_champion.hub.api import bundles
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, shipped_seed, stale
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.signing_keys import HubKey, load_or_create_hub_key

TODAY = date(2026, 12, 7)
MODULE = "modules/04-supporting-someone.md"
OLD = "Statement: Report Fraud replaced Action Fraud on 4 December 2025."


@pytest.fixture
def engine(hub_db_url: str) -> Engine:
    """A fresh hub database, on SQLite and on PostgreSQL (tests/hub/conftest.py)."""
    made = make_engine(hub_db_url)
    upgrade(made)
    return made


@pytest.fixture
def key(engine: Engine, tmp_path: Path) -> HubKey:
    return load_or_create_hub_key(engine, tmp_path / "hub.signing-key")


def publish_aged_course(engine: Engine, key: HubKey, folder: Path) -> None:
    """The shipped course (2026.4) with one statement last checked in December 2025."""
    files = shipped_course_files()
    text = files[MODULE]
    start = text.index(OLD)
    checked = text.index("Checked: 2026-12", start)
    files[MODULE] = text[:checked] + "Checked: 2025-12" + text[checked + len("Checked: 2026-12") :]
    for path, content in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(content, "utf-8")
    bundles.publish(engine, key, bundles.read_bundle("course", folder))


def add_route(engine: Engine, route_id: str, checked: str) -> None:
    desk.save_route(
        engine,
        {
            "id": route_id,
            "kind": "need",
            "needs": "fraud",
            "name": "A fraud line",
            "contact": "0300 000 0000",
            "source": "example.org/fraud",
            "seen": "undated",
            "checked": checked,
        },
        "editor",
    )


def test_old_facts_are_listed_oldest_first_with_sources_and_fresh_ones_are_not(
    engine: Engine, key: HubKey, tmp_path: Path
) -> None:
    shipped_seed.seed_from_shipped(engine, "cli")
    publish_aged_course(engine, key, tmp_path / "aged")
    add_route(engine, "old-fraud-line", "2025-11")  # 13 months before today
    add_route(engine, "fresh-fraud-line", "2026-01")  # 11 months: not yet

    facts = stale.stale_facts(engine, TODAY)

    assert [(f.kind, f.checked) for f in facts] == [("route", "2025-11"), ("statement", "2025-12")]
    route, statement = facts
    assert route.key == "old-fraud-line" and route.source == "example.org/fraud"
    assert route.text == "A fraud line: 0300 000 0000"
    assert statement.text.startswith("Report Fraud replaced Action Fraud")
    assert "wired-gov.net" in statement.source
    assert statement.where == "04-supporting-someone.md"
    # A year on, the shipped routes (checked 2026-11) are due too; today they are not.
    assert len(stale.stale_facts(engine, date(2027, 11, 1))) > len(facts)


def test_a_recheck_and_a_republish_give_a_course_the_laptop_takes(
    engine: Engine, key: HubKey, tmp_path: Path
) -> None:
    publish_aged_course(engine, key, tmp_path / "aged")
    (statement,) = stale.stale_facts(engine, TODAY)
    with pytest.raises(ContentError, match="No re-checked statement"):
        stale.republish_course(engine, key, "editor", publish=bundles.publish)

    stale.recheck_statement(engine, statement.key, "editor", TODAY)
    assert stale.stale_facts(engine, TODAY) == []  # it counts from its re-check

    version = stale.republish_course(engine, key, "editor", publish=bundles.publish)
    assert version == "2026.4.1" and is_newer(version, "2026.4")
    files = bundles.latest(engine, "course")["document"]["files"]  # type: ignore[index]
    course, refusal = course_in_use(files)  # as a laptop takes a synced course
    assert refusal is None and course.version == "2026.4.1"
    notes: list[SourceNote] = [n for m, n in course.sources() if m.file_name == statement.where]
    (note,) = [n for n in notes if n.statement == statement.text]
    assert note.checked == "2026-12"
    assert stale.stale_facts(engine, TODAY) == []
    assert re.search(r"(?m)^version = \"2026\.4\.1\"$", files["course.toml"])

    # The next re-check and re-publication numbers on: 2026.4.1 -> 2026.4.2.
    stale.recheck_statement(engine, statement.key, "editor", date(2027, 2, 1))
    assert stale.republish_course(engine, key, "editor", publish=bundles.publish) == "2026.4.2"
    actions = [(e.actor, e.action) for e in audit.entries(engine)]
    assert ("editor", "recheck-statement") in actions
    assert actions.count(("editor", "publish-course")) == 2


def test_an_unknown_statement_cannot_be_rechecked(engine: Engine) -> None:
    with pytest.raises(ContentError, match="no statement"):
        stale.recheck_statement(engine, "01-what-is-a-victim-champion:0000", "editor", TODAY)
    assert stale.stale_facts(engine, TODAY) == []  # the shipped course is all fresh


def test_versions_number_on() -> None:
    assert stale.next_version("2026.4") == "2026.4.1"
    assert stale.next_version("2026.4.1") == "2026.4.2"
    assert stale.next_version("2026.4.9") == "2026.4.10"
