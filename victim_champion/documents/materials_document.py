"""Activity materials on paper: each activity's instructions, then its cards in a grid of
dashed boxes, ready to cut out in a village hall; then, on pages of its own, the trainer's
pack: every set whose name says it is for the trainer (the answer cards), as text to read
from rather than cards to cut out.

Cards are large (14 pt) so a table can share one, and each card says which module and set
it belongs to, so a shuffled pile can be sorted again. Nothing personal is on them. An
answer never sits on a page of cards for the room: the trainer's pack starts on a new page
under "For the trainer: do not hand out", and each of its activities says so again.

In any language: the page's own words come from the catalogue, and the course's words
(modules, activities, sets, cards) from the content layer (content/localised_course.py).
Which sets are for the trainer is read from their English names, before they are put
into the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from victim_champion.content.localised_content import localised_course_title
from victim_champion.content.localised_course import course_words
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.course import Course, Module
from victim_champion.core.course_parts import Activity, Materials
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.house_style import (
    MUTED,
    RULE,
    Styles,
    escape,
    styles,
    table_style,
)

CARD_WIDTH = 85 * mm
CARD_HEIGHT = 55 * mm  # a playing-card-like size: two across, four down on A4
TRAINER_MARK = "for the trainer"  # in a set's name: it goes in the trainer's pack only
DO_NOT_HAND_OUT = messages(DEFAULT_LANGUAGE).text("materials.do_not_hand_out")


@dataclass(frozen=True)
class _Words:
    """The page's own words (``fixed``) and the course's (``say``), in one language."""

    fixed: Messages
    say: Callable[[str], str]

    def module(self, number: int, title: str) -> str:
        return self.fixed.markup("materials.heading", number=number, title=escape(title))

    def tag(self, number: int, materials: Materials) -> str:
        """A card's set, as its foot and the trainer's pack name it."""
        name = escape(self.say(materials.name))
        return self.fixed.markup("materials.tag", number=number, name=name)


def for_trainer(materials: Materials) -> bool:
    """A set for the trainer's eyes only, such as "Answer card for the trainer"."""
    return TRAINER_MARK in materials.name.casefold()


def has_trainer_sets(modules: list[Module]) -> bool:
    """Whether any activity in ``modules`` has a set for the trainer."""
    return any(for_trainer(m) for module in modules for a in module.activities for m in a.materials)


