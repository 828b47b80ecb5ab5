"""Reading the content desk's forms: a form's text fields become a ServiceEntry or a
RouteEntry, or a ContentError with one sentence the editor can act on.

A field left out of ``fields`` keeps its stored value (for a new entry, its default), so a
form must send every field it shows; a yes/no field sends "yes" or "no" ("" is no).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from typing import Any

from victim_champion.content.directory_loader import AUDIENCE_GROUPS, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.directory import COUNTY_WIDE, NATIONAL
from victim_champion.hub.editorial.entries import (
    ROUTE_KINDS,
    AudienceEntry,
    ContentError,
    RouteEntry,
    ServiceEntry,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MAX_ID = 64
_YES, _NO = ("yes", "on", "true", "1", "y"), ("no", "off", "false", "0", "n", "")
# Not compared when the audit line says what changed: they change with every save.
_BOOKKEEPING = {"updated_at", "updated_by", "confirmed_at"}


def this_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def slug(value: str, what: str) -> str:
    """A lowercase id such as 'victim-support-kent'."""
    value = value.strip()
    if not SLUG.match(value) or len(value) > MAX_ID:
        raise ContentError(
            f"The {what} id '{value}' must be lowercase letters, digits and single hyphens "
            f"(at most {MAX_ID} characters), such as 'victim-support-kent'."
        )
    return value


def id_list(value: str, known: set[str], what: str) -> tuple[str, ...]:
    """Comma-separated ids, each a known one, in the order given, without repeats."""
    ids = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    for each in ids:
        if each not in known:
            raise ContentError(f"There is no {what} with the id '{each}'.")
    return ids


def need_ids() -> set[str]:
    return {need.id for need in load_needs()}


def area_ids() -> set[str]:
    return {d.id for d in load_districts().districts} | {COUNTY_WIDE, NATIONAL}


def flag(value: str, label: str) -> bool:
    answer = value.strip().lower()
    if answer not in _YES + _NO:
        raise ContentError(f"'{label}' must be yes or no, not '{value}'.")
    return answer in _YES


def audience_lines(text: str) -> tuple[AudienceEntry, ...]:
    """Lines "group | says | source"; the source may be empty (publishing then refuses)."""
    claims = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3 or not parts[1]:
            raise ContentError(
                f"Write each audience line as 'group | what the source says | source', "
                f"not '{line}'."
            )
        if parts[0] not in AUDIENCE_GROUPS:
            raise ContentError(
                f"The audience group '{parts[0]}' is not one of {', '.join(AUDIENCE_GROUPS)}."
            )
        claims.append(AudienceEntry(parts[0], parts[1], parts[2]))
    return tuple(claims)


def _required(value: str, label: str) -> str:
    if not value.strip():
        raise ContentError(f"Give the {label}; it cannot be left empty.")
    return value.strip()


class _Form:
    """The form's value for a field, else the stored one, else a default."""

    def __init__(self, fields: Mapping[str, str], stored: Any | None) -> None:
        self.fields, self.stored = fields, stored

    def given(self, name: str) -> bool:
        return name in self.fields

    def string(self, name: str, default: str = "") -> str:
        if name in self.fields:
            return str(self.fields[name]).strip()
        return str(getattr(self.stored, name)) if self.stored is not None else default

    def value(self, name: str, parse: Any, default: Any) -> Any:
        if name in self.fields:
            return parse(str(self.fields[name]))
        return getattr(self.stored, name) if self.stored is not None else default


def service_from_form(fields: Mapping[str, str], stored: ServiceEntry | None) -> ServiceEntry:
    """The service the form describes (``stored``: the one it edits, None for a new one)."""
    form = _Form(fields, stored)
    service_id = stored.id if stored else slug(str(fields.get("id", "")), "service")
    areas_text = form.string("areas") if form.given("areas") else None

    def areas(text: str) -> tuple[str, ...] | None:
        return id_list(text, area_ids(), "area") or None  # empty: where it works is unknown

    def optional_list(text: str) -> tuple[str, ...] | None:
        return tuple(p.strip() for p in text.split(",") if p.strip()) or None

    return ServiceEntry(
        id=service_id,
        name=_required(form.string("name"), "service's name"),
        description=form.string("description"),
        discreet_name=form.string("discreet_name"),
        discreet_description=form.string("discreet_description"),
        needs=form.value("needs", lambda t: id_list(t, need_ids(), "need"), ()),
        areas=areas(areas_text) if areas_text is not None else (stored.areas if stored else None),
        areas_note=form.string("areas_note"),
        audience=form.value("audience", audience_lines, ()),
        ages=form.value("ages", lambda t: t.strip() or None, None),
        languages=form.value("languages", optional_list, None),
        self_referral=form.value("self_referral", lambda t: flag(t, "self referral"), True),
        worker_referral=form.value("worker_referral", lambda t: flag(t, "worker referral"), True),
        consent_needed=form.value("consent_needed", lambda t: flag(t, "consent needed"), True),
        source=_required(form.string("source"), "source the service's details come from"),
    )


