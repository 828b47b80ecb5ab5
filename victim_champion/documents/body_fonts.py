"""Body text in any script: each paragraph is set in one font that has all its letters.

The house font (Atkinson Hyperlegible) draws Latin only. Before a page is laid out, every
paragraph of the story (in tables and kept groups too) is looked at once:

- if the house font draws it, nothing changes;
- otherwise the whole paragraph moves to the first bundled font that draws all of it
  (content/script_font_files.py: Noto Sans for Latin the house font lacks, then
  Devanagari, Gurmukhi, Bengali, Arabic and Chinese), so a paragraph keeps one face;
- a paragraph no one font draws (a Devanagari sentence with an English name or a web
  address in it) is set word by word, by the same fallback names use
  (script_fonts.runs);
- a character no bundled font draws refuses the language with one sentence
  (UnprintableLanguageError), and nothing is printed: never an empty box.

A paragraph is shaped by HarfBuzz when its letters need it (vowel signs, conjuncts, Arabic
joining). The fallback fonts have one weight, so bold words in another script are set in
the regular face; headings still stand out by size and colour. Plain-text table cells and
chart labels get the same choice. The language's own words are checked as a whole first
(require_printable_language), so a language no font can print is refused before any
page is made, whatever is printed.

Right-to-left paragraphs are shaped but laid out left to right (reportlab has no bidi
line layout without the rlbidi package), so a language written mostly right to left is
refused too, with its own sentence, rather than printed with its words in the wrong order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, messages
from victim_champion.core.errors import InvalidInputError
from victim_champion.documents.fonts import BOLD, ITALIC, REGULAR
from victim_champion.documents.script_fonts import describe, font_for, runs, undrawable

HOUSE = (REGULAR, BOLD, ITALIC)
_FIELD = re.compile(r"\{[^{}]*\}")
_RIGHT_TO_LEFT = {"R", "AL"}


class UnprintableLanguageError(InvalidInputError):
    """No bundled font draws some of a language's words: nothing is printed."""

    def __init__(self, language: str, characters: list[str]) -> None:
        shown = describe(characters[:3]) + (
            f" and {len(characters) - 3} more" if len(characters) > 3 else ""
        )
        super().__init__(
            f"Victim Champion cannot print in {language}: none of its fonts has {shown}; "
            f"choose another language, such as {DEFAULT_LANGUAGE}."
        )
        self.characters = characters


class RightToLeftLanguageError(InvalidInputError):
    """The language is written right to left, which paragraphs cannot yet lay out."""

    def __init__(self, language: str) -> None:
        super().__init__(
            f"Victim Champion cannot yet print whole pages in {language}, which is written "
            f"right to left; choose another language, such as {DEFAULT_LANGUAGE}."
        )


@cache
def require_printable_language(language: str) -> None:
    """Refuse ``language`` (UnprintableLanguageError, RightToLeftLanguageError) unless a
    bundled font draws every letter of its catalogue; checked once per language."""
    words = messages(language)
    texts = [words.template(key) for key in words]
    texts += [form for key in words.plural_keys() for form in words.forms(key)]
    text = _FIELD.sub(" ", "\n".join(texts))
    missing = undrawable(text, REGULAR)
    if missing:
        raise UnprintableLanguageError(words.language, missing)
    directions = [unicodedata.bidirectional(ch) for ch in text]
    if sum(d in _RIGHT_TO_LEFT for d in directions) > directions.count("L"):
        raise RightToLeftLanguageError(words.language)


def flowables(story: Iterable[object]) -> Iterator[object]:
    """Every item of a story and, inside its tables and kept groups, theirs (a table's
    plain-text cells as str)."""
    for item in story:
        yield item
        if isinstance(item, Table):
            for row in item._cellvalues:
                for cell in row:
                    yield from flowables(cell if isinstance(cell, list | tuple) else [cell])
        elif isinstance(item, KeepTogether):
            yield from flowables(item._content)


def fit_story(story: list[Flowable], language: str) -> None:
    """Give every paragraph, table cell and chart label of ``story`` a font that draws it
    (in place), or raise UnprintableLanguageError before anything is laid out."""
    require_printable_language(language)
    for item in flowables(story):
        if isinstance(item, Paragraph):
            fit_paragraph(item, language)
        elif isinstance(item, Table):
            _fit_cells(item, language)
        elif isinstance(item, Drawing):
            _fit_drawing(item, language)


