"""A4 handout pages: a title band, a plain cover for discreet copies, and a footer.

A discreet handout starts with a cover that never says "victim" (the discreet card has
none: it is one page). Its PDF title, author, subject, keywords and footer are just as
plain, and before anything is laid out every word of a discreet story and its metadata is
checked against the revealing list (core/discreet.py): a build that would print a telling
word, a service name, or a number of a line nobody chose raises instead.
"""

from __future__ import annotations

import functools
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.documents.body_fonts import fit_story, flowables
from victim_champion.documents.fonts import REGULAR
from victim_champion.documents.house_style import MUTED, NAVY, Styles, table_style
from victim_champion.documents.script_fonts import draw_line, line_width, split_lines

MARGIN = 18 * mm


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


def discreet_cover(style: Styles, words: Messages) -> list[Flowable]:
    """A plain first page: no logo, no 'victim', nothing to draw attention."""
    return [
        Spacer(1, 60 * mm),
        Paragraph(
            words.markup("handout.cover_title"),
            style.heading.clone(
                "cover", fontSize=style.body_size * 2.2, leading=style.body_size * 2.8
            ),
        ),
        Spacer(1, 6 * mm),
        Paragraph(words.markup("handout.cover_text"), style.body),
        PageBreak(),
    ]


def story_texts(story: list[Flowable]) -> list[str]:
    """Every word a story would print: its paragraphs, inside tables and kept groups too."""
    return [
        item.getPlainText() if isinstance(item, Paragraph) else item
        for item in flowables(story)
        if isinstance(item, Paragraph | str)
    ]


def build_handout(
    story: list[Flowable],
    *,
    title: str,
    footer: str,
    style: Styles,
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
    cover: bool = True,
    chosen: tuple[str, ...] = (),
    exempt: tuple[str, ...] = (),
) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes (nothing touches the disk).

    ``language`` sets the PDF's language tag (screen readers use it) and the page's own words.
    Discreet: a plain cover first unless ``cover`` is False, and RevealingTextError if any
    word would give the purpose away; ``chosen`` are the routes chosen with the person
    (their numbers may show), ``exempt`` words left out of that check (the person's own
    name, printed because they asked).
    """
    words = messages(language)
    full_story = (discreet_cover(style, words) if discreet and cover else []) + story
    fit_story(full_story, words.language)  # each paragraph in a font that draws it, or refused
    if discreet:
        shown = "\n".join([*story_texts(full_story), words.text("handout.cover_title")])
        for word in exempt:
            shown = shown.replace(word, " ") if word.strip() else shown
        load_revealing().require_discreet([shown], chosen)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8 * mm,
        title=words.text("handout.cover_title") if discreet else title,
        author="" if discreet else words.text("handout.author"),
        subject="",
        keywords="",
        creator="",
        lang=words.language,
        initialFontName=REGULAR,
        initialFontSize=style.body_size,
    )
    footer_text = "" if discreet else footer
    footer_size = style.small.fontSize  # 16 pt in large print, like everything else

    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        y = MARGIN - 2 * mm
        page_number = words.text("handout.page", number=doc.page)
        number_width = line_width(page_number, REGULAR, footer_size)
        if footer_text:
            # A longer language wraps the footer upwards, clear of the page number.
            room = A4[0] - 2 * MARGIN - number_width - 6 * mm
            lines = split_lines(footer_text, REGULAR, footer_size, room)
            for index, line in enumerate(lines):
                line_y = y + (len(lines) - 1 - index) * footer_size * 1.2
                draw_line(canvas, MARGIN, line_y, line, REGULAR, footer_size)
        draw_line(canvas, A4[0] - MARGIN - number_width, y, page_number, REGULAR, footer_size)
        canvas.restoreState()

    # The canvas's own starting font must be ours too, or Helvetica is left referenced.
    canvas_maker = functools.partial(
        Canvas, initialFontName=REGULAR, initialFontSize=style.body_size
    )
    document.build(
        full_story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvas_maker
    )
    return buffer.getvalue()