def route_from_form(
    fields: Mapping[str, str], stored: RouteEntry | None, service_ids: set[str]
) -> RouteEntry:
    """The route the form describes; state and confirmation are the stored ones (or
    unconfirmed, for a new route): only confirm_route and withdraw_route change them."""
    form = _Form(fields, stored)
    route_id = stored.id if stored else slug(str(fields.get("id", "")), "route")
    kind = form.string("kind", "need")
    if kind not in ROUTE_KINDS:
        raise ContentError(f"The kind '{kind}' is not one of {', '.join(ROUTE_KINDS)}.")
    service_id = form.string("service_id") if form.given("service_id") else None
    if service_id is None and stored is not None:
        service_id = stored.service_id
    service_id = service_id or None
    if service_id is not None and service_id not in service_ids:
        raise ContentError(f"There is no service with the id '{service_id}'.")
    if kind == "service" and service_id is None:
        raise ContentError(f"A service's own route ('{route_id}') must name its service.")
    needs = form.value("needs", lambda t: id_list(t, need_ids(), "need"), ())
    if (kind == "need") != bool(needs):
        raise ContentError(
            f"Route '{route_id}': a need route names at least one need, and other kinds none."
        )
    audience = form.string("audience")
    if audience and (audience not in AUDIENCE_GROUPS or kind != "need"):
        raise ContentError(
            f"Route '{route_id}': the audience must be one of {', '.join(AUDIENCE_GROUPS)}, "
            "and only on a need route."
        )
    checked = form.string("checked") or this_month()
    if not MONTH.match(checked):
        raise ContentError(f"'Checked' must be a month written YYYY-MM, not '{checked}'.")
    return RouteEntry(
        id=route_id,
        service_id=service_id,
        kind=kind,
        name=_required(form.string("name"), "route's name"),
        contact=_required(form.string("contact"), "contact text as published"),
        hours=form.string("hours"),
        any_time=form.value("any_time", lambda t: flag(t, "open 24 hours"), False),
        needs=needs,
        audience=audience,
        always_with_need=form.value(
            "always_with_need", lambda t: flag(t, "always with its need"), False
        ),
        discreet_name=form.string("discreet_name"),
        discreet_contact=form.string("discreet_contact"),
        source=_required(form.string("source"), "address the route was read at"),
        seen=form.string("seen") or "undated",
        state=stored.state if stored else "unconfirmed",
        checked=checked,
        confirmed_by=stored.confirmed_by if stored else "",
        confirmed_at=stored.confirmed_at if stored else None,
        kept=form.value("kept", lambda t: tuple(k.strip() for k in t.split(";") if k.strip()), ()),
    )


def shown(value: Any) -> str:
    """A field's value in an audit line."""
    if isinstance(value, tuple) and all(isinstance(v, AudienceEntry) for v in value):
        value = "; ".join(f"{v.group} | {v.says} | {v.source}" for v in value)
    elif isinstance(value, tuple):
        value = ", ".join(str(v) for v in value)
    text = "unknown" if value is None else str(value)
    return f"'{text[:117]}...'" if len(text) > 120 else f"'{text}'"


def changed_fields(before: Any, after: Any) -> list[str]:
    """ "contact '0800 1' -> '0800 2'" for each field that differs."""
    return [
        f"{f.name} {shown(getattr(before, f.name))} -> {shown(getattr(after, f.name))}"
        for f in dataclass_fields(after)
        if f.name not in _BOOKKEEPING and getattr(before, f.name) != getattr(after, f.name)
    ]
