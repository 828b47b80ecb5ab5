"""A4 handout pages: a title band, a plain cover for discreet copies, and a footer.

A discreet copy starts with a cover that never says "victim", so the person can carry
it home; its PDF title and footer are just as plain.
"""

from __future__ import annotations

import functools
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from victim_champion.documents.fonts import REGULAR
from victim_champion.documents.house_style import MUTED, NAVY, Styles, table_style

MARGIN = 18 * mm
AUTHOR = "Office of the Kent Police and Crime Commissioner"
DISCREET_COVER_TITLE = "Information for you"
DISCREET_COVER_TEXT = (
    "This leaflet is yours to keep. Inside are things you are entitled to, and places "
    "that can help. Read it when and where you feel comfortable."
)


def title_band(text: str, style: Styles, subtitle: str = "") -> Table:
    """A navy band across the page with the title in white."""
    cells: list[list[Flowable]] = [[Paragraph(text, style.title)]]
    if subtitle:
        subtitle_style = style.body.clone("band-sub", textColor=style.title.textColor)
        cells.append([Paragraph(subtitle, subtitle_style)])
    band = Table(cells, colWidths=[A4[0] - 2 * MARGIN])
    band.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, -1), NAVY),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 14),
            ("TOPPADDING", (0, 0), (-1, 0), 14),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 14),
        )
    )
    return band


def discreet_cover(style: Styles) -> list[Flowable]:
    """A plain first page: no logo, no 'victim', nothing to draw attention."""
    return [
        Spacer(1, 60 * mm),
        Paragraph(
            DISCREET_COVER_TITLE,
            style.heading.clone(
                "cover", fontSize=style.body_size * 2.2, leading=style.body_size * 2.8
            ),
        ),
        Spacer(1, 6 * mm),
        Paragraph(DISCREET_COVER_TEXT, style.body),
        PageBreak(),
    ]


def build_handout(
    story: list[Flowable],
    *,
    title: str,
    footer: str,
    style: Styles,
    discreet: bool,
) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes (nothing touches the disk)."""
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8 * mm,
        title=DISCREET_COVER_TITLE if discreet else title,
        author="" if discreet else AUTHOR,
        subject="",
        creator="",
        lang="en-GB",
        initialFontName=REGULAR,
        initialFontSize=style.body_size,
    )
    footer_text = "" if discreet else footer
    footer_size = style.small.fontSize  # 16 pt in large print, like everything else

    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, footer_size)
        canvas.setFillColor(MUTED)
        y = MARGIN - 2 * mm
        if footer_text and not (discreet and doc.page == 1):
            canvas.drawString(MARGIN, y, footer_text)
        canvas.drawRightString(A4[0] - MARGIN, y, f"Page {doc.page}")
        canvas.restoreState()

    full_story = (discreet_cover(style) if discreet else []) + story
    # The canvas's own starting font must be ours too, or Helvetica is left referenced.
    canvas_maker = functools.partial(
        Canvas, initialFontName=REGULAR, initialFontSize=style.body_size
    )
    document.build(
        full_story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvas_maker
    )
    return buffer.getvalue()
