"""A directory edition from the content desk: the draft in the laptops' services.json
format, what stops it being published, what it changes against the directory laptops
have now, and publishing it as a signed "directory" bundle.

The hub refuses what the laptops would refuse, and more: an emergency route not open 24
hours, a route printed on every sheet that nobody confirmed, and a claim about who a
service is for with no source (unknown is not yes).

Publishing signs through hub/api/bundles.publish, which the caller hands in (the command
line, or hub/api for the dashboard): hub/api includes the dashboard, which reads the desk,
so imports between hub/editorial and hub/api go one way only, from hub/api.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, select

from victim_champion.content.directory_loader import DIRECTORY_FILE, parse_directory
from victim_champion.content.reference_files import read_document
from victim_champion.core.errors import ResourceError
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial.desk import (
    list_routes,
    list_services,
    service_extras,
    service_route_ids,
)
from victim_champion.hub.editorial.entries import ContentError, RouteEntry, ServiceEntry
from victim_champion.hub.storage.newest_bundle import newest_files
from victim_champion.hub.storage.signing_keys import HubKey
from victim_champion.hub.storage.tables import bundles as bundle_table


class Publisher(Protocol):
    """hub/api/bundles.publish: sign, store, tell the devices; ``audit`` in that transaction."""

    def __call__(
        self,
        engine: Engine,
        key: HubKey,
        document: dict[str, Any],
        audit: Callable[[Connection], None] | None = None,
    ) -> str: ...


KIND = "directory"
DRAFT = "draft"
NOTE = (
    "Published by Compass House from the hub's content desk. Only confirmed routes are "
    "printed; an unconfirmed one is shown on screen, marked. Sources stay here and at "
    "Compass House, never on the person's sheet."
)
# What a route in an older file means when it leaves a field out.
_ROUTE_DEFAULTS = {
    "state": "confirmed",
    "any_time": False,
    "audience": "",
    "always_with_need": False,
    "hours": "",
    "discreet_name": "",
    "discreet_contact": "",
    "kept": [],
}


def _route_document(route: RouteEntry) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": route.id,
        "kind": route.kind,
        "name": route.name,
        "contact": route.contact,
        "hours": route.hours,
        "needs": list(route.needs),
        "source": route.source,
        "seen": route.seen,
        "checked": route.checked,
        "confirmed_by": route.confirmed_by,
        "discreet_name": route.discreet_name,
        "discreet_contact": route.discreet_contact,
        "any_time": route.any_time,
        "state": route.state,
    }
    if route.audience:
        document["audience"] = route.audience
    if route.always_with_need:
        document["always_with_need"] = True
    if route.kept:
        document["kept"] = list(route.kept)
    return document


def _service_document(
    service: ServiceEntry, route_ids: list[str], verified_on: str | None
) -> dict[str, Any]:
    return {
        "id": service.id,
        "name": service.name,
        "description": service.description,
        "needs": list(service.needs),
        "discreet_name": service.discreet_name,
        "discreet_description": service.discreet_description,
        "areas": None if service.areas is None else list(service.areas),
        "areas_note": service.areas_note,
        "audience": [
            {"group": c.group, "says": c.says, "source": c.source} for c in service.audience
        ],
        "ages": service.ages,
        "languages": None if service.languages is None else list(service.languages),
        "routes": route_ids,
        "referral": {
            "self": service.self_referral,
            "worker": service.worker_referral,
            "consent_needed": service.consent_needed,
        },
        "source": service.source,
        "verified_on": verified_on,
    }


def draft_document(engine: Engine) -> dict[str, Any]:
    """The desk as a services.json document: withdrawn routes left out, also from the
    services' route lists. Its edition is "draft" until publish_directory numbers it."""
    routes = [r for r in list_routes(engine) if r.state != "withdrawn"]
    shown = {r.id for r in routes}
    linked = service_route_ids(engine)
    with engine.connect() as connection:
        extras = service_extras(connection)
    services = [
        _service_document(
            s,
            [r for r in linked.get(s.id, ()) if r in shown],
            extras.get(s.id, {}).get("verified_on"),
        )
        for s in list_services(engine)
    ]
    return {
        "edition": DRAFT,
        "published": None,
        "sample": not services or any(s["verified_on"] is None for s in services),
        "note": NOTE,
        "routes": [_route_document(r) for r in routes],
        "services": services,
    }


def _every_sheet(route: dict[str, Any]) -> bool:
    return route["kind"] in ("emergency", "everyone") or bool(route.get("always_with_need"))


def refusals(engine: Engine) -> list[str]:
    """Why the draft cannot be published, one sentence each (empty: it can be)."""
    return _refusals(draft_document(engine))


