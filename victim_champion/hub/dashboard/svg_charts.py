"""Horizontal bar charts as SVG, drawn on the server from published cells.

A chart draws ``Cell.chart_value`` only: a hidden cell ("<5" or "[c]") gets no bar, just
its printed label, and the scale is set by the shown values alone, so neither a bar's
length nor the axis can give a hidden value away. Each chart is an accessible image
(role="img" with a title and description); the page prints the table beside it for
screen readers and for anyone who wants the figures.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from victim_champion.core.suppression import Cell

WIDTH = 760
ROW_HEIGHT = 32
BAR_HEIGHT = 22
TOP = 6
VALUE_SPACE = 64
FONT_SIZE = 15
CHAR_WIDTH = 8.4  # a generous average for 15px sans-serif
MAX_LABEL_CHARS = 46
BAR_COLOUR = "#1f5b8f"  # 7.1:1 on white
TEXT_COLOUR = "#1d2430"
HIDDEN_COLOUR = "#4a5160"  # 8.0:1 on white
RULE_COLOUR = "#767d8a"


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _hidden_words(cell: Cell) -> str:
    if cell.text.startswith("<"):
        return f"{cell.text} (a small number, not shown exactly)"
    return f"{cell.text} (withheld)"


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """One SVG element; ``chart_id`` makes the title and description ids unique."""
    label_width = min(
        390, max(120, round(CHAR_WIDTH * max((len(_short(b.label)) for b in bars), default=0)) + 16)
    )
    plot_left = label_width
    plot_width = WIDTH - label_width - VALUE_SPACE
    shown = [b.cell.chart_value for b in bars if b.cell.chart_value is not None]
    scale_top = max([1, *shown])
    height = TOP * 2 + ROW_HEIGHT * max(1, len(bars))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="system-ui, sans-serif" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>',
        f'<line x1="{plot_left}" y1="{TOP - 2}" x2="{plot_left}" y2="{height - TOP + 2}" '
        f'stroke="{RULE_COLOUR}" stroke-width="1"/>',
    ]
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        label = _short(bar.label)
        value = bar.cell.chart_value
        parts.append("<g>")
        if value is None:
            parts.append(f"<title>{_text(bar.label)}: {_text(_hidden_words(bar.cell))}</title>")
        else:
            parts.append(f"<title>{_text(bar.label)}: {_text(bar.cell.text)}</title>")
        parts.append(
            f'<text x="{plot_left - 8}" y="{middle:.1f}" text-anchor="end" '
            f'dominant-baseline="central" fill="{TEXT_COLOUR}">{_text(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{plot_left + 6}" y="{middle:.1f}" dominant-baseline="central" '
                f'fill="{HIDDEN_COLOUR}" font-style="italic">{_text(bar.cell.text)}</text>'
            )
        else:
            length = max(plot_width * value / scale_top, 2) if value else 0
            if value > 0:
                parts.append(
                    f'<rect x="{plot_left}" y="{y + (ROW_HEIGHT - BAR_HEIGHT) / 2:.1f}" '
                    f'width="{length:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
                )
            parts.append(
                f'<text x="{plot_left + length + 6:.1f}" y="{middle:.1f}" '
                f'dominant-baseline="central" fill="{TEXT_COLOUR}" '
                f'font-weight="bold">{_text(bar.cell.text)}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
