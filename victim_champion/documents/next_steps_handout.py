"""'Where to go next': one A4 page for Victim Champions, given out at the end of the course.

What to pass on and to whom if someone is at risk (Kent and Medway apart), stalking, the
anti-social behaviour Case Review, criminal injuries compensation and its time limit, and
looking after themselves. The words, numbers and sources are content
(resources/reference/next_steps.toml); the sources are printed small at the foot with
when they were checked. The words around them (the month names, the sources line, the
footer) come from the catalogue; the content in another language from
content/localised_content.py.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from victim_champion.content.localised_content import localised_next_steps
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.next_steps import NextSteps, Section, Source, phone_numbers
from victim_champion.documents.handout_layout import MARGIN, build_handout, title_band
from victim_champion.documents.house_style import (
    NAVY,
    PALE,
    RULE,
    WHITE,
    Styles,
    escape,
    styles,
    table_style,
)

WIDTH = 210 * mm - 2 * MARGIN
GAP = 3 * mm  # between the two columns of boxes


def _month(checked: str, words: Messages) -> str:
    """'2026-12' as 'December 2026'."""
    year, month = checked.split("-")
    return f"{words.text(f'date.month.{int(month)}')} {year}"


def _markup(text: str) -> str:
    """Escaped text whose phone numbers never break across two lines."""
    shown = escape(text)
    for number in phone_numbers(text):
        shown = shown.replace(number, number.replace(" ", "\u00a0"))
    return shown


def _compact(style: Styles) -> Styles:
    """The house styles a little tighter, so that five topics fit one page and stay
    readable (body 10 pt in Atkinson Hyperlegible, the sources 6.6 pt)."""
    body = style.body.clone("ns-body", fontSize=10, leading=12.3, spaceAfter=2.5)
    return Styles(
        body=body,
        small=style.small.clone("ns-small", fontSize=6.6, leading=7.8),
        heading=style.heading.clone(
            "ns-heading", fontSize=12.5, leading=14.5, spaceBefore=0, spaceAfter=2
        ),
        subheading=style.subheading.clone("ns-sub", fontSize=10, leading=12.6, spaceAfter=0),
        title=style.title.clone("ns-title", fontSize=20, leading=24),
        callout=style.callout.clone("ns-callout", fontSize=10, leading=12.6),
        sample=style.sample,
        body_size=10,
    )


def _box(content: list[Flowable], width: float, strong: bool = False) -> Table:
    box = Table([[content]], colWidths=[width])
    box.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, -1), PALE if strong else WHITE),
            ("BOX", (0, 0), (-1, -1), 1.5 if strong else 0.75, NAVY if strong else RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        )
    )
    return box


def _grid(section: Section, style: Styles, width: float) -> Table:
    """Who to tell: a column for each council, a row for each person at risk (its label
    starts each cell, so no width is spent on a column of labels)."""
    heads, *rows = section.grid
    columns = len(heads) - 1
    header = style.subheading.clone("ns-grid-head", textColor=WHITE)
    cells = [[Paragraph(escape(h), header) for h in heads[1:]]]
    cells += [
        [Paragraph(f"<b>{escape(row[0])}</b>: {_markup(cell)}", style.body) for cell in row[1:]]
        for row in rows
    ]
    table = Table(cells, colWidths=[width / columns] * columns)
    table.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("BACKGROUND", (0, 1), (-1, -1), WHITE),
            ("GRID", (0, 0), (-1, -1), 0.75, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return table


def _section_content(section: Section, style: Styles, width: float) -> list[Flowable]:
    content: list[Flowable] = [Paragraph(escape(section.heading), style.heading)]
    content += [Paragraph(_markup(text), style.body) for text in section.paragraphs]
    if section.grid:
        content.append(_grid(section, style, width - 18))
    return content


def _columns(sections: tuple[Section, ...], style: Styles) -> Table:
    """The other topics in two columns that fill independently (the first, third ...
    topics on the left), so a long box does not leave a gap beside a short one."""
    half = (WIDTH - GAP) / 2
    columns: list[list[Flowable]] = [[], []]
    for index, section in enumerate(sections):
        column = columns[index % 2]
        if column:
            column.append(Spacer(1, GAP))
        column.append(_box(_section_content(section, style, half), half))
    table = Table([[columns[0], "", columns[1]]], colWidths=[half, GAP, half])
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), GAP),
        )
    )
    return table


def source_words(source: Source) -> str:
    """One source as printed: its address and the page's own date (what it showed is
    in the data file)."""
    return f"{source.address} ({source.page_date})"


def sources_words(steps: NextSteps, words: Messages) -> str:
    """'Sources, checked December 2026 from: ...' with each topic's sources once."""
    groups = [(words.text("next_steps.introduction_sources"), steps.introduction_sources)]
    groups += [(s.heading, s.sources) for s in steps.sections]
    seen: set[str] = set()
    parts = []
    for heading, ids in groups:
        new = [i for i in ids if i not in seen]
        seen.update(new)
        found = [steps.source(i) for i in new]
        listed = "; ".join(source_words(s) for s in found if s is not None)
        if listed:
            parts.append(f"<b>{escape(heading)}</b>: {escape(listed)}")
    sources = words.markup("next_steps.sources", month=_month(steps.checked, words))
    return f"{sources} " + ". ".join(parts) + "."


def build_next_steps_handout(steps: NextSteps, *, language: str = DEFAULT_LANGUAGE) -> bytes:
    """The handout as PDF bytes: one A4 page, its content in ``language`` too."""
    words = messages(language)
    steps = localised_next_steps(steps, language)
    style = _compact(styles(False))
    first, others = steps.sections[0], steps.sections[1:]
    story: list[Flowable] = [
        title_band(escape(steps.title), style, escape(steps.subtitle)),
        Spacer(1, 2 * mm),
        Paragraph(_markup(steps.introduction), style.body),
        Spacer(1, 1 * mm),
        _box(_section_content(first, style, WIDTH), WIDTH, strong=True),
        Spacer(1, GAP),
        _columns(others, style),
        Paragraph(sources_words(steps, words), style.small),
    ]
    return build_handout(
        story,
        title=words.text("next_steps.document_title", title=steps.title),
        footer=words.text(
            "next_steps.footer", title=steps.title, month=_month(steps.checked, words)
        ),
        style=style,
        discreet=False,
        language=language,
    )
