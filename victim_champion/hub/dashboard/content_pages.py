"""The content desk's HTML (hub/dashboard/content_routes.py): the services and routes with
their state, what a publication would change, stale facts and the audit log.

Plain pages like the rest of the dashboard: no scripts, every control an ordinary form, a
route's state always written in words (the colour only repeats it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from victim_champion.hub.dashboard.html_pages import e, logout_form, page
from victim_champion.hub.editorial.entries import RouteEntry, ServiceEntry

DESK_STYLE = """
main.wide{max-width:none}
nav.desk ul{display:flex;flex-wrap:wrap;gap:.25em 1.5em;list-style:none;padding:0;
margin:.5em 0 1em;columns:auto}
nav.desk a{font-weight:600}
nav.desk a[aria-current=page]{color:#1d2430;text-decoration:none;border-bottom:3px solid #123a5e}
.done{border-left:6px solid #1e6b30;background:#eef7f0;padding:.6em 1em;font-weight:600}
.links{display:flex;flex-wrap:wrap;gap:1em;margin:.5em 0 1em}
.links a{font-weight:700}
table.desk{font-variant-numeric:normal;width:100%;font-size:.92rem;table-layout:fixed}
table.desk td{text-align:left;vertical-align:top;min-width:0}
table.desk th[scope=row]{vertical-align:top}
table.desk td,table.desk th[scope=row]{overflow-wrap:anywhere}
table.desk td.actions{overflow-wrap:normal}
main.wide>h2{margin-top:1.25em}
main.wide+footer{max-width:none}
.panel h2,.refused h2{margin-top:.2em}
table.desk .small{display:block;color:#333a46;font-weight:400;font-size:.88rem}
col.w7{width:7%}col.w14{width:14%}col.w8{width:8%}col.w9{width:9%}col.w10{width:10%}col.w12{width:12%}
col.w15{width:15%}col.w16{width:16%}col.w19{width:19%}col.w20{width:20%}col.w22{width:22%}
col.w25{width:25%}col.w26{width:26%}col.w45{width:45%}col.w50{width:50%}
.state{display:inline-block;font-weight:700;padding:0 .4em;border:2px solid;border-radius:3px;
overflow-wrap:normal}
.state-confirmed{color:#1e5b2a;background:#eef7f0}
.state-unconfirmed{color:#7a3d00;background:#fff4e5}
.state-withdrawn{color:#4a5160;background:#eceef1;border-style:dashed}
td.actions form{margin:0 0 .4em}
td.actions button,td.actions .edit{font-size:.9rem;padding:.2em .7em}
td.actions details{margin:.2em 0 .4em}
td.actions summary{cursor:pointer;font-weight:600;color:#0b4f8a;font-size:.9rem}
td.actions input{width:100%;font-size:.9rem;margin:.2em 0}
a.edit{display:inline-block;font-weight:700}
button.quiet{background:#fff;color:#123a5e}
ul.plain{padding-left:1.2em}
ul.plain li{margin:.25em 0}
.refused{border-left:6px solid #a4161a;background:#fdf0f0;padding:.6em 1em}
.refused ul{margin:.3em 0}
form.desk-form{max-width:46rem}
form.desk-form label{margin-top:1em}
form.desk-form .hint{margin:.1em 0 .3em;font-size:.95rem}
form.desk-form input:not([type=checkbox]),form.desk-form textarea,form.desk-form select{
width:100%;font:inherit;padding:.35em .5em;border:2px solid #4a5160;border-radius:3px}
form.desk-form .check{display:flex;gap:.6em;align-items:center;margin-top:.8em}
form.desk-form .check label{margin:0;font-weight:600}
form.desk-form .check input{width:1.3em;height:1.3em}
form.desk-form .buttons{margin-top:1.5em;display:flex;gap:1em;align-items:center}
textarea:focus,select:focus,summary:focus{outline:3px solid #b35900;outline-offset:2px}
"""

REFUSED = "This page is for Compass House content editors only."
NAVIGATION = (
    ("/dashboard/content", "Services and routes"),
    ("/dashboard/content/publish", "Publish"),
    ("/dashboard/content/stale", "Stale facts"),
    ("/dashboard/content/leaflets", "Official leaflets"),
    ("/dashboard/content/audit", "Audit log"),
)
STATE_WORDS = {
    "confirmed": "Confirmed",
    "unconfirmed": "Not confirmed yet",
    "withdrawn": "Withdrawn",
}
KIND_WORDS = {
    "emergency": "Emergency: on every sheet",
    "everyone": "On every sheet",
    "need": "For a need",
    "service": "The service's own",
}


def when(moment: datetime | None) -> str:
    """A moment in words, in UTC: '7 Dec 2026, 21:04 UTC'."""
    if moment is None:
        return ""
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def columns(*percent: int) -> str:
    """The columns' widths, as classes (the CSP allows no style attributes)."""
    return "<colgroup>" + "".join(f"<col class='w{p}'>" for p in percent) + "</colgroup>"


def navigation(current: str) -> str:
    items = "".join(
        f"<li><a href='{href}' aria-current='page'>{e(label)}</a></li>"
        if href == current
        else f"<li><a href='{href}'>{e(label)}</a></li>"
        for href, label in NAVIGATION
    )
    return f"<nav class='desk' aria-label='Content desk'><ul>{items}</ul></nav>"


def desk_page_frame(title: str, current: str, body: str, username: str) -> str:
    """A content desk page: the desk's navigation, then the body."""
    return page(title, f"{navigation(current)}{body}", logout_form(username), main_class="wide")


def refused_page(username: str | None) -> str:
    body = f"<h1>Not for this account</h1><p class='error'>{e(REFUSED)}</p>"
    return page("Not for this account", body, logout_form(username) if username else "")


def problem(sentence: str, username: str, status_heading: str = "Not changed") -> str:
    """A change the desk refused: the sentence, and the way back to the list."""
    body = (
        f"<h1>{e(status_heading)}</h1><p class='error' role='alert'>{e(sentence)}</p>"
        "<p><a href='/dashboard/content'>Back to the services and routes</a></p>"
    )
    return desk_page_frame(status_heading, "", body, username)


def missing_page(username: str) -> str:
    return problem("There is no service or route with that id.", username, "Not found")


def notice(text: str | None) -> str:
    return f"<p class='done' role='status'>{e(text)}</p>" if text else ""


def error(text: str | None) -> str:
    return f"<p class='error' role='alert' id='form-error'>{e(text)}</p>" if text else ""


def state_badge(state: str) -> str:
    return f"<span class='state state-{e(state)}'>{e(STATE_WORDS.get(state, state))}</span>"


def _ids(values: Iterable[str] | None, unknown: str = "not known") -> str:
    if values is None:
        return unknown
    listed = ", ".join(values)
    return listed or "none"


def _service_row(service: ServiceEntry) -> str:
    changed = (
        f"{e(service.updated_by)}<span class='small'>{e(when(service.updated_at))}</span>"
        if service.updated_by
        else ""
    )
    return (
        f"<tr id='service-{e(service.id)}'><th scope='row'>{e(service.name)}"
        f"<span class='small'>{e(service.id)}</span></th>"
        f"<td>{e(service.description)}</td>"
        f"<td>{e(_ids(service.needs))}</td><td>{e(_ids(service.areas))}</td>"
        f"<td class='source'>{e(service.source)}</td><td>{changed}</td>"
        f"<td>{_details_checked(service)}</td>"
        f"<td class='actions'>{_check_button(service)}"
        f"<a class='edit' href='/dashboard/content/service/{e(service.id)}'>"
        f"Edit<span class='skip'> {e(service.name)}</span></a></td></tr>"
    )


def _details_checked(service: ServiceEntry) -> str:
    """When the service's own details were checked; laptops mark it a sample until then."""
    if service.verified_on:
        return e(service.verified_on)
    return "Not yet<span class='small'>Laptops show it as a sample</span>"


def _check_button(service: ServiceEntry) -> str:
    named = f"<span class='skip'> for {e(service.name)}</span>"
    return (
        f"<form method='post' action='/dashboard/content/service/{e(service.id)}/checked'>"
        f"<button type='submit'>Details checked today{named}</button></form>"
    )


def _route_actions(route: RouteEntry) -> str:
    rid = e(route.id)
    named = f"<span class='skip'> {e(route.name)}</span>"
    confirm = (
        f"<form method='post' action='/dashboard/content/route/{rid}/confirm'>"
        f"<button type='submit'>Confirm{named}</button></form>"
        if route.state == "unconfirmed"
        else ""
    )
    withdraw = (
        "<details><summary>Withdraw</summary>"
        f"<form method='post' action='/dashboard/content/route/{rid}/withdraw'>"
        f"<label for='reason-{rid}'>Reason</label>"
        f"<input id='reason-{rid}' name='reason' required maxlength='300'>"
        f"<button type='submit' class='quiet'>Withdraw{named}</button></form></details>"
        if route.state != "withdrawn"
        else ""
    )
    edit = f"<a class='edit' href='/dashboard/content/route/{rid}'>Edit{named}</a>"
    return f"<td class='actions'>{confirm}{withdraw}{edit}</td>"


def _route_row(route: RouteEntry, services: dict[str, str]) -> str:
    belongs = services.get(route.service_id or "", route.service_id or "")
    kind = KIND_WORDS.get(route.kind, route.kind)
    if route.kind == "need" and route.needs:
        kind += f" ({', '.join(route.needs)})"
    hours = route.hours or "Not given"
    if route.any_time:
        hours += " (open 24 hours)"
    moment = when(route.confirmed_at) or "When: not recorded"
    confirmed = (
        f"{e(route.confirmed_by)}<span class='small'>{e(moment)}</span>"
        if route.confirmed_by
        else "Not yet"
    )
    return (
        f"<tr id='route-{e(route.id)}'><th scope='row'>{e(route.name)}"
        f"<span class='small'>{e(f'Own route of {belongs}' if belongs else kind)}</span></th>"
        f"<td class='contact'>{e(route.contact)}</td><td>{e(hours)}</td>"
        f"<td class='source'>{e(route.source)}<span class='small'>Seen: {e(route.seen)}"
        f"; checked {e(route.checked)}</span></td>"
        f"<td>{confirmed}</td><td>{state_badge(route.state)}</td>"
        f"{_route_actions(route)}</tr>"
    )


def desk_page(
    services: Sequence[ServiceEntry],
    routes: Sequence[RouteEntry],
    username: str,
    done: str | None = None,
) -> str:
    names = {s.id: s.name for s in services}
    counts = {state: sum(r.state == state for r in routes) for state in STATE_WORDS}
    summary = ", ".join(f"{counts[s]} {STATE_WORDS[s].lower()}" for s in STATE_WORDS)
    route_rows = "".join(_route_row(r, names) for r in routes) or (
        "<tr><td colspan='7'>No routes yet.</td></tr>"
    )
    service_rows = "".join(_service_row(s) for s in services) or (
        "<tr><td colspan='8'>No services yet.</td></tr>"
    )
    empty = (
        "<form method='post' action='/dashboard/content/seed' class='panel'>"
        "<p>The desk holds no services or routes yet. Start from the directory the laptops "
        "were shipped with; every change after that is in the audit log. To start from the "
        "Kent and Medway research instead, run <code>victim-champion-hub content import "
        "KENT-SERVICES.md</code> at the hub.</p>"
        "<button type='submit'>Start from the shipped directory</button></form>"
        if not services and not routes
        else ""
    )
    body = (
        "<h1>Services and routes</h1>"
        "<p>Only confirmed routes are printed. A route that is not confirmed yet shows on "
        "the worker's screen, marked, and is never printed. Withdrawn routes never reach "
        "the laptops.</p>"
        f"{notice(done)}{empty}"
        "<p class='links'><a href='/dashboard/content/route/new'>Add a route</a>"
        "<a href='/dashboard/content/service/new'>Add a service</a>"
        "<a href='/dashboard/content/publish'>See the changes and publish</a></p>"
        f"<h2 id='routes-heading'>Contact routes ({len(routes)}: {e(summary)})</h2>"
        "<div class='table-wrap'><table class='desk' aria-labelledby='routes-heading'>"
        f"{columns(14, 19, 12, 19, 16, 10, 10)}<thead>"
        "<tr><th scope='col'>Route</th><th scope='col'>Text as published</th>"
        "<th scope='col'>Hours</th><th scope='col'>Source and date seen</th>"
        "<th scope='col'>Confirmed by</th><th scope='col'>State</th>"
        "<th scope='col'>Change</th></tr></thead>"
        f"<tbody>{route_rows}</tbody></table></div>"
        f"<h2 id='services-heading'>Services ({len(services)})</h2>"
        "<div class='table-wrap'><table class='desk' aria-labelledby='services-heading'>"
        f"{columns(13, 20, 11, 8, 19, 11, 8, 10)}<thead>"
        "<tr><th scope='col'>Service</th><th scope='col'>What it does</th>"
        "<th scope='col'>Needs</th><th scope='col'>Areas</th><th scope='col'>Source</th>"
        "<th scope='col'>Last changed by</th><th scope='col'>Details checked</th>"
        "<th scope='col'>Change</th></tr></thead>"
        f"<tbody>{service_rows}</tbody></table></div>"
    )
    return desk_page_frame("Services and routes", "/dashboard/content", body, username)


def _sentences(heading: str, items: Sequence[str], css: str, empty: str) -> str:
    """The sentences under their heading, or (none) the one sentence ``empty``."""
    if not items:
        return f"<p class='panel'>{e(empty)}</p>"
    listed = "".join(f"<li>{e(item)}</li>" for item in items)
    return f"<div class='{css}'><h2>{e(heading)}</h2><ul class='plain'>{listed}</ul></div>"


def publish_page(
    changes: Sequence[str],
    refusals: Sequence[str],
    username: str,
    published: str | None = None,
    problem: str | None = None,
) -> str:
    if published:
        done = f"Published directory edition {published}. Laptops receive it at their next sync."
    else:
        done = None
    button = (
        "<form method='post' action='/dashboard/content/publish' class='panel'>"
        "<p>Publishing signs these routes and services into a new directory edition. "
        "Laptops receive it at their next sync.</p>"
        "<button type='submit'>Sign and publish the directory</button></form>"
        if not refusals
        else "<p><strong>Nothing can be published until every problem above is put right."
        "</strong></p>"
    )
    body = (
        "<h1>Publish the directory</h1>"
        f"{notice(done)}{error(problem)}"
        + _sentences(
            "The hub refuses to publish, because",
            refusals,
            "refused",
            "Nothing stops this edition from being published.",
        )
        + _sentences(
            "What changes against the directory laptops have now",
            changes,
            "panel",
            "Nothing: the laptops already have this directory.",
        )
        + button
    )
    return desk_page_frame("Publish the directory", "/dashboard/content/publish", body, username)
