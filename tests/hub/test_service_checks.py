"""A service's own details checked at Compass House (hub/editorial/service_checks.py), on
SQLite and PostgreSQL: the day is recorded and audited, the published edition carries it so
the laptop stops marking the service a sample, and any later edit of the details clears it
again, so the mark never covers words nobody checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine

from victim_champion.content.directory_loader import parse_directory
from victim_champion.core.directory import Service
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, edition, shipped_seed
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.editorial.service_checks import mark_details_checked
from victim_champion.hub.storage.engine import make_engine, upgrade

TODAY = date(2026, 12, 7)


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = make_engine(hub_db_url)
    upgrade(made)
    shipped_seed.seed_from_shipped(made, "seeder")
    yield made
    made.dispose()


def laptop_service(engine: Engine, service_id: str) -> Service:
    draft = json.loads(json.dumps(edition.draft_document(engine)))
    return next(s for s in parse_directory(draft).services if s.id == service_id)


def test_details_checked_reach_the_laptop_and_an_edit_clears_them(engine: Engine) -> None:
    assert not laptop_service(engine, "davss").is_verified
    checked = mark_details_checked(engine, "davss", "cora.editor", TODAY)
    assert checked.verified_on == "2026-12-07"
    [line] = [a for a in audit.entries(engine) if a.action == "check-service"]
    assert line.subject == "davss" and line.actor == "cora.editor"
    assert "not checked -> 2026-12-07" in line.detail
    assert laptop_service(engine, "davss").verified_on == TODAY

    desk.save_service(engine, {"id": "davss", "description": "New words."}, "cora.editor")
    edited = desk.get_service(engine, "davss")
    assert edited is not None and edited.verified_on is None
    [edit] = [a for a in audit.entries(engine) if a.action == "edit-service"]
    assert "details checked 2026-12-07 -> not checked" in edit.detail
    assert not laptop_service(engine, "davss").is_verified


def test_an_edit_that_changes_nothing_keeps_the_check(engine: Engine) -> None:
    mark_details_checked(engine, "davss", "cora.editor", TODAY)
    stored = desk.get_service(engine, "davss")
    assert stored is not None
    desk.save_service(engine, {"id": "davss", "name": stored.name}, "cora.editor")
    again = desk.get_service(engine, "davss")
    assert again is not None and again.verified_on == "2026-12-07"


def test_an_unknown_service_is_refused_in_one_sentence(engine: Engine) -> None:
    with pytest.raises(ContentError, match="There is no service with the id 'nowhere'"):
        mark_details_checked(engine, "nowhere", "cora.editor", TODAY)
