"""A route's kept names (the names every language prints as they are) travel through the
hub's content desk: seeded from the shipped directory, kept through an edit made on a
form that does not show them, and published in the edition laptops load."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from victim_champion.content.directory_loader import parse_directory
from victim_champion.hub.editorial import desk, edition, shipped_seed
from victim_champion.hub.storage.engine import make_engine, upgrade


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = make_engine(hub_db_url)
    upgrade(made)
    shipped_seed.seed_from_shipped(made, "seeder")
    yield made
    made.dispose()


def kept(engine: Engine, route_id: str) -> tuple[str, ...]:
    route = desk.get_route(engine, route_id)
    assert route is not None
    return route.kept


def test_kept_names_are_seeded_kept_through_an_edit_and_published(engine: Engine) -> None:
    assert kept(engine, "police-101") == ("Relay UK",)
    desk.save_route(engine, {"id": "galop", "hours": "Mon to Thu 10am to 8pm"}, "editor")
    assert kept(engine, "galop") == ("Galop",)  # the form does not show them: kept
    desk.save_route(engine, {"id": "galop", "kept": "Galop; LGBT+"}, "editor")
    published = parse_directory(edition.draft_document(engine))
    routes = {route.id: route for route in published.routes}
    assert routes["galop"].kept == ("Galop", "LGBT+")
    assert routes["emergency-sms"].kept == ('"register"', '"yes"')
    assert routes["emergency"].kept == ()
