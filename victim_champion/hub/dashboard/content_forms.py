"""The content desk's add and edit forms for a service and a route: every field labelled,
its hint tied to it, a problem shown as one sentence above the form with what was typed
kept. The field names are the ones hub/editorial/desk.save_service and save_route read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from victim_champion.core.directory import COUNTY_WIDE, MEDWAY, NATIONAL
from victim_champion.hub.dashboard.content_pages import KIND_WORDS, desk_page_frame, error
from victim_champion.hub.dashboard.html_pages import e
from victim_champion.hub.editorial.entries import ROUTE_KINDS, RouteEntry, ServiceEntry

EDITING = "editing"  # a hidden field: the id of the entry being edited ("" when adding)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, area (several lines), check (yes/no), choice
    hint: str = ""
    required: bool = False


SERVICE_FIELDS = (
    Field(
        "id",
        "Id",
        hint="Lowercase letters, digits and hyphens, such as 'victim-support-kent'. "
        "It cannot be changed later.",
        required=True,
    ),
    Field("name", "Name", required=True),
    Field("description", "What it does, as the person's sheet says it", "area"),
    Field(
        "discreet_name",
        "Name on a discreet card",
        hint="A neutral name. Empty: never offered on a discreet card.",
    ),
    Field("discreet_description", "What it does, on a discreet card", "area"),
    Field("needs", "Needs it meets", "area", hint="Need ids, separated by commas."),
    Field(
        "areas",
        "Areas it works in",
        hint=f"District ids, '{COUNTY_WIDE}' (every Kent district), '{MEDWAY}' or "
        f"'{NATIONAL}', separated by commas. Empty: not known.",
    ),
    Field("areas_note", "Note on its areas"),
    Field(
        "audience",
        "Who it works with",
        "area",
        hint="One line each: group | what the "
        "source says | source. A claim with no source stops publishing.",
    ),
    Field("ages", "Ages", hint="Empty: not known."),
    Field("languages", "Languages", hint="Separated by commas. Empty: not known."),
    Field(
        "routes",
        "Routes it lists",
        hint="Route ids, separated by commas, such as "
        "'supportline'. Its own routes are listed with it anyway.",
    ),
    Field("self_referral", "People can contact it themselves", "check"),
    Field("worker_referral", "A worker can refer someone to it", "check"),
    Field("consent_needed", "A referral needs the person's consent", "check"),
    Field(
        "source",
        "Source",
        "area",
        hint="The address these details were read at, and the page's date.",
        required=True,
    ),
)
ROUTE_FIELDS = (
    Field(
        "id",
        "Id",
        hint="Lowercase letters, digits and hyphens, such as 'supportline'. "
        "It cannot be changed later.",
        required=True,
    ),
    Field("kind", "Kind", "choice"),
    Field("service_id", "Service", "choice", hint="Needed for a service's own route."),
    Field("name", "Name", required=True),
    Field(
        "contact",
        "Text as published",
        "area",
        hint="Exactly as the source shows it. "
        "A changed text or hours puts a confirmed route back to not confirmed.",
        required=True,
    ),
    Field("hours", "Hours", hint="As the source gives them. Empty: not given."),
    Field("any_time", "Open 24 hours, every day", "check", hint="Every emergency route must be."),
    Field("needs", "Needs", hint="For a need route only: need ids, separated by commas."),
    Field(
        "audience",
        "Only for this group",
        hint="For a need route only, such as 'men'. Empty: for everyone with the need.",
    ),
    Field("always_with_need", "Printed on every sheet for its need", "check"),
    Field("discreet_name", "Name on a discreet card", hint="Empty: never on a discreet card."),
    Field("discreet_contact", "Contact on a discreet card"),
    Field("source", "Source address", hint="The address it was read at.", required=True),
    Field("seen", "Date seen", hint="The page's own date as it shows it, or 'undated'."),
)
CHECKS = {f.name for f in (*SERVICE_FIELDS, *ROUTE_FIELDS) if f.kind == "check"}


def yes(value: bool) -> str:
    return "yes" if value else "no"


def service_values(service: ServiceEntry, listed_routes: Sequence[str]) -> dict[str, str]:
    """A stored service as the form's text."""
    return {
        "id": service.id,
        "name": service.name,
        "description": service.description,
        "discreet_name": service.discreet_name,
        "discreet_description": service.discreet_description,
        "needs": ", ".join(service.needs),
        "areas": ", ".join(service.areas or ()),
        "areas_note": service.areas_note,
        "audience": "\n".join(f"{a.group} | {a.says} | {a.source}" for a in service.audience),
        "ages": service.ages or "",
        "languages": ", ".join(service.languages or ()),
        "routes": ", ".join(listed_routes),
        "self_referral": yes(service.self_referral),
        "worker_referral": yes(service.worker_referral),
        "consent_needed": yes(service.consent_needed),
        "source": service.source,
    }


