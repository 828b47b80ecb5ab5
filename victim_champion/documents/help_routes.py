"""The routes to help every sheet and handout carries, discreet ones too.

A person may read the paper alone, at night, weeks later, with nobody to ask. So every
page set ends with the emergency routes (999 and "press 55", 999 BSL, the emergency text
service, the textphone, 101 with Relay UK), the Supportline, and (on a plain copy) the
national lines for the needs that were ticked; on a discreet one, only the routes chosen
with the person, under their neutral labels.

A heading promises only what every route under it keeps: "Help, any time" holds the
24-hour routes only (every emergency route is one); the others follow under their own
hours. Each route says only when it was checked: its source stays in the directory data
and at Compass House, since a person has no use for it and an address can name what a
discreet page must not.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.content.message_catalogue import Messages
from victim_champion.core.directory import Directory, Route
from victim_champion.core.directory_age import last_checked
from victim_champion.documents.handout_layout import MARGIN
from victim_champion.documents.house_style import NAVY, PALE, Styles, escape, table_style


def checked_words(route: Route, words: Messages) -> str:
    """ "Checked November 2026" (never where: that stays in the data)."""
    year, month = route.checked.split("-")
    return words.text("routes.checked", month=words.text(f"date.month.{int(month)}"), year=year)


def hours_words(route: Route, words: Messages) -> str:
    """The route's hours, or that they are not known (never for an emergency route: the
    directory refuses one without its 24-hour hours)."""
    return route.hours or words.text("routes.hours_unknown")


def route_sections(
    directory: Directory,
    needs: Sequence[str],
    *,
    discreet: bool,
    groups: Sequence[str] = (),
    chosen: Sequence[str] = (),
) -> list[tuple[str, list[Route]]]:
    """(catalogue key of the heading, routes): the 24-hour routes, then the others."""
    routes = directory.routes_for(needs, discreet, groups=groups, chosen=chosen)
    sections = [
        ("routes.heading", [r for r in routes if r.any_time]),
        ("routes.heading_hours", [r for r in routes if not r.any_time]),
    ]
    return [(key, found) for key, found in sections if found]


def route_block(route: Route, style: Styles, words: Messages, discreet: bool) -> list[Flowable]:
    """One route: its name (or neutral label), how to reach it, its hours, when checked."""
    name, contact = route.shown_name(discreet), route.shown_contact(discreet)
    return [
        Paragraph(f"<b>{escape(name)}</b>: {escape(contact)}", style.body),
        Paragraph(
            f"{escape(hours_words(route, words))}. {escape(checked_words(route, words))}.",
            style.small,
        ),
    ]


def compact_block(route: Route, style: Styles, words: Messages) -> list[Flowable]:
    """One route on the discreet card, in one paragraph: its neutral label, contact and
    hours (when it was checked is said once, under the routes)."""
    name, contact = route.shown_name(True), route.shown_contact(True).rstrip(".")
    hours = escape(hours_words(route, words))
    return [Paragraph(f"<b>{escape(name)}</b>: {escape(contact)}. {hours}.", style.body)]


def _box(rows: list[list[list[Flowable]]]) -> Table:
    # One row per route, so a long list in large print breaks between routes, not inside.
    box = Table(rows, colWidths=[210 * mm - 2 * MARGIN], splitByRow=1)
    box.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, -1), PALE),
            ("BOX", (0, 0), (-1, -1), 1.5, NAVY),
            ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return box


def help_routes_story(
    directory: Directory,
    needs: Sequence[str],
    style: Styles,
    words: Messages,
    *,
    discreet: bool,
    groups: Sequence[str] = (),
    chosen: Sequence[str] = (),
    edition: bool = True,
    card: bool = False,
    also: Sequence[Route] = (),
) -> list[Flowable]:
    """The boxed 'Help, any time' section, the other lines under their hours, then the
    directory edition it came from and when the lines on the page were last checked
    (``edition``; ``also``: the page's other routes, the services' own). ``card``: the
    discreet card's compact form: no introduction, one paragraph a route, when they were
    checked said once, in that edition line."""
    story: list[Flowable] = []
    sections = route_sections(directory, needs, discreet=discreet, groups=groups, chosen=chosen)
    for index, (key, routes) in enumerate(sections):
        top: list[Flowable] = [Paragraph(words.markup(key), style.heading)]
        if index == 0 and not card:
            top.append(Paragraph(words.markup("routes.introduction"), style.body))
        rows = [[top]] + [
            [compact_block(r, style, words) if card else route_block(r, style, words, discreet)]
            for r in routes
        ]
        story += [Spacer(1, 3 * mm if card else 4 * mm), _box(rows)]
    if edition:
        printed = [r for _, routes in sections for r in routes] + list(also)
        line = edition_words(directory, words, printed)
        story += [Spacer(1, 2 * mm), KeepTogether([Paragraph(escape(line), style.small)])]
    return story


def edition_words(directory: Directory, words: Messages, printed: Sequence[Route] = ()) -> str:
    """ "From directory 2026-12, published 7 December 2026. These lines were last checked
    in November 2026." The second sentence is the newest ``checked`` month among the
    routes ``printed`` on the page (core/directory_age.py says why that date). No word in
    it is a telling one, so discreet copies carry it too."""
    if directory.published is None:
        text = words.text("routes.edition_undated", edition=directory.edition)
    else:
        text = words.text(
            "routes.edition",
            edition=directory.edition,
            date=words.long_date(directory.published),
        )
    newest = last_checked(printed)
    if newest is None:
        return text
    year, month = newest
    checked = words.text("routes.last_checked", month=words.text(f"date.month.{month}"), year=year)
    return f"{text} {checked}"