def line_font(text: str, primary: str, language: str) -> str | None:
    """The one font a line of text is set in: ``primary`` if it draws it, else the first
    bundled font that does; None when it takes more than one (set it word by word)."""
    missing = undrawable(text, primary)
    if missing:
        raise UnprintableLanguageError(language, missing)
    return font_for(text, primary)


def fit_paragraph(paragraph: Paragraph, language: str) -> None:
    """Set ``paragraph`` in one font that draws all of it, else word by word."""
    frags = [f for f in paragraph.frags if getattr(f, "fontName", None) in HOUSE]
    frags = [f for f in frags if getattr(f, "text", "")]
    text = "".join(f.text for f in frags)
    if all(font_for(f.text, f.fontName) == f.fontName for f in frags):
        return  # the house font draws it, or words in other fonts are already marked
    whole = line_font(text, REGULAR, language)
    if whole is not None:
        for frag in frags:
            frag.fontName = whole
    else:
        paragraph.frags = [piece for frag in paragraph.frags for piece in _split(frag, frags)]
    style = paragraph.style
    fonts = {getattr(frag, "fontName", REGULAR) for frag in paragraph.frags}
    paragraph.style = style.clone(
        f"{style.name}-{whole or 'mixed'}",
        fontName=whole or style.fontName,
        shaping=1 if _needs_shaping(text) else style.shaping,
        # A taller face (Devanagari's marks reach further down) keeps the same gap.
        leading=style.leading + style.fontSize * max(0.0, *(_taller(font) for font in fonts)),
    )


def _taller(font: str) -> float:
    """How much taller the face's line box (ascent to descent) is than the house font's,
    as a fraction of the size."""
    face, house = pdfmetrics.getFont(font).face, pdfmetrics.getFont(REGULAR).face
    return float((face.ascent - face.descent) - (house.ascent - house.descent)) / 1000


def _split(frag: object, house: list[object]) -> list[object]:
    """A house-font fragment as pieces each in a font that draws it (word by word)."""
    text, font = getattr(frag, "text", ""), getattr(frag, "fontName", "")
    if frag not in house or font_for(text, font) == font:
        return [frag]
    return [frag.clone(fontName=run_font, text=piece) for run_font, piece in runs(text, font)]  # type: ignore[attr-defined]


def _needs_shaping(text: str) -> bool:
    """True when HarfBuzz must place the letters: marks that join a letter (Indic vowel
    signs, viramas) or Arabic joining. Alphabets with none need no shaping."""
    return any(
        unicodedata.category(ch).startswith("M") or unicodedata.bidirectional(ch) == "AL"
        for ch in text
    )


def _one_font(text: str, primary: str, language: str) -> str:
    """The font for a string that cannot be set word by word (a cell, a chart label)."""
    font = line_font(text, primary, language)
    if font is None:  # each letter has a font, but no one font has them all
        lacking = [ch for ch in dict.fromkeys(text) if font_for(ch, primary) not in (primary, None)]
        raise UnprintableLanguageError(language, [ch for ch in lacking if not ch.isspace()])
    return font


def _fit_cells(table: Table, language: str) -> None:
    """A table's plain-text cells (numbers, short labels) in a font that draws each."""
    for row, cells in enumerate(table._cellvalues):
        for column, cell in enumerate(cells):
            if isinstance(cell, str) and cell.strip():
                style = table._cellStyles[row][column]
                style.fontname = _one_font(cell, style.fontname, language)


def _fit_drawing(drawing: Group, language: str) -> None:
    """A chart's strings and each axis label in a font that draws it."""
    for shape in drawing.contents:
        if isinstance(shape, String):
            shape.fontName = _one_font(shape.text, shape.fontName, language)
        elif isinstance(shape, Group):
            _fit_drawing(shape, language)
        for axis_name in ("categoryAxis", "valueAxis"):
            axis = getattr(shape, axis_name, None)
            for index, name in enumerate(getattr(axis, "categoryNames", None) or []):
                font = _one_font(str(name), axis.labels.fontName, language)  # type: ignore[union-attr]
                if font != axis.labels.fontName:  # type: ignore[union-attr]
                    axis.labels[index].fontName = font  # type: ignore[union-attr]
