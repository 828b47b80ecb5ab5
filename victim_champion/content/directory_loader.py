"""Loading the services directory and the needs vocabulary from resources/."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from victim_champion.content.district_loader import load_districts
from victim_champion.content.reference_files import field, read_document
from victim_champion.core.directory import (
    COUNTY_WIDE,
    NATIONAL,
    Audience,
    ContactChannel,
    Need,
    ReferralRoute,
    Service,
)
from victim_champion.core.errors import ResourceError

DIRECTORY_FILE = ("directory", "services.json")
NEEDS_FILE = ("reference", "needs.toml")


@cache
def load_needs() -> tuple[Need, ...]:
    """The needs checklist, in display order."""
    document = read_document(*NEEDS_FILE)
    needs = tuple(
        Need(field(raw, "id", str, NEEDS_FILE[-1]), field(raw, "label", str, NEEDS_FILE[-1]))
        for raw in field(document, "needs", list, NEEDS_FILE[-1])
    )
    if len({n.id for n in needs}) != len(needs):
        raise ResourceError(f"{NEEDS_FILE[-1]}: a need id is listed twice.")
    return needs


def _service(raw: dict[str, Any], index: int, need_ids: set[str], area_ids: set[str]) -> Service:
    where = f"{DIRECTORY_FILE[-1]} service {index + 1}"
    service_id = field(raw, "id", str, where)
    where = f"{DIRECTORY_FILE[-1]} service '{service_id}'"
    needs = tuple(field(raw, "needs", list, where))
    unknown = [n for n in needs if n not in need_ids]
    if unknown:
        raise ResourceError(f"{where}: unknown need '{unknown[0]}'.")
    areas = tuple(field(raw, "areas", list, where))
    unknown = [a for a in areas if a not in area_ids]
    if unknown:
        raise ResourceError(f"{where}: unknown area '{unknown[0]}'.")
    verified = raw.get("verified_on")
    contacts = tuple(
        ContactChannel(str(c["kind"]), str(c["value"]), str(c.get("hours", "")))
        for c in field(raw, "contacts", list, where)
    )
    if contacts and not verified:
        # Never show a phone number, address or web address nobody has checked.
        raise ResourceError(f"{where}: contact details need a verified_on date.")
    try:
        verified_on = date.fromisoformat(verified) if verified else None
    except (TypeError, ValueError):
        raise ResourceError(f"{where}: verified_on must be YYYY-MM-DD or null.") from None
    audience = raw.get("for", {})
    route = raw.get("referral", {})
    if not isinstance(audience, dict) or not isinstance(route, dict):
        raise ResourceError(f"{where}: 'for' and 'referral' must be objects.")
    return Service(
        audience=Audience(
            str(audience.get("ages", "all")),
            str(audience.get("genders", "all")),
            bool(audience.get("lgbt", True)),
            bool(audience.get("disability", True)),
        ),
        referral=ReferralRoute(
            bool(route.get("self", True)),
            bool(route.get("worker", True)),
            bool(route.get("consent_needed", True)),
        ),
        languages=tuple(str(language) for language in raw.get("languages", ["English"])),
        id=service_id,
        name=field(raw, "name", str, where),
        description=field(raw, "description", str, where),
        needs=needs,
        areas=areas,
        source=field(raw, "source", str, where),
        verified_on=verified_on,
        contacts=contacts,
    )


@cache
def load_directory() -> tuple[Service, ...]:
    """Every service in the shipped directory, validated against needs and districts."""
    document = read_document(*DIRECTORY_FILE)
    need_ids = {n.id for n in load_needs()}
    area_ids = {d.id for d in load_districts().districts} | {COUNTY_WIDE, NATIONAL}
    services = tuple(
        _service(raw, i, need_ids, area_ids)
        for i, raw in enumerate(field(document, "services", list, DIRECTORY_FILE[-1]))
    )
    if len({s.id for s in services}) != len(services):
        raise ResourceError(f"{DIRECTORY_FILE[-1]}: a service id is listed twice.")
    return services
