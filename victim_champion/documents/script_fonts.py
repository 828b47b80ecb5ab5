"""Names in every script: font fallback, HarfBuzz shaping and right-to-left words.

A name is printed as the person writes it. Each word is set in the house font if it has
every glyph, otherwise in the first bundled font that draws the whole word (a word is never
split across fonts, so "Nguyễn" keeps one face). Words in those fonts are shaped by HarfBuzz
through reportlab (conjuncts, vowel signs, Arabic joining), and a run of right-to-left words
is laid out right to left. A character no bundled font can draw is never an empty box:
``undrawable`` names it, and the caller refuses with a sentence that says which.

The bidirectional handling is for names and short lines (runs of whole words), not the
full Unicode algorithm: a line that mixes scripts keeps its words in reading order, and
each run of Arabic-script words is reversed as a whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeFragWord
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import ABag

from victim_champion.content.script_font_files import FALLBACK_FONTS, font_path
from victim_champion.documents.fonts import register_fonts

_RIGHT_TO_LEFT = {"R", "AL"}
# Kerning and standard ligatures only: a discretionary ligature can add marks a person
# never wrote (Noto's Arabic sets "محمد" with vowel signs when asked for them).
_FEATURES = {"kern": True, "liga": True}


@cache
def register_script_fonts() -> None:
    """Register the fallback fonts once (embedded, subset, only when a word uses them)."""
    register_fonts()
    for name, file_name in FALLBACK_FONTS:
        pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))


@cache
def _glyphs(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def _draws(font_name: str, word: str) -> bool:
    glyphs = _glyphs(font_name)
    return all(ord(ch) in glyphs or unicodedata.category(ch).startswith("Z") for ch in word)


def font_for(word: str, primary: str) -> str | None:
    """The font a word is set in: the house font if it can, else the first fallback that
    draws all of it; None if none does."""
    register_script_fonts()
    for name in (primary, *(name for name, _ in FALLBACK_FONTS)):
        if _draws(name, word):
            return name
    return None


def undrawable(text: str, primary: str) -> list[str]:
    """The characters no bundled font can draw, each once, in order."""
    register_script_fonts()
    fonts = (primary, *(name for name, _ in FALLBACK_FONTS))
    missing: list[str] = []
    for ch in text:
        if ch.isspace() or ch in missing:
            continue
        if not any(_draws(name, ch) for name in fonts):
            missing.append(ch)
    return missing


class UnprintableTextError(ValueError):
    """Some text has a character no bundled font can draw (``characters``)."""

    def __init__(self, characters: list[str]) -> None:
        super().__init__(describe(characters))
        self.characters = characters


def require_printable(texts: list[str], primary: str) -> None:
    """Refuse, naming the characters, before a page is drawn with an empty box."""
    missing: list[str] = []
    for text in texts:
        missing += [ch for ch in undrawable(text, primary) if ch not in missing]
    if missing:
        raise UnprintableTextError(missing)


def describe(characters: list[str]) -> str:
    """ "'☃' (SNOWMAN)" for a message naming what cannot be printed."""
    return ", ".join(f"'{ch}' ({unicodedata.name(ch, f'U+{ord(ch):04X}')})" for ch in characters)


def _right_to_left(word: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in word)


def runs(text: str, primary: str) -> list[tuple[str, str]]:
    """(font, text) pieces in display order: words and the spaces between them, each
    word in its own font, runs of right-to-left words reversed."""
    pieces: list[tuple[str, str]] = []
    for word in _words(text):
        font = primary if word.isspace() else font_for(word, primary)
        pieces += [(font, word)] if font else _by_character(word, primary)
    ordered: list[tuple[str, str]] = []
    index = 0
    while index < len(pieces):
        if not _right_to_left(pieces[index][1]):
            ordered.append(pieces[index])
            index += 1
            continue
        end = index
        while end + 1 < len(pieces) and (
            _right_to_left(pieces[end + 1][1])
            or (
                pieces[end + 1][1].isspace()
                and end + 2 < len(pieces)
                and _right_to_left(pieces[end + 2][1])
            )
        ):
            end += 1
        ordered += reversed(pieces[index : end + 1])
        index = end + 1
    return ordered


def _by_character(word: str, primary: str) -> list[tuple[str, str]]:
    """A word no one font draws, cut where its font must change ("[नमस्ते·]" when one
    font lacks "·"); a mark stays with the letter before it when that font has it."""
    pieces: list[tuple[str, str]] = []
    for ch in word:
        if pieces and _draws(pieces[-1][0], ch):
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + ch)
        else:
            pieces.append((font_for(ch, primary) or primary, ch))
    return pieces


def _words(text: str) -> list[str]:
    """Words and the runs of space between them, in order."""
    return re.findall(r"\s+|\S+", text)


def _shaped(piece: str, font: str, size: float) -> tuple[str | ShapedStr, float]:
    """The text to draw and its width: shaped by HarfBuzz in a fallback font."""
    if font in dict(FALLBACK_FONTS) and pdfmetrics.getFont(font).shapable:
        width, (_, shaped) = shapeFragWord(
            [stringWidth(piece, font, size), (ABag(fontName=font, fontSize=size), piece)],
            features=_FEATURES,
        )
        return shaped, float(width)
    return piece, stringWidth(piece, font, size)


def line_width(text: str, primary: str, size: float) -> float:
    """How wide the line is when set with its fallbacks."""
    return sum(_shaped(piece, font, size)[1] for font, piece in runs(text, primary))


def draw_centred(canvas: Canvas, x: float, y: float, text: str, primary: str, size: float) -> None:
    """Draw one line centred on ``x``, each word in its font, shaped where it needs it."""
    draw_line(canvas, x, y, text, primary, size, centred=True)


def draw_line(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    primary: str,
    size: float,
    *,
    centred: bool = False,
) -> None:
    """Draw one line from ``x`` (or centred on it), each word in its font, shaped where
    it needs it; a line the primary font draws whole is one plain string, as before."""
    if font_for(text, primary) == primary:
        canvas.setFont(primary, size)
        (canvas.drawCentredString if centred else canvas.drawString)(x, y, text)
        return
    pieces = [(font, *_shaped(piece, font, size)) for font, piece in runs(text, primary)]
    left = x - sum(width for _, _, width in pieces) / 2 if centred else x
    for font, shaped, width in pieces:
        canvas.setFont(font, size)
        canvas.drawString(left, y, shaped)
        left += width


def split_lines(text: str, primary: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a word longer than a line has
    one to itself), measured in the fonts each word is set in."""
    if font_for(text, primary) == primary:
        return simpleSplit(text, primary, size, width)
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and line_width(joined, primary, size) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def paragraph_markup(escaped: str, primary: str) -> str:
    """Paragraph markup for text already escaped: each word that needs another font in a
    <font> tag (reportlab shapes those runs when the style has shaping on)."""
    out: list[str] = []
    for font, piece in runs(escaped, primary):
        out.append(piece if font == primary else f'<font face="{font}">{piece}</font>')
    return "".join(out)
