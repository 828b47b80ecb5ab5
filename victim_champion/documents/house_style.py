"""Colours, type sizes and paragraph styles shared by every printed document."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from victim_champion.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts

NAVY = HexColor("#123a5e")
INK = HexColor("#1d2430")
MUTED = HexColor("#4a5566")
PALE = HexColor("#eef3f8")
SAMPLE_RED = HexColor("#a4262c")
RULE = HexColor("#8a94a6")
WHITE = HexColor("#ffffff")


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one reading size (normal or large print)."""

    body: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    title: ParagraphStyle
    callout: ParagraphStyle
    sample: ParagraphStyle
    body_size: float


def styles(large_print: bool) -> Styles:
    """Large print keeps body text at 16 pt or more (RNIB's clear print guidance)."""
    register_fonts()
    body_size = 16.0 if large_print else 11.5
    small_size = 16.0 if large_print else 9.5

    def style(name: str, size: float, font: str = REGULAR, **extra: object) -> ParagraphStyle:
        options: dict[str, object] = {"textColor": INK, "alignment": TA_LEFT, **extra}
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35, **options)

    return Styles(
        body=style("body", body_size, spaceAfter=body_size * 0.5),
        small=style("small", small_size, textColor=MUTED),
        heading=style(
            "heading",
            body_size * 1.45,
            BOLD,
            textColor=NAVY,
            spaceBefore=body_size * 0.9,
            spaceAfter=body_size * 0.4,
        ),
        subheading=style("subheading", body_size * 1.1, BOLD, spaceAfter=body_size * 0.2),
        # Titles can hold a person's name in any script: shaped by HarfBuzz (short, so the
        # cost is nothing; body text is the house font's Latin and needs no shaping).
        title=style("title", body_size * 2.1, BOLD, textColor=WHITE, shaping=1),
        callout=style("callout", body_size, BOLD, textColor=NAVY),
        sample=style("sample", small_size, ITALIC, textColor=SAMPLE_RED),
        body_size=body_size,
    )


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle whose cells use our font: the default would reference Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def escape(text: str) -> str:
    """Text for a reportlab Paragraph (which reads a little markup)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