def route_values(route: RouteEntry) -> dict[str, str]:
    """A stored route as the form's text."""
    return {
        "id": route.id,
        "kind": route.kind,
        "service_id": route.service_id or "",
        "name": route.name,
        "contact": route.contact,
        "hours": route.hours,
        "any_time": yes(route.any_time),
        "needs": ", ".join(route.needs),
        "audience": route.audience,
        "always_with_need": yes(route.always_with_need),
        "discreet_name": route.discreet_name,
        "discreet_contact": route.discreet_contact,
        "source": route.source,
        "seen": route.seen,
    }


def new_route_values() -> dict[str, str]:
    return {"kind": "need"}


def new_service_values() -> dict[str, str]:
    return {"self_referral": "yes", "worker_referral": "yes", "consent_needed": "yes"}


def from_post(form: Mapping[str, str], shown: Sequence[Field]) -> dict[str, str]:
    """The fields the desk reads: a box left unticked is sent as "no" (a browser sends
    nothing for it), and nothing that the form does not show."""
    fields = {f.name: form.get(f.name, "") for f in shown}
    for name in CHECKS & fields.keys():
        fields[name] = "yes" if form.get(name) else "no"
    return fields


def _described(field: Field, problem: bool) -> str:
    ids = [f"{field.name}-hint"] if field.hint else []
    if problem:
        ids.append("form-error")
    return f" aria-describedby='{' '.join(ids)}'" if ids else ""


def _options(field: Field, value: str, services: Sequence[ServiceEntry]) -> str:
    if field.name == "kind":
        choices = [(k, KIND_WORDS[k]) for k in ROUTE_KINDS]
    else:
        choices = [("", "None: a route for a need or for every sheet")]
        choices += [(s.id, s.name) for s in services]
    return "".join(
        f"<option value='{e(v)}'{' selected' if v == value else ''}>{e(label)}</option>"
        for v, label in choices
    )


def _field(
    field: Field,
    values: Mapping[str, str],
    editing: bool,
    problem: bool,
    services: Sequence[ServiceEntry],
) -> str:
    value = values.get(field.name, "")
    hint = f"<p class='hint' id='{field.name}-hint'>{e(field.hint)}</p>" if field.hint else ""
    described = _described(field, problem)
    required = " required aria-required='true'" if field.required else ""
    name = f"id='{field.name}' name='{field.name}'"
    if field.kind == "check":
        ticked = " checked" if value == "yes" else ""
        return (
            f"<div class='check'><input type='checkbox' {name} value='yes'{ticked}{described}>"
            f"<label for='{field.name}'>{e(field.label)}</label></div>{hint}"
        )
    label = f"<label for='{field.name}'>{e(field.label)}</label>"
    if field.name == "id" and editing:
        return (
            f"{label}<input {name} value='{e(value)}' readonly{described}>"
            f"<p class='hint' id='id-hint'>The id cannot be changed.</p>"
        )
    if field.kind == "area":
        control = f"<textarea {name} rows='4'{required}{described}>{e(value)}</textarea>"
    elif field.kind == "choice":
        control = f"<select {name}{described}>{_options(field, value, services)}</select>"
    else:
        control = f"<input {name} value='{e(value)}'{required}{described}>"
    return f"{label}{hint}{control}"


def entry_form_page(
    what: str,
    values: Mapping[str, str],
    username: str,
    editing: bool,
    problem: str | None = None,
    services: Sequence[ServiceEntry] = (),
) -> str:
    """The add or edit form for a "service" or a "route"."""
    shown = SERVICE_FIELDS if what == "service" else ROUTE_FIELDS
    heading = f"{'Edit' if editing else 'Add'} a {what}"
    if editing:
        heading += f": {values.get('name') or values.get('id', '')}"
    fields = "".join(_field(f, values, editing, problem is not None, services) for f in shown)
    editing_id = values.get("id", "") if editing else ""
    note = (
        "<p>A new route starts as not confirmed: confirm it on the list once you have "
        "checked it on its source.</p>"
        if what == "route" and not editing
        else ""
    )
    body = (
        f"<h1>{e(heading)}</h1>{note}{error(problem)}"
        f"<form method='post' action='/dashboard/content/{what}' class='desk-form'>"
        f"<input type='hidden' name='{EDITING}' value='{e(editing_id)}'>"
        f"{fields}<div class='buttons'><button type='submit'>Save the {what}</button>"
        "<a href='/dashboard/content'>Back to the list, without saving</a></div></form>"
    )
    return desk_page_frame(heading, "/dashboard/content", body, username)
