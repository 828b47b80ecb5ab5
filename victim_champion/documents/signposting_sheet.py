"""The personal signposting sheet: only the services chosen with the person, by need.

Discreet, it is the one-page card instead (documents/discreet_card.py). Plain, the services
chosen come first; a service whose own contact details are not confirmed keeps its name
and description (the person chose it) with no per-service sample mark, and the sheet says
once, plainly, how to reach such services: through the Supportline, asking for them by
name. Their contact details are never invented.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from victim_champion.content.localised_content import localised_directory, localised_groups
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.directory import Directory, Need, Service
from victim_champion.documents.directory_handout import own_routes, page_routes, services_story
from victim_champion.documents.discreet_card import build_discreet_card
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.help_routes import help_routes_story
from victim_champion.documents.house_style import escape, styles
from victim_champion.documents.script_fonts import paragraph_markup


def no_contact_words(
    groups: Sequence[tuple[Need, Sequence[Service]]], directory: Directory, words: Messages
) -> str:
    """The one sentence on how to reach chosen services with no number of their own, or
    "" when every one has its own."""
    bare = [s for _, services in groups for s in services if not own_routes(s, directory, False)]
    line = next((r for r in directory.routes if r.kind == "everyone" and r.confirmed), None)
    if not bare or line is None:
        return ""
    return words.text(
        "sheet.no_contact_once",
        line=line.name,
        number=line.discreet_contact or line.contact,
        hours=line.hours,
    )


def build_signposting_sheet(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    *,
    needs: Sequence[str] = (),
    district_name: str,
    name: str = "",
    large_print: bool,
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
    route_ids: Sequence[str] = (),
    groups_said: Sequence[str] = (),
) -> bytes:
    """PDF bytes. The name is printed only if the person asked for it. ``needs`` are the
    needs ticked and ``groups_said`` the person's answers ("lgbt", "men"): their national
    lines join the routes every sheet carries. Discreet: the card, with ``route_ids``."""
    if discreet:
        return build_discreet_card(
            directory, route_ids, name=name, large_print=large_print, language=language
        )
    words = messages(language)
    groups = localised_groups(groups, language)
    directory = localised_directory(directory, language)
    style = styles(large_print)
    heading = (
        words.markup(
            "sheet.heading_named",
            name=paragraph_markup(escape(name.strip()), style.title.fontName),
        )
        if name.strip()
        else words.markup("sheet.heading")
    )
    story: list[Flowable] = [
        title_band(heading, style, words.markup("sheet.subtitle", district=escape(district_name))),
        Spacer(1, 5 * mm),
        Paragraph(words.markup("sheet.introduction"), style.body),
    ]
    story += services_story(groups, directory, style, language, for_person=True)
    once = no_contact_words(groups, directory, words)
    if once:
        story.append(Paragraph(escape(once), style.body))
    ticked = list(needs) or [need.id for need, _ in groups]
    story += help_routes_story(
        directory,
        ticked,
        style,
        words,
        discreet=False,
        groups=tuple(groups_said),
        also=page_routes(groups, directory, False),
    )
    plan = words.text("sheet.title")
    return build_handout(
        story, title=plan, footer=plan, style=style, discreet=False, language=language
    )
