"""The embedded fonts (Atkinson Hyperlegible, OFL) registered once with reportlab."""

from __future__ import annotations

from functools import cache

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from victim_champion.content.resource_paths import resources_root

REGULAR = "Atkinson"
BOLD = "Atkinson-Bold"
ITALIC = "Atkinson-Italic"
_FILES = {
    REGULAR: "AtkinsonHyperlegible-Regular.ttf",
    BOLD: "AtkinsonHyperlegible-Bold.ttf",
    ITALIC: "AtkinsonHyperlegible-Italic.ttf",
}


@cache
def register_fonts() -> None:
    """Register the TrueType fonts (subset and embedded in every PDF that uses them)."""
    folder = resources_root() / "fonts"
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
    # <b> and <i> inside paragraphs map to the embedded faces, never to Helvetica.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    # Charts (reportlab.graphics) start every drawing in this font; Helvetica otherwise.
    STATE_DEFAULTS["fontName"] = REGULAR
