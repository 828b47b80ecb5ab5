"""Importing the researched Kent and Medway services (docs/reference/KENT-SERVICES.md) into
the content desk as its first directory edition (issue 34, item 3): research_tables reads
the tables; this module puts them on the desk through the desk's own functions, each change
audited with the importing actor. Only entries confirmed on an official page start as
confirmed (research_tables says exactly when).

A route already on the desk with the same digits (or the same web address) is linked to the
service, never copied: 0808 2000 247 stays the shipped "national-helpline". When several
rows give the same number, the route is made once, from the first row that confirms it
(else the first row), and linked to the others. A service whose id is on the desk is
updated (needs added, an unknown area filled, routes linked), never duplicated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Engine

from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, shipped_seed
from victim_champion.hub.editorial.entries import RouteEntry, ServiceEntry
from victim_champion.hub.editorial.research_tables import (
    CONFIRMED_BY,
    PlannedRoute,
    PlannedService,
    existing_keys,
    plan,
)

# The desk needs a neutral label for the discreet card; the research gives none, so the
# card says only this (never what kind of help it is).
DISCREET_NAME = "Support service"
DISCREET_DESCRIPTION = "A support service. The worker who gave you this has its details."
SOURCE_NOTE = "KENT-SERVICES.md research (stored copies of public pages): "


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the editor and for the issue's closing note."""

    services_added: int
    services_updated: int
    routes_added: int
    routes_linked: int  # already on the desk with the same digits or address
    confirmed: int  # routes added that start confirmed
    unconfirmed: int  # routes added that start unconfirmed
    rows_left_out: int  # rows that name no service in Kent
    confirmed_routes: tuple[str, ...] = ()  # ids of the routes that start confirmed

    def sentence(self) -> str:
        return (
            f"Imported the research: {self.services_added} services added, "
            f"{self.services_updated} updated; {self.routes_added} routes added "
            f"({self.confirmed} confirmed on an official page, {self.unconfirmed} to confirm), "
            f"{self.routes_linked} already on the desk; {self.rows_left_out} rows left out "
            "because they name no service in Kent."
        )


def import_research(engine: Engine, text: str, actor: str) -> ImportSummary:
    """Put the research on the desk (seeded from the shipped directory first when empty).
    Running it again adds nothing already there."""
    services, left_out = plan(text)
    return apply(engine, services, left_out, actor, datetime.now(UTC))


def apply(
    engine: Engine, services: list[PlannedService], left_out: int, actor: str, now: datetime
) -> ImportSummary:
    shipped_seed.seed_from_shipped(engine, actor)
    on_desk: dict[str, str] = {}  # number or address key -> route id on the desk
    for route in desk.list_routes(engine):
        for key in existing_keys(route.contact):
            on_desk.setdefault(key, route.id)
    added = updated = linked = 0
    saved: dict[str, ServiceEntry] = {}
    before: dict[str, ServiceEntry | None] = {}
    for planned in services:
        before[planned.id] = desk.get_service(engine, planned.id)
        saved[planned.id] = _save_service(engine, planned, before[planned.id], actor)
    confirmed: list[str] = []
    unconfirmed = 0
    made_for: dict[str, str] = {}  # route id made by this import -> the service it is for
    for key, (owner, research) in _first_confirmed(services).items():
        if key in on_desk:
            continue
        made = _add_route(engine, saved[owner], research, actor, now)
        on_desk[key], made_for[made.id] = made.id, owner
        if made.state == "confirmed":
            confirmed.append(made.id)
        else:
            unconfirmed += 1
    for planned in services:
        ids = [on_desk[route.key] for route in planned.routes]
        linked += sum(1 for rid in ids if rid not in made_for)
        listed = [rid for rid in ids if made_for.get(rid) != planned.id]
        changed = _link_routes(engine, saved[planned.id], listed, actor)
        was = before[planned.id]
        if was is None:
            added += 1
        elif changed or saved[planned.id].updated_at != was.updated_at:
            updated += 1
    return ImportSummary(
        services_added=added,
        services_updated=updated,
        routes_added=len(confirmed) + unconfirmed,
        routes_linked=linked,
        confirmed=len(confirmed),
        unconfirmed=unconfirmed,
        rows_left_out=left_out,
        confirmed_routes=tuple(confirmed),
    )


