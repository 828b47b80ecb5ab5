"""'Help, any time': the routes to help every sheet and handout carries, discreet ones too.

A person may read the paper alone, at night, weeks later, with nobody to ask. So every
page set ends with the emergency routes (999 and "press 55", 999 BSL, the emergency text
service, the textphone, 101 with Relay UK), the Supportline, and the national lines for
the needs that were ticked. Each route says when it was checked and (on a plain copy)
where: a discreet copy leaves the source out, since addresses can name what the paper
must not, and leaves out a route with no plain name.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.content.message_catalogue import Messages
from victim_champion.core.directory import Directory, Route
from victim_champion.documents.handout_layout import MARGIN
from victim_champion.documents.house_style import NAVY, PALE, Styles, escape, table_style


def checked_words(route: Route, words: Messages, discreet: bool) -> str:
    """ "checked November 2026 from samaritans.org/…", or without the source."""
    year, month = route.checked.split("-")
    month_name = words.text(f"date.month.{int(month)}")
    if discreet:
        return words.text("routes.checked_discreet", month=month_name, year=year)
    return words.text("routes.checked", month=month_name, year=year, source=route.source)


def route_block(route: Route, style: Styles, words: Messages, discreet: bool) -> list[Flowable]:
    """One route: its name, how to reach it, its hours, and when it was checked."""
    name = route.discreet_name if discreet else route.name
    contact = route.discreet_contact if discreet else route.contact
    hours = route.hours or words.text("routes.hours_unknown")
    return [
        Paragraph(f"<b>{escape(name)}</b>: {escape(contact)}", style.body),
        Paragraph(
            f"{escape(hours)}. {escape(checked_words(route, words, discreet))}.", style.small
        ),
    ]


def help_routes_story(
    directory: Directory,
    needs: Sequence[str],
    style: Styles,
    words: Messages,
    *,
    discreet: bool,
) -> list[Flowable]:
    """The boxed 'Help, any time' section, then the directory edition it came from."""
    routes = directory.routes_for(needs, discreet)
    rows: list[list[list[Flowable]]] = [
        [
            [
                Paragraph(words.markup("routes.heading"), style.heading),
                Paragraph(words.markup("routes.introduction"), style.body),
            ]
        ]
    ]
    rows += [[route_block(route, style, words, discreet)] for route in routes]
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
    return [
        Spacer(1, 5 * mm),
        box,
        Spacer(1, 2 * mm),
        KeepTogether([Paragraph(escape(edition_words(directory, words)), style.small)]),
    ]


def edition_words(directory: Directory, words: Messages) -> str:
    """ "From directory 2026-11, published 30 November 2026." """
    if directory.published is None:
        return words.text("routes.edition_undated", edition=directory.edition)
    return words.text(
        "routes.edition",
        edition=directory.edition,
        date=words.long_date(directory.published),
    )
