"""Loading the services directory and the needs vocabulary: the shipped edition from
resources/, or a newer one Compass House signed and published (a "directory" bundle).

Every claim is checked as it is read: a route needs its source, the date seen and the
month checked; an audience claim needs its source (unknown is not yes); needs and areas
must be known ones. A route is "confirmed" (the default, as in the shipped file) or
"unconfirmed"; a withdrawn route is never in a directory, and a route printed on every
sheet (an emergency route, the Supportline, a line every sheet for its need carries) must
be confirmed. A bundle that fails these checks is refused with one sentence, and
the shipped edition stays in use.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from typing import Any

from victim_champion.content.district_loader import load_districts
from victim_champion.content.reference_files import field, read_document
from victim_champion.core.directory import (
    CONFIRMED,
    COUNTY_WIDE,
    NATIONAL,
    ROUTE_STATES,
    AudienceClaim,
    Directory,
    Need,
    ReferralRoute,
    Route,
    Service,
)
from victim_champion.core.errors import ResourceError

DIRECTORY_FILE = ("directory", "services.json")
NEEDS_FILE = ("reference", "needs.toml")
ROUTE_KINDS = ("emergency", "everyone", "need", "service")
AUDIENCE_GROUPS = ("men", "women", "lgbt", "children", "young-people", "disabled")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_bundle: Directory | None = None  # a newer signed edition adopted at unlock or sync


@cache
def load_needs() -> tuple[Need, ...]:
    """The needs checklist, in display order."""
    where = NEEDS_FILE[-1]
    document = read_document(*NEEDS_FILE)
    needs = tuple(
        Need(
            field(raw, "id", str, where),
            field(raw, "label", str, where),
            str(raw.get("discreet_label", "")),
        )
        for raw in field(document, "needs", list, where)
    )
    if len({n.id for n in needs}) != len(needs):
        raise ResourceError(f"{where}: a need id is listed twice.")
    return needs


def _text(raw: dict[str, Any], key: str, where: str, *, empty: bool = False) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise ResourceError(f"{where}: '{key}' must be text{'' if empty else ', not empty'}.")
    return value


def _route(raw: Any, need_ids: set[str]) -> Route:
    if not isinstance(raw, dict):
        raise ResourceError(f"{DIRECTORY_FILE[-1]}: each route must be an object.")
    where = f"{DIRECTORY_FILE[-1]} route '{raw.get('id')}'"
    kind = _text(raw, "kind", where)
    if kind not in ROUTE_KINDS:
        raise ResourceError(f"{where}: 'kind' must be one of {', '.join(ROUTE_KINDS)}.")
    state = raw.get("state", CONFIRMED)
    if state not in ROUTE_STATES:
        raise ResourceError(
            f"{where}: a withdrawn route is left out of a directory."
            if state == "withdrawn"
            else f"{where}: 'state' must be confirmed or unconfirmed."
        )
    # Paper carries only confirmed routes, so a route every sheet carries must be one.
    if state != CONFIRMED and (kind in ("emergency", "everyone") or raw.get("always_with_need")):
        raise ResourceError(f"{where}: a route printed on every sheet must be confirmed.")
    needs = tuple(field(raw, "needs", list, where))
    if [n for n in needs if n not in need_ids] or (kind == "need") != bool(needs):
        raise ResourceError(f"{where}: a need route names known needs; others name none.")
    checked = _text(raw, "checked", where)
    if not _MONTH.match(checked):
        raise ResourceError(f"{where}: 'checked' must be YYYY-MM.")
    any_time, hours = raw.get("any_time", False), _text(raw, "hours", where, empty=True)
    # A person in danger must not hesitate: an emergency route is never "hours not known".
    if kind == "emergency" and not (any_time is True and hours.strip()):
        raise ResourceError(f"{where}: an emergency route must be open 24 hours and say so.")
    audience = raw.get("audience", "")
    if audience and (audience not in AUDIENCE_GROUPS or kind != "need"):
        raise ResourceError(f"{where}: 'audience' must be a known group, on a need route.")
    return Route(
        id=_text(raw, "id", where),
        kind=kind,
        name=_text(raw, "name", where),
        contact=_text(raw, "contact", where),
        hours=hours,
        needs=needs,
        source=_text(raw, "source", where),  # a route without its source is never shown
        seen=_text(raw, "seen", where),
        checked=checked,
        confirmed_by=_text(raw, "confirmed_by", where, empty=state != CONFIRMED),
        discreet_name=_text(raw, "discreet_name", where, empty=True),
        discreet_contact=_text(raw, "discreet_contact", where, empty=True),
        any_time=bool(any_time),
        audience=str(audience),
        always_with_need=bool(raw.get("always_with_need", False)),
        state=str(state),
        kept=_kept(raw, where),
    )


def _kept(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    """The route's names that every language prints as they are. Only where they appear
    in its words do they count, so a name left over after an edit hides nothing."""
    kept = raw.get("kept", [])
    if not isinstance(kept, list) or not all(isinstance(k, str) and k.strip() for k in kept):
        raise ResourceError(f"{where}: 'kept' must be a list of names.")
    return tuple(kept)


def _claims(raw: Any, where: str) -> tuple[AudienceClaim, ...]:
    if not isinstance(raw, list):
        raise ResourceError(f"{where}: 'audience' must be a list (empty when nothing is known).")
    claims = []
    for claim in raw:
        if not isinstance(claim, dict) or claim.get("group") not in AUDIENCE_GROUPS:
            raise ResourceError(f"{where}: an audience claim needs a known 'group'.")
        # Unknown is not yes: a claim about who a service is for needs its source.
        claims.append(
            AudienceClaim(
                str(claim["group"]), _text(claim, "says", where), _text(claim, "source", where)
            )
        )
    return tuple(claims)


def _service(raw: Any, index: int, need_ids: set[str], area_ids: set[str]) -> Service:
    if not isinstance(raw, dict):
        raise ResourceError(f"{DIRECTORY_FILE[-1]} service {index + 1}: must be an object.")
    service_id = field(raw, "id", str, f"{DIRECTORY_FILE[-1]} service {index + 1}")
    where = f"{DIRECTORY_FILE[-1]} service '{service_id}'"
    needs = tuple(field(raw, "needs", list, where))
    unknown = [n for n in needs if n not in need_ids]
    if unknown:
        raise ResourceError(f"{where}: unknown need '{unknown[0]}'.")
    areas_raw = raw.get("areas")
    areas = None if areas_raw is None else tuple(field(raw, "areas", list, where))
    if areas is not None and [a for a in areas if a not in area_ids]:
        raise ResourceError(f"{where}: unknown area in 'areas'.")
    verified = raw.get("verified_on")
    try:
        verified_on = date.fromisoformat(verified) if verified else None
    except (TypeError, ValueError):
        raise ResourceError(f"{where}: verified_on must be YYYY-MM-DD or null.") from None
    route = raw.get("referral", {})
    languages = raw.get("languages")
    if not isinstance(route, dict) or not (languages is None or isinstance(languages, list)):
        raise ResourceError(f"{where}: 'referral' must be an object, 'languages' a list or null.")
    return Service(
        id=service_id,
        name=_text(raw, "name", where),
        description=_text(raw, "description", where),
        discreet_name=_text(raw, "discreet_name", where),
        discreet_description=_text(raw, "discreet_description", where),
        needs=needs,
        areas=areas,
        areas_note=str(raw.get("areas_note", "")),
        audience=_claims(raw.get("audience", []), where),
        route_ids=tuple(str(r) for r in raw.get("routes", [])),
        referral=ReferralRoute(
            bool(route.get("self", True)),
            bool(route.get("worker", True)),
            bool(route.get("consent_needed", True)),
        ),
        ages=str(raw["ages"]) if raw.get("ages") is not None else None,
        languages=None if languages is None else tuple(str(x) for x in languages),
        source=_text(raw, "source", where),
        verified_on=verified_on,
    )


def parse_directory(document: dict[str, Any]) -> Directory:
    """A whole directory edition, checked; ResourceError names the first fault."""
    name = DIRECTORY_FILE[-1]
    need_ids = {n.id for n in load_needs()}
    area_ids = {d.id for d in load_districts().districts} | {COUNTY_WIDE, NATIONAL}
    routes = tuple(_route(raw, need_ids) for raw in field(document, "routes", list, name))
    services = tuple(
        _service(raw, i, need_ids, area_ids)
        for i, raw in enumerate(field(document, "services", list, name))
    )
    for ids, what in ((routes, "route"), (services, "service")):
        if len({x.id for x in ids}) != len(ids):
            raise ResourceError(f"{name}: a {what} id is listed twice.")
    known_routes = {r.id for r in routes}
    for service in services:
        if [r for r in service.route_ids if r not in known_routes]:
            raise ResourceError(f"{name} service '{service.id}': names an unknown route.")
    published = document.get("published")
    try:
        day = date.fromisoformat(published) if isinstance(published, str) else None
    except ValueError:
        raise ResourceError(f"{name}: 'published' must be YYYY-MM-DD.") from None
    return Directory(
        edition=field(document, "edition", str, name),
        published=day,
        sample=bool(document.get("sample", True)),
        services=services,
        routes=routes,
    )


@cache
def shipped_directory() -> Directory:
    """The edition installed with the app."""
    return parse_directory(read_document(*DIRECTORY_FILE))


def current_directory() -> Directory:
    """The edition in use: the newest signed one adopted, else the shipped one."""
    return _bundle or shipped_directory()


def load_directory() -> tuple[Service, ...]:
    """Every service in the edition in use."""
    return current_directory().services


def adopt_directory_bundle(files: dict[str, str] | None) -> str | None:
    """Use a verified hub bundle's directory (or, with None, go back to the shipped one).

    Returns the sentence for the worker when a bundle had to be refused; the edition in
    use is then the shipped one, never a half-read bundle."""
    global _bundle
    _bundle = None
    if not files:
        return None
    try:
        text = files.get(DIRECTORY_FILE[-1]) or next(iter(files.values()))
        document = json.loads(text)
        if not isinstance(document, dict):
            raise ResourceError("the directory must be an object")
        _bundle = parse_directory(document)
    except (ResourceError, ValueError, StopIteration) as error:
        reason = error.message if isinstance(error, ResourceError) else "it is not valid JSON"
        return (
            f"The directory update from Compass House could not be used ({reason}), "
            "so the installed directory is in use."
        )
    return None
