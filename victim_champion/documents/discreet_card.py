"""The discreet card: one A4 page the person can carry home that gives nothing away.

Printed instead of the signposting sheet when it must not show its purpose (the default
whenever a need in DISCREET_NEEDS is ticked). It holds the emergency routes, the
Supportline under a neutral label, and only the routes the worker and the person chose
together, each under its neutral label: no service names, no needs, no district, no
sources, no cover page; it ends with the directory edition and when its lines were last
checked, in words that name nothing. Every word, the PDF's metadata included, is checked against the
revealing list before it is laid out (handout_layout.build_handout), so a build that
would print a revealing name or a number nobody chose raises instead. Less obvious,
never safe: paper can still be found.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from victim_champion.content.localised_content import localised_directory
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, messages
from victim_champion.core.directory import Directory
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.help_routes import help_routes_story
from victim_champion.documents.house_style import escape, styles
from victim_champion.documents.script_fonts import paragraph_markup


def build_discreet_card(
    directory: Directory,
    chosen: Sequence[str],
    *,
    name: str = "",
    large_print: bool = False,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """PDF bytes of the card; ``chosen`` are the route ids chosen with the person (an id
    the card cannot name plainly is left off). RevealingTextError if anything would
    give the purpose away."""
    words = messages(language)
    directory = localised_directory(directory, language)
    style = styles(large_print)
    heading = (
        words.markup(
            "card.title_named", name=paragraph_markup(escape(name.strip()), style.title.fontName)
        )
        if name.strip()
        else words.markup("card.title")
    )
    story: list[Flowable] = [
        title_band(heading, style),
        Spacer(1, 3 * mm),
        Paragraph(words.markup("card.introduction"), style.body),
    ]
    story += help_routes_story(
        directory,
        (),
        style,
        words,
        discreet=True,
        chosen=tuple(chosen),
        card=True,
    )
    title = words.text("card.title")
    return build_handout(
        story,
        title=title,
        footer="",
        style=style,
        discreet=True,
        language=language,
        cover=False,
        chosen=tuple(chosen),
        exempt=(name.strip(),) if name.strip() else (),
    )
