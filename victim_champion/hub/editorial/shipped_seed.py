"""The desk's first rows: the directory shipped with the app (resources/directory/
services.json), written into an empty desk with its routes confirmed, since they come from
CONTACTS.md. Kept apart from desk.py, which changes rows one by one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from victim_champion.content.directory_loader import DIRECTORY_FILE
from victim_champion.content.reference_files import read_document
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial.desk import write_route, write_service
from victim_champion.hub.editorial.entries import AudienceEntry, RouteEntry, ServiceEntry
from victim_champion.hub.storage.tables import content_routes, content_services


def seed_from_shipped(engine: Engine, actor: str) -> int:
    """Fill an empty desk from the shipped resources/directory/services.json; its routes
    are confirmed (they come from CONTACTS.md). Returns the rows written (0: not empty)."""
    document = read_document(*DIRECTORY_FILE)
    with engine.begin() as connection:
        held = connection.execute(select(func.count()).select_from(content_services)).scalar()
        held_routes = connection.execute(select(func.count()).select_from(content_routes))
        if held or held_routes.scalar():
            return 0
        owner = {r: s["id"] for s in document["services"] for r in s.get("routes", ()) if r}
        for raw in document["routes"]:
            write_route(connection, _shipped_route(raw, owner.get(raw["id"])), actor)
        for raw in document["services"]:
            extras = {"routes": list(raw.get("routes", [])), "verified_on": raw.get("verified_on")}
            write_service(connection, _shipped_service(raw), actor, extras)
        detail = (
            f"{len(document['services'])} services and {len(document['routes'])} routes "
            f"from the shipped directory, edition {document['edition']}"
        )
        audit.record(connection, actor, "seed", "directory", detail)
    return len(document["services"]) + len(document["routes"])


def _shipped_route(raw: dict[str, Any], owner: str | None) -> RouteEntry:
    return RouteEntry(
        id=raw["id"],
        service_id=owner if raw["kind"] == "service" else None,
        kind=raw["kind"],
        name=raw["name"],
        contact=raw["contact"],
        hours=raw.get("hours", ""),
        any_time=bool(raw.get("any_time", False)),
        needs=tuple(raw.get("needs", ())),
        audience=raw.get("audience", ""),
        always_with_need=bool(raw.get("always_with_need", False)),
        discreet_name=raw.get("discreet_name", ""),
        discreet_contact=raw.get("discreet_contact", ""),
        kept=tuple(raw.get("kept", ())),
        source=raw["source"],
        seen=raw["seen"],
        state=raw.get("state", "confirmed"),
        checked=raw["checked"],
        confirmed_by=raw.get("confirmed_by", ""),
        confirmed_at=None,  # confirmed before the desk existed: when is not recorded here
    )


def _shipped_service(raw: dict[str, Any]) -> ServiceEntry:
    referral = raw.get("referral", {})
    return ServiceEntry(
        id=raw["id"],
        name=raw["name"],
        description=raw["description"],
        discreet_name=raw["discreet_name"],
        discreet_description=raw["discreet_description"],
        needs=tuple(raw.get("needs", ())),
        areas=None if raw.get("areas") is None else tuple(raw["areas"]),
        areas_note=raw.get("areas_note", ""),
        audience=tuple(
            AudienceEntry(c["group"], c["says"], c.get("source", ""))
            for c in raw.get("audience", ())
        ),
        ages=raw.get("ages"),
        languages=None if raw.get("languages") is None else tuple(raw["languages"]),
        self_referral=bool(referral.get("self", True)),
        worker_referral=bool(referral.get("worker", True)),
        consent_needed=bool(referral.get("consent_needed", True)),
        source=raw["source"],
    )
