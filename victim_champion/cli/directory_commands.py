"""Handler for ``directory search``: ranked services with reasons and verification."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext
from victim_champion.cli.laptop_directory import use_laptop_directory
from victim_champion.content.directory_loader import current_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.directory import Route
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.signposting import Person, match_services


def resolve_needs(given: list[str]) -> frozenset[str]:
    """Need ids or labels, any case; an unknown one is named with the choices."""
    needs = load_needs()
    chosen = set()
    for item in given:
        folded = item.strip().casefold()
        found = next((n.id for n in needs if folded in (n.id, n.label.casefold())), None)
        if found is None:
            raise InvalidInputError(
                f"'{item}' is not a need we know; use one of: {', '.join(n.id for n in needs)}."
            )
        chosen.add(found)
    return frozenset(chosen)


GROUPS = ("lgbt", "men")  # what a person may say they are, for the lines only they get


def checked_groups(given: list[str]) -> list[str]:
    """``--group`` values, each one we ask about."""
    for group in given:
        if group not in GROUPS:
            raise InvalidInputError(f"'{group}' is not a group we ask about; use lgbt or men.")
    return given


def route_line(route: Route) -> str:
    """ "Samaritans: 116 123 (free); jo@samaritans.org (24 hours, every day; checked
    November 2026 from samaritans.org/…)" """
    hours = route.hours or "hours not known"
    return f"{route.name}: {route.contact} ({hours}; {route.checked_text} from {route.source})"


def route_document(route: Route) -> dict[str, object]:
    """A route for --json: what the text line shows, with its source for the worker."""
    return {
        "id": route.id,
        "kind": route.kind,
        "name": route.name,
        "contact": route.contact,
        "hours": route.hours or None,  # null: no official page gave them
        "any_time": route.any_time,
        "needs": list(route.needs),
        "audience": route.audience or None,
        "checked": route.checked,
        "source": route.source,
        "seen": route.seen,
        "state": route.state,  # "unconfirmed": shown to the worker, never printed
    }


def directory_search(context: CommandContext, options: argparse.Namespace) -> int:
    """``directory search [--need NEED]... [--district D] [--group lgbt|men]`` (public data:
    no passphrase; a group adds the lines only that group gets, such as Galop).

    Never a dead end: after the services (or when none fits) come the routes every sheet
    carries and the national lines for the needs asked about, each with its source. With
    --json: ``{"services": [...], "routes": [...], "edition": ...}``, the same routes."""
    use_laptop_directory(context)
    district = load_districts().resolve(options.district) if options.district else None
    groups = checked_groups(options.group or [])
    person = Person(
        district.id if district else None,
        resolve_needs(options.need or []),
        gender="man" if "men" in groups else None,
        lgbt="lgbt" in groups,
    )
    labels = {n.id: n.label for n in load_needs()}
    directory = current_directory()
    matches = match_services(
        directory.services, person, labels, district.name if district else "Kent"
    )
    services = [
        {
            "id": m.service.id,
            "name": m.service.name,
            "description": m.service.description,
            "score": m.score,
            "reasons": list(m.reasons),
            "verified": m.verified,
            "verified_on": m.service.verified_on.isoformat() if m.service.verified_on else None,
            "needs": list(m.service.needs),
            "areas": list(m.service.areas) if m.service.areas is not None else None,
            "routes": [
                {"name": r.name, "contact": r.contact, "source": r.source, "state": r.state}
                for r in directory.own_routes(m.service, unconfirmed=True)
            ],
            "source": m.service.source,
        }
        for m in matches
    ]
    lines = [
        f"{m.service.name}{'' if m.verified else '  [Sample - check before use]'}\n"
        f"    {m.service.description}\n" + "".join(f"    - {reason}\n" for reason in m.reasons)
        for m in matches
    ]
    if not matches:
        lines.append("No local service in the directory fits; these lines can help now.")
    routes = directory.routes_for(person.needs, groups=groups)
    lines.append("Routes to help (every sheet carries these):")
    lines += [f"  {route_line(r)}" for r in routes]
    lines.append(directory.edition_text + ".")
    document = {
        "services": services,
        "routes": [route_document(r) for r in routes],
        "edition": directory.edition_text,
    }
    context.emit(document, "\n".join(lines))
    return 0
