"""The recovery key on paper: twelve words, large and numbered, for Compass House's safe.

The words are the key, so the sheet says nothing about whose laptop it is or what the
app is for beyond "outreach desk"; the PDF's own title is as plain. The command to run
is a field of its sentence, so it prints exactly as it is typed in every language.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, messages
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.house_style import escape, styles, table_style

# What the person types to use the key (cli/staff_commands.py); NAME is their staff name.
RECOVERY_COMMAND = "victim-champion recovery-key use --staff NAME"


def build_recovery_sheet(words: str, made: date, language: str = DEFAULT_LANGUAGE) -> bytes:
    """One A4 page: the title, what the key does, the numbered words, how to keep it."""
    text = messages(language)
    style = styles(large_print=True)
    listed = words.split()
    cells = [
        [Paragraph(f"{i + 1}. <b>{listed[i]}</b>", style.body) for i in (row, row + 6)]
        for row in range(6)
    ]
    grid = Table(cells, colWidths=[80 * mm, 80 * mm])
    grid.setStyle(table_style(("TOPPADDING", (0, 0), (-1, -1), 6)))
    story: list[Flowable] = [
        title_band(text.markup("recovery.title"), style),
        Spacer(1, 6 * mm),
        Paragraph(text.markup("recovery.explain", created=text.long_date(made)), style.body),
        Spacer(1, 6 * mm),
        grid,
        Spacer(1, 6 * mm),
        Paragraph(text.markup("recovery.use", command=escape(RECOVERY_COMMAND)), style.body),
        Paragraph(text.markup("recovery.keep"), style.body),
    ]
    return build_handout(
        story,
        title=text.text("recovery.footer"),
        footer=text.text("recovery.footer"),
        style=style,
        discreet=False,
        language=language,
    )
