"""'Your rights as a victim of crime': the 12 rights of the Code in plain English."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.core.clock import long_date
from victim_champion.core.victims_code import VictimsCode
from victim_champion.documents.handout_layout import MARGIN, build_handout, title_band
from victim_champion.documents.house_style import NAVY, PALE, WHITE, styles, table_style

TITLE = "Your rights as a victim of crime"


def build_rights_handout(code: VictimsCode, *, large_print: bool, discreet: bool) -> bytes:
    """The rights handout as PDF bytes."""
    style = styles(large_print)
    number_style = style.subheading.clone("number", textColor=WHITE, alignment=1)
    width = 210 * mm - 2 * MARGIN
    number_width = (14 if large_print else 11) * mm
    story: list[Flowable] = [
        title_band(TITLE, style, f"{code.title}: what every organisation must do for you"),
        Spacer(1, 5 * mm),
        Paragraph(
            f"{code.title} ({code.edition} edition, in force since "
            f"{long_date(code.in_force)}) sets out 12 rights. The police, the "
            "courts and other services must give you these rights.",
            style.body,
        ),
    ]
    rows = [
        [
            Paragraph(str(right.number), number_style),
            [Paragraph(right.title, style.subheading), Paragraph(right.summary, style.body)],
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
                Paragraph("If you do not get your rights", style.heading),
                Paragraph(code.complaints, style.body),
            ]
        ),
        Paragraph(
            f"This is a summary of the Code, last reviewed on {long_date(code.verified_on)}.",
            style.small,
        ),
    ]
    return build_handout(
        story,
        title=TITLE,
        footer=f"{code.title}, {code.edition} edition",
        style=style,
        discreet=discreet,
    )
