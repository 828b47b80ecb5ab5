"""The personal signposting sheet: only the services chosen with the person, by need."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, messages
from victim_champion.core.directory import Directory, Need, Service
from victim_champion.documents.directory_handout import services_story
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.help_routes import help_routes_story
from victim_champion.documents.house_style import escape, styles
from victim_champion.documents.script_fonts import paragraph_markup


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
) -> bytes:
    """PDF bytes. The name is printed only if the person asked for it. ``needs`` are the
    needs ticked: their national lines join the routes every sheet carries."""
    words = messages(language)
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
    story += services_story(groups, directory, style, language, discreet=discreet)
    ticked = list(needs) or [need.id for need, _ in groups]
    story += help_routes_story(directory, ticked, style, words, discreet=discreet)
    plan = words.text("sheet.title")
    return build_handout(
        story, title=plan, footer=plan, style=style, discreet=discreet, language=language
    )