def build_materials(
    course: Course,
    modules: list[Module],
    *,
    participants: bool = True,
    trainer: bool = True,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """The materials of every activity in ``modules``: with ``participants``, each
    activity's instructions and the cards for the room, an activity per page or more; with
    ``trainer``, then the trainer's pack on pages of its own; in ``language``."""
    words = _Words(messages(language), course_words(language))
    style = styles(large_print=False)
    card_style = style.body.clone("card", fontSize=14, leading=18)
    tag_style = style.small.clone("card-tag", fontSize=8, leading=10, textColor=MUTED)
    story: list[Flowable] = []
    numbered = [(course.modules.index(module) + 1, module) for module in modules]
    if participants:
        for number, module in numbered:
            for activity in module.activities:
                if story:
                    story.append(PageBreak())
                story += _activity_page(
                    number, module, activity, style, (card_style, tag_style), words
                )
    if trainer and has_trainer_sets(modules):
        if story:
            story.append(PageBreak())
        story += _trainer_pack(numbered, style, words)
    title = localised_course_title(course.title, language)
    return build_handout(
        story,
        title=words.fixed.text("materials.document_title", course=title),
        footer=words.fixed.text("materials.footer", course=title, version=course.version),
        style=style,
        discreet=False,
        language=language,
    )


def _trainer_pack(
    numbered: list[tuple[int, Module]], style: Styles, words: _Words
) -> list[Flowable]:
    """Every set for the trainer, by module and activity, under its own heading."""
    parts: list[Flowable] = [
        title_band(
            words.fixed.markup("materials.do_not_hand_out"),
            style,
            words.fixed.markup("materials.trainer_pack"),
        )
    ]
    for number, module in numbered:
        for activity in module.activities:
            sets = [m for m in activity.materials if for_trainer(m)]
            if not sets:
                continue
            title = escape(words.say(activity.title))
            heading = Paragraph(
                words.fixed.markup("materials.trainer_heading", number=number, title=title),
                style.heading,
            )
            answers = _answers(number, sets, style, words)
            parts += [Spacer(1, 5 * mm), KeepTogether([heading, *answers])]
    return parts


def _answers(number: int, sets: list[Materials], style: Styles, words: _Words) -> list[Flowable]:
    """A trainer's sets as full-width text to read from, not cards to cut out: each set
    under its name and module (as its cards would be tagged), its cards numbered."""
    parts: list[Flowable] = []
    for materials in sets:
        parts.append(Paragraph(words.tag(number, materials), style.subheading))
        many = len(materials.cards) > 1
        cards = [escape(words.say(card)) for card in materials.cards]
        parts += [
            Paragraph(f"{index}. {card}" if many else card, style.body)
            for index, card in enumerate(cards, start=1)
        ]
    return parts


def _activity_page(
    number: int,
    module: Module,
    activity: Activity,
    style: Styles,
    card_styles: tuple[ParagraphStyle, ParagraphStyle],
    words: _Words,
) -> list[Flowable]:
    say, fixed = words.say, words.fixed
    subtitle = fixed.markup(
        "materials.about_optional" if activity.optional else "materials.about",
        module=escape(say(module.title)),
        minutes=activity.minutes,
        slide=escape(say(activity.after_slide)),
    )
    parts: list[Flowable] = [
        title_band(words.module(number, say(activity.title)), style, subtitle),
        Spacer(1, 4 * mm),
        Paragraph(escape(say(activity.text)), style.body),
    ]
    room = [m for m in activity.materials if not for_trainer(m)]
    return parts + _sets(number, room, style, card_styles, words)


def _sets(
    number: int,
    sets: list[Materials],
    style: Styles,
    card_styles: tuple[ParagraphStyle, ParagraphStyle],
    words: _Words,
) -> list[Flowable]:
    """Each set's title and its cards, two across."""
    card_style, tag_style = card_styles
    parts: list[Flowable] = []
    for materials in sets:
        tag = words.tag(number, materials)
        many = len(materials.cards) > 1
        # Numbered, so an answer card can say "1: In the Code" and a table can find it.
        boxes: list[Flowable | str] = [
            _card(
                Paragraph(escape(words.say(card)), card_style),
                Paragraph(
                    words.fixed.markup(
                        "materials.tag_numbered",
                        number=number,
                        name=escape(words.say(materials.name)),
                        index=index,
                    )
                    if many
                    else tag,
                    tag_style,
                ),
            )
            for index, card in enumerate(materials.cards, start=1)
        ]
        if len(boxes) % 2:
            boxes.append("")
        rows = [boxes[i : i + 2] for i in range(0, len(boxes), 2)]
        count = words.fixed.plural("materials.cards", len(materials.cards))
        name = escape(words.say(materials.name))
        title = Paragraph(
            words.fixed.markup("materials.set_title", name=name, cards=escape(count)),
            style.subheading,
        )
        # The set's title stays with its first row of cards only, so a long set starts
        # under the instructions instead of leaving the first page empty.
        parts += [Spacer(1, 3 * mm), KeepTogether([title, _grid(rows[:1])])]
        if rows[1:]:
            parts.append(_grid(rows[1:]))
    return parts


def _grid(rows: list[list[Flowable | str]]) -> Table:
    grid = Table(rows, colWidths=[CARD_WIDTH + 4 * mm] * 2)
    grid.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    return grid


def _card(words: Paragraph, tag: Paragraph) -> Table:
    """One card: its words at the top, its set's name at the foot, in a dashed box. A
    card is at least CARD_HEIGHT tall, and grows for a longer story."""
    card = Table([[words], [Spacer(1, 2 * mm)], [tag]], colWidths=[CARD_WIDTH])
    if card.wrap(CARD_WIDTH, 1000)[1] < CARD_HEIGHT:
        card = Table(
            [[words], [tag]], colWidths=[CARD_WIDTH], rowHeights=[CARD_HEIGHT - 9 * mm, 9 * mm]
        )
    card.setStyle(
        table_style(
            ("BOX", (0, 0), (-1, -1), 0.8, RULE, None, (4, 3)),
            ("VALIGN", (0, 0), (0, 0), "TOP"),
            ("VALIGN", (0, 1), (0, 1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
        )
    )
    return card
