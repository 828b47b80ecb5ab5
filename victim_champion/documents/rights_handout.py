"""'Your rights as a victim of crime': the 12 rights of the Code in plain English.

The Code's own words (title, rights, notes) and the routes' words are content, printed in
the handout's language by content/localised_content.py; every other word comes from the
message catalogue.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.content.localised_content import localised_code, localised_directory
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, messages
from victim_champion.core.directory import Directory
from victim_champion.core.victims_code import VictimsCode
from victim_champion.documents.handout_layout import MARGIN, build_handout, title_band
from victim_champion.documents.help_routes import help_routes_story
from victim_champion.documents.house_style import NAVY, PALE, WHITE, escape, styles, table_style


def build_rights_handout(
    code: VictimsCode,
    directory: Directory,
    *,
    large_print: bool,
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """The rights handout as PDF bytes, ending with the routes to help. A discreet copy
    names neither the Code's title nor "victim" or "offender", on any page."""
    words = messages(language)
    code = localised_code(code, language)
    directory = localised_directory(directory, language)
    code_title = escape(code.title)
    plain = "_discreet" if discreet else ""
    style = styles(large_print)
    number_style = style.subheading.clone("number", textColor=WHITE, alignment=1)
    width = 210 * mm - 2 * MARGIN
    number_width = (14 if large_print else 11) * mm
    story: list[Flowable] = [
        title_band(
            words.markup(f"rights.title{plain}"),
            style,
            words.markup(f"rights.subtitle{plain}", code=code_title),
        ),
        Spacer(1, 5 * mm),
        Paragraph(
            words.markup(
                f"rights.introduction{plain}",
                code=code_title,
                edition=escape(code.edition),
                date=words.long_date(code.in_force),
            ),
            style.body,
        ),
    ]
    rows = [
        [
            Paragraph(str(right.number), number_style),
            [
                Paragraph(escape(right.shown(discreet)[0]), style.subheading),
                Paragraph(escape(right.shown(discreet)[1]), style.body),
            ],
        ]
        for right in code.rights
    ]
    table = Table(rows, colWidths=[number_width, width - number_width], hAlign="LEFT")
    table.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (0, -1), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -2), 0.75, WHITE),
            ("LEFTPADDING", (1, 0), (1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
        )
    )
    story.append(table)
    note = Table([[Paragraph(code.not_reported_note, style.callout)]], colWidths=[width])
    note.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, -1), PALE),
            ("BOX", (0, 0), (-1, -1), 1.5, NAVY),
            ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 10),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        )
    )
    story += [
        Spacer(1, 6 * mm),
        note,
        KeepTogether(
            [
                Paragraph(words.markup("rights.complaints_heading"), style.heading),
                Paragraph(code.complaints, style.body),
            ]
        ),
        Paragraph(
            words.markup("rights.reviewed", date=words.long_date(code.verified_on)), style.small
        ),
    ]
    story += help_routes_story(directory, (), style, words, discreet=discreet)
    return build_handout(
        story,
        title=words.text("rights.title"),
        footer=words.text("rights.footer", code=code.title, edition=code.edition),
        style=style,
        discreet=discreet,
        language=language,
    )