def _first_confirmed(services: list[PlannedService]) -> dict[str, tuple[str, PlannedRoute]]:
    """Each number or address the research gives, once: from the first row that confirms
    it (else the first row), with the service that row is about."""
    chosen: dict[str, tuple[str, PlannedRoute]] = {}
    for planned in services:
        for route in planned.routes:
            key = route.key
            if key not in chosen or (
                chosen[key][1].state != "confirmed" and route.state == "confirmed"
            ):
                chosen[key] = (planned.id, route)
    return chosen


def _save_service(
    engine: Engine, planned: PlannedService, before: ServiceEntry | None, actor: str
) -> ServiceEntry:
    if before is not None:
        needs = list(dict.fromkeys([*before.needs, *planned.needs]))
        fields = {"id": before.id, "needs": ", ".join(needs)}
        if before.areas is None and planned.areas is not None:
            fields["areas"] = ", ".join(planned.areas)
            fields["areas_note"] = planned.areas_note
        return desk.save_service(engine, fields, actor)
    # "You can contact them yourself" is shown only when the research gives a way to.
    self_referral = bool(planned.routes) and "referral only" not in planned.description.lower()
    fields = {
        "id": planned.id,
        "name": planned.name,
        "description": planned.description,
        "discreet_name": DISCREET_NAME,
        "discreet_description": DISCREET_DESCRIPTION,
        "needs": ", ".join(planned.needs),
        "areas": ", ".join(planned.areas or ()),
        "areas_note": planned.areas_note,
        "self_referral": "yes" if self_referral else "no",
        "source": f"{SOURCE_NOTE}{planned.source} (confidence: {planned.confidence})",
    }
    return desk.save_service(engine, fields, actor)


def _route_id(service: ServiceEntry, key: str) -> str:
    digits = re.sub(r"\D", "", key)
    tail = digits[-16:] if key.isdigit() else re.sub(r"[^a-z0-9]+", "-", key)[:18]
    return f"{service.id[:44].rstrip('-')}-{tail.strip('-')}"


def _add_route(
    engine: Engine, service: ServiceEntry, route: PlannedRoute, actor: str, now: datetime
) -> RouteEntry:
    fields = {
        "id": _route_id(service, route.key),
        "service_id": service.id,
        "kind": "service",
        "name": service.name,
        "contact": route.contact,
        "hours": route.hours,
        "any_time": "yes" if route.any_time else "no",
        "source": route.source,
        "seen": route.seen,
        "checked": now.strftime("%Y-%m"),
    }
    made = desk.save_route(engine, fields, actor)  # added unconfirmed, audited
    if route.state != "confirmed":
        return made
    confirmed = replace(
        made, state="confirmed", confirmed_by=CONFIRMED_BY[route.grade], confirmed_at=now
    )
    with engine.begin() as connection:
        desk.write_route(connection, confirmed, actor)
        detail = f"state unconfirmed -> confirmed; {confirmed.confirmed_by}"
        audit.record(connection, actor, "confirm-route", made.id, detail)
    return confirmed


def _link_routes(engine: Engine, service: ServiceEntry, listed: list[str], actor: str) -> bool:
    """List routes already on the desk with the service (its own routes need no listing)."""
    held = desk.service_route_ids(engine).get(service.id, ())
    new = [r for r in dict.fromkeys(listed) if r not in held]
    if not new:
        return False
    with engine.connect() as connection:
        current = desk.service_extras(connection).get(service.id, {}).get("routes", [])
    desk.save_service(engine, {"id": service.id, "routes": ", ".join([*current, *new])}, actor)
    return True
