"""The content desk's store: services and contact routes as Compass House edits them, each
change written with its line in the audit log in one transaction.

A service's routes are the routes whose ``service_id`` is that service, and the routes its
body's ``routes`` list names (the shipped directory links need and everyone routes to
services that way: the Supportline to Victim Support).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial.desk_forms import (
    changed_fields,
    route_from_form,
    service_from_form,
)
from victim_champion.hub.editorial.entries import (
    AudienceEntry,
    ContentError,
    RouteEntry,
    ServiceEntry,
)
from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import content_routes, content_services

_ROUTE_BODY = [
    "kind",
    "name",
    "contact",
    "hours",
    "any_time",
    "needs",
    "audience",
    "always_with_need",
    "discreet_name",
    "discreet_contact",
    "source",
    "seen",
    "kept",
]
_SERVICE_BODY = [
    "name",
    "description",
    "discreet_name",
    "discreet_description",
    "needs",
    "areas",
    "areas_note",
    "ages",
    "languages",
    "self_referral",
    "worker_referral",
    "consent_needed",
    "source",
]
# Kept in a service's body beside its fields: the routes it lists, and the day a service
# was verified (services.json's verified_on), which the forms do not edit.
_SERVICE_EXTRAS = ("routes", "verified_on")
# An edit to these puts a confirmed route back to unconfirmed: someone confirms the new text.
RECONFIRM = ("contact", "hours")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _route_entry(row: Any) -> RouteEntry:
    body = json.loads(row.body)
    return RouteEntry(
        id=row.id,
        service_id=row.service_id,
        kind=body["kind"],
        name=body["name"],
        contact=body["contact"],
        hours=body.get("hours", ""),
        any_time=bool(body.get("any_time", False)),
        needs=tuple(body.get("needs", ())),
        audience=body.get("audience", ""),
        always_with_need=bool(body.get("always_with_need", False)),
        discreet_name=body.get("discreet_name", ""),
        discreet_contact=body.get("discreet_contact", ""),
        source=body.get("source", ""),
        seen=body.get("seen", ""),
        kept=tuple(body.get("kept", ())),
        state=row.state,
        checked=row.checked,
        confirmed_by=row.confirmed_by,
        confirmed_at=as_utc(row.confirmed_at) if row.confirmed_at else None,
        updated_at=as_utc(row.updated_at),
        updated_by=row.updated_by,
    )


def service_entry(row: Any) -> ServiceEntry:
    body = json.loads(row.body)
    areas, languages = body.get("areas"), body.get("languages")
    return ServiceEntry(
        id=row.id,
        name=body["name"],
        description=body.get("description", ""),
        discreet_name=body.get("discreet_name", ""),
        discreet_description=body.get("discreet_description", ""),
        needs=tuple(body.get("needs", ())),
        areas=None if areas is None else tuple(areas),
        areas_note=body.get("areas_note", ""),
        audience=tuple(
            AudienceEntry(c["group"], c["says"], c.get("source", ""))
            for c in body.get("audience", ())
        ),
        ages=body.get("ages"),
        languages=None if languages is None else tuple(languages),
        self_referral=bool(body.get("self_referral", True)),
        worker_referral=bool(body.get("worker_referral", True)),
        consent_needed=bool(body.get("consent_needed", True)),
        source=body.get("source", ""),
        updated_at=as_utc(row.updated_at),
        updated_by=row.updated_by,
        verified_on=body.get("verified_on"),
    )


def service_body(service: ServiceEntry, extras: Mapping[str, Any]) -> str:
    body: dict[str, Any] = {name: _plain(getattr(service, name)) for name in _SERVICE_BODY}
    body["audience"] = [
        {"group": c.group, "says": c.says, "source": c.source} for c in service.audience
    ]
    body.update({k: v for k, v in extras.items() if k in _SERVICE_EXTRAS})
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def write_service(
    connection: Connection, service: ServiceEntry, actor: str, extras: Mapping[str, Any]
) -> None:
    """Insert or replace one service's row (no audit line: the caller writes it)."""
    values = {
        "body": service_body(service, extras),
        "updated_at": datetime.now(UTC),
        "updated_by": actor[:64],
    }
    done = connection.execute(
        update(content_services).where(content_services.c.id == service.id).values(**values)
    )
    if not done.rowcount:
        connection.execute(insert(content_services).values(id=service.id, **values))


def write_route(connection: Connection, route: RouteEntry, actor: str) -> None:
    """Insert or replace one route's row (no audit line: the caller writes it)."""
    body = {name: _plain(getattr(route, name)) for name in _ROUTE_BODY}
    values = {
        "service_id": route.service_id,
        "body": json.dumps(body, ensure_ascii=False, sort_keys=True),
        "state": route.state,
        "checked": route.checked,
        "confirmed_by": route.confirmed_by[:200],
        "confirmed_at": route.confirmed_at,
        "updated_at": datetime.now(UTC),
        "updated_by": actor[:64],
    }
    done = connection.execute(
        update(content_routes).where(content_routes.c.id == route.id).values(**values)
    )
    if not done.rowcount:
        connection.execute(insert(content_routes).values(id=route.id, **values))


def list_services(engine: Engine) -> list[ServiceEntry]:
    with engine.connect() as connection:
        rows = connection.execute(select(content_services).order_by(content_services.c.id))
        return [service_entry(row) for row in rows]


def list_routes(engine: Engine) -> list[RouteEntry]:
    with engine.connect() as connection:
        rows = connection.execute(select(content_routes).order_by(content_routes.c.id))
        return [_route_entry(row) for row in rows]


def get_service(engine: Engine, service_id: str) -> ServiceEntry | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(content_services).where(content_services.c.id == service_id)
        ).first()
    return None if row is None else service_entry(row)