def _refusals(document: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if not document["services"] or not document["routes"]:
        found.append(
            "The desk holds no services or no routes yet: import the research or start "
            "from the shipped directory first."
        )
    for route in document["routes"]:
        name = f"'{route['name']}' ({route['id']})"
        if route["kind"] == "emergency" and not (route["any_time"] and route["hours"].strip()):
            found.append(
                f"The emergency route {name} must be open 24 hours and say so: give its "
                "hours and mark it open 24 hours, or withdraw it."
            )
        if _every_sheet(route) and route["state"] != "confirmed":
            found.append(
                f"The route {name} is printed on every sheet but is not confirmed: "
                "confirm it or withdraw it."
            )
    for service in document["services"]:
        for claim in service["audience"]:
            if not claim["source"].strip():
                found.append(
                    f"The service '{service['name']}' ({service['id']}) says "
                    f"'{claim['says']}' with no source: give the source or remove the "
                    "claim (unknown is not yes)."
                )
    if not found:
        try:
            parse_directory(document)
        except ResourceError as error:
            found.append(f"Laptops would refuse this directory: {error.message}")
    return found


def _base(engine: Engine) -> dict[str, Any]:
    """The directory laptops have now: the newest published, else the shipped one."""
    files = newest_files(engine, KIND)
    if files is None:
        return read_document(*DIRECTORY_FILE)
    document = json.loads(files.get(DIRECTORY_FILE[-1]) or next(iter(files.values())))
    return document if isinstance(document, dict) else {}


def current_edition(engine: Engine) -> str:
    """The edition laptops have now."""
    return str(_base(engine).get("edition", ""))


def _shown(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(
            " | ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    elif isinstance(value, dict):
        value = ", ".join(f"{k} {v}" for k, v in value.items())
    text = "unknown" if value is None else str(value)
    return f"'{text[:97]}...'" if len(text) > 100 else f"'{text}'"


def _differences(kind: str, old: dict[str, Any], new: dict[str, Any]) -> str | None:
    defaults = _ROUTE_DEFAULTS if kind == "route" else {}
    parts = []
    for key in new.keys() | old.keys():
        if key == "id":
            continue
        before, after = old.get(key, defaults.get(key)), new.get(key, defaults.get(key))
        if before != after:
            if key == "state":
                parts.append(f"state {before} -> {after}")
            else:
                parts.append(f"{key} {_shown(before)} -> {_shown(after)}")
    if not parts:
        return None
    return f"The {kind} '{new.get('name')}' ({new['id']}) changes: {'; '.join(sorted(parts))}."


def changes(engine: Engine) -> list[str]:
    """What publishing the draft changes against the directory laptops have now, one
    sentence each: added and removed (withdrawn) services and routes, and each field
    changed, the route's state included."""
    return _changes(_base(engine), draft_document(engine))


def _changes(base: dict[str, Any], draft: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for kind, key in (("service", "services"), ("route", "routes")):
        old = {item["id"]: item for item in base.get(key, []) if isinstance(item, dict)}
        new = {item["id"]: item for item in draft[key]}
        for item_id in sorted(new.keys() - old.keys()):
            state = f", {new[item_id]['state']}" if kind == "route" else ""
            found.append(f"New {kind} '{new[item_id]['name']}' ({item_id}{state}).")
        for item_id in sorted(old.keys() - new.keys()):
            why = "withdrawn" if kind == "route" else "removed"
            found.append(f"The {kind} '{old[item_id].get('name')}' ({item_id}) is {why}.")
        for item_id in sorted(new.keys() & old.keys()):
            changed = _differences(kind, old[item_id], new[item_id])
            if changed:
                found.append(changed)
    return found


def next_edition(engine: Engine, today: date) -> str:
    """ "YYYY-MM.N": one more than the highest published this month, else N = 1."""
    month = today.strftime("%Y-%m")
    with engine.connect() as connection:
        versions = connection.execute(
            select(bundle_table.c.version).where(
                bundle_table.c.kind == KIND, bundle_table.c.version.like(f"{month}.%")
            )
        ).scalars()
        numbers = [int(v.split(".", 1)[1]) for v in versions if v.split(".", 1)[1].isdigit()]
    return f"{month}.{max(numbers, default=0) + 1}"


def publish_directory(
    engine: Engine, key: HubKey, actor: str, today: date, *, publish: Publisher
) -> str:
    """Sign and publish the draft as the next edition, with its audit line in the same
    transaction; laptops pull it at their next sync. ContentError with the first refusal,
    or when nothing changes. Returns the edition. ``publish``: hub/api/bundles.publish (its
    BundleError passes through, e.g. when another editor took the number a moment ago)."""
    document = draft_document(engine)
    refused = _refusals(document)
    if refused:
        more = f" ({len(refused) - 1} more to put right.)" if len(refused) > 1 else ""
        raise ContentError(f"Not published: {refused[0]}{more}")
    base = _base(engine)
    summary = _changes(base, document)
    if not summary:
        raise ContentError(
            f"Not published: nothing changes against edition {base.get('edition')}, "
            "which laptops have now."
        )
    edition = next_edition(engine, today)
    signed = {**document, "edition": edition, "published": today.isoformat()}
    detail = (
        f"{len(document['services'])} services, {len(document['routes'])} routes; "
        f"{len(summary)} changes: " + " ".join(summary)
    )
    return publish(
        engine,
        key,
        {
            "kind": KIND,
            "version": edition,
            "files": {DIRECTORY_FILE[-1]: json.dumps(signed, ensure_ascii=False, indent=1)},
        },
        audit=lambda connection: audit.record(
            connection, actor, "publish-directory", edition, detail
        ),
    )
