"""The content desk's review pages: the stale facts (course statements and routes nobody
has checked in 12 months, oldest first, each with its source) and the audit log."""

from __future__ import annotations

from collections.abc import Sequence

from victim_champion.hub.dashboard.content_pages import (
    columns,
    desk_page_frame,
    error,
    notice,
    when,
)
from victim_champion.hub.dashboard.html_pages import e
from victim_champion.hub.editorial.entries import AuditEntry
from victim_champion.hub.editorial.stale import STATEMENT, StaleFact

STALE = "/dashboard/content/stale"


def _month(checked: str) -> str:
    """'2025-03' as 'March 2025'."""
    names = (
        *("January", "February", "March", "April", "May", "June"),
        *("July", "August", "September", "October", "November", "December"),
    )
    year, _, month = checked.partition("-")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{names[int(month) - 1]} {year}"
    return checked


def _count(facts: int, statements: int) -> str:
    if not facts:
        return "Nothing to check."
    return f"{facts} to check: {statements} course statements and {facts - statements} routes."


def _recheck_form(fact: StaleFact) -> str:
    if fact.kind == STATEMENT:
        action, field = f"{STALE}/statement", "key"
    else:
        action, field = f"{STALE}/route", "route_id"
    return (
        f"<form method='post' action='{action}'>"
        f"<input type='hidden' name='{field}' value='{e(fact.key)}'>"
        "<button type='submit'>Re-checked today"
        f"<span class='skip'>: {e(fact.text[:80])}</span></button></form>"
    )


def _stale_row(fact: StaleFact) -> str:
    what = f"Course statement, {fact.where}" if fact.kind == STATEMENT else "Contact route"
    return (
        f"<tr><td>{e(_month(fact.checked))}</td>"
        f"<th scope='row'>{e(fact.text)}<span class='small'>{e(what)}</span></th>"
        f"<td class='source'>{e(fact.source)}</td>"
        f"<td class='actions'>{_recheck_form(fact)}</td></tr>"
    )


def stale_page(
    facts: Sequence[StaleFact],
    username: str,
    done: str | None = None,
    problem: str | None = None,
) -> str:
    statements = sum(f.kind == STATEMENT for f in facts)
    rows = "".join(_stale_row(f) for f in facts) or (
        "<tr><td colspan='4'>Nothing: every statement and route was checked in the last "
        "12 months.</td></tr>"
    )
    body = (
        "<h1>Stale facts</h1>"
        "<p>Course statements and contact routes nobody has checked in 12 months, oldest "
        "first. Check each one on its source. If it still holds, mark it re-checked today. "
        "If it has changed, edit the route, or correct the course.</p>"
        f"{notice(done)}{error(problem)}"
        f"<p>{e(_count(len(facts), statements))} "
        "<a href='#republish'>Republish the course</a> once statements are re-checked.</p>"
        "<div class='table-wrap'><table class='desk'><caption>Oldest first</caption>"
        f"{columns(12, 50, 26, 12)}"
        "<thead><tr><th scope='col'>Last checked</th><th scope='col'>Statement or route</th>"
        "<th scope='col'>Source</th><th scope='col'>Checked again</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
        f"<form method='post' action='{STALE}/republish' class='panel' id='republish'>"
        "<h2>Republish the course</h2>"
        "<p>Once statements are re-checked, publish the course again. Each re-checked "
        "statement then shows its new month. Laptops receive it at their next sync.</p>"
        "<button type='submit'>Republish the course</button></form>"
    )
    return desk_page_frame("Stale facts", STALE, body, username)


def audit_page(entries: Sequence[AuditEntry], username: str) -> str:
    rows = "".join(
        f"<tr><td>{e(when(a.at))}</td><td>{e(a.actor)}</td><td>{e(a.action)}</td>"
        f"<td>{e(a.subject)}</td><td>{e(a.detail)}</td></tr>"
        for a in entries
    ) or ("<tr><td colspan='5'>No changes yet.</td></tr>")
    body = (
        "<h1>Audit log</h1><p>Every change on the content desk and every publication, newest "
        "first. 'cli' means the hub's command line.</p>"
        "<div class='table-wrap'><table class='desk'><caption>Changes, newest first</caption>"
        f"{columns(15, 12, 12, 16, 45)}"
        "<thead><tr><th scope='col'>When</th><th scope='col'>Who</th>"
        "<th scope='col'>What</th><th scope='col'>Service, route or edition</th>"
        f"<th scope='col'>Detail</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
    return desk_page_frame("Audit log", "/dashboard/content/audit", body, username)