def get_route(engine: Engine, route_id: str) -> RouteEntry | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(content_routes).where(content_routes.c.id == route_id)
        ).first()
    return None if row is None else _route_entry(row)


def service_extras(connection: Connection) -> dict[str, dict[str, Any]]:
    """Each service's stored routes list and verified_on, by service id."""
    rows = connection.execute(select(content_services.c.id, content_services.c.body))
    return {
        row.id: {k: v for k, v in json.loads(row.body).items() if k in _SERVICE_EXTRAS}
        for row in rows
    }


def service_route_ids(engine: Engine) -> dict[str, tuple[str, ...]]:
    """Each service's routes, withdrawn ones too: those it lists, then its own routes."""
    with engine.connect() as connection:
        extras = service_extras(connection)
        owned = connection.execute(
            select(content_routes.c.id, content_routes.c.service_id).order_by(content_routes.c.id)
        ).all()
    linked = {sid: list(extra.get("routes", [])) for sid, extra in extras.items()}
    for route_id, service_id in owned:
        if service_id in linked and route_id not in linked[service_id]:
            linked[service_id].append(route_id)
    return {sid: tuple(ids) for sid, ids in linked.items()}


def save_service(engine: Engine, fields: Mapping[str, str], actor: str) -> ServiceEntry:
    """Add a service, or edit the one whose id the form gives; audited."""
    service_id = str(fields.get("id", "")).strip()
    with engine.begin() as connection:
        row = connection.execute(
            select(content_services).where(content_services.c.id == service_id)
        ).first()
        stored = None if row is None else service_entry(row)
        service = service_from_form(fields, stored)
        service = replace(service, verified_on=stored.verified_on if stored else None)
        extras = {} if row is None else json.loads(row.body)
        listed_before = extras.get("routes")
        if "routes" in fields:
            extras["routes"] = _known_routes(connection, str(fields["routes"]))
        if stored is None:
            detail = f"added '{service.name}'"
        else:
            changes = changed_fields(stored, service)
            if changes and stored.verified_on:  # new details: someone checks them again
                extras["verified_on"] = None
                changes.append(f"details checked {stored.verified_on} -> not checked")
            if extras.get("routes") != listed_before:
                changes.append(f"routes -> '{', '.join(extras.get('routes', []))}'")
            if not changes:
                return stored
            detail = "; ".join(changes)
        write_service(connection, service, actor, extras)
        action = "add-service" if stored is None else "edit-service"
        audit.record(connection, actor, action, service.id, detail)
    return get_service(engine, service.id) or service


def _known_routes(connection: Connection, text: str) -> list[str]:
    ids = list(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    known = set(connection.execute(select(content_routes.c.id)).scalars())
    for each in ids:
        if each not in known:
            raise ContentError(f"There is no route with the id '{each}'.")
    return ids


def save_route(engine: Engine, fields: Mapping[str, str], actor: str) -> RouteEntry:
    """Add a route (unconfirmed), or edit one; a new contact or new hours on a confirmed
    route make it unconfirmed again, until someone confirms the new text. Audited."""
    route_id = str(fields.get("id", "")).strip()
    with engine.begin() as connection:
        row = connection.execute(
            select(content_routes).where(content_routes.c.id == route_id)
        ).first()
        stored = None if row is None else _route_entry(row)
        services = set(connection.execute(select(content_services.c.id)).scalars())
        route = route_from_form(fields, stored, services)
        if stored is None:
            detail = f"added '{route.name}' ({route.kind}), unconfirmed"
        else:
            if route.state == "confirmed" and any(
                getattr(stored, name) != getattr(route, name) for name in RECONFIRM
            ):
                route = replace(route, state="unconfirmed", confirmed_by="", confirmed_at=None)
            changes = changed_fields(stored, route)
            if not changes:
                return stored
            detail = "; ".join(changes)
        write_route(connection, route, actor)
        action = "add-route" if stored is None else "edit-route"
        audit.record(connection, actor, action, route.id, detail)
    return get_route(engine, route.id) or route


def _route_for_change(connection: Connection, route_id: str) -> RouteEntry:
    row = connection.execute(select(content_routes).where(content_routes.c.id == route_id)).first()
    if row is None:
        raise ContentError(f"There is no route with the id '{route_id}'.")
    return _route_entry(row)


def confirm_route(
    engine: Engine, route_id: str, actor: str, today: date, by: str = ""
) -> RouteEntry:
    """Confirmed by ``by`` (the command line names the person), else by ``actor``, now,
    checked this month; audited as ``actor``."""
    who = by.strip() or actor
    with engine.begin() as connection:
        stored = _route_for_change(connection, route_id)
        route = replace(
            stored,
            state="confirmed",
            confirmed_by=who,
            confirmed_at=datetime.now(UTC),
            checked=today.strftime("%Y-%m"),
        )
        write_route(connection, route, actor)
        detail = f"state {stored.state} -> confirmed; checked {route.checked}; by {who}"
        audit.record(connection, actor, "confirm-route", route_id, detail)
    return get_route(engine, route_id) or route


def withdraw_route(engine: Engine, route_id: str, actor: str, reason: str) -> RouteEntry:
    """Withdrawn: kept here with its history, never sent to laptops again; audited."""
    if not reason.strip():
        raise ContentError("Say why the route is withdrawn; the reason goes in the audit log.")
    with engine.begin() as connection:
        stored = _route_for_change(connection, route_id)
        if stored.state == "withdrawn":
            raise ContentError(f"Route '{route_id}' is already withdrawn.")
        route = replace(stored, state="withdrawn")
        write_route(connection, route, actor)
        detail = f"state {stored.state} -> withdrawn; reason: {reason.strip()}"
        audit.record(connection, actor, "withdraw-route", route_id, detail)
    return get_route(engine, route_id) or route
