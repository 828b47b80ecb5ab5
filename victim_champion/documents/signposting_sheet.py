"""The personal signposting sheet: only the services chosen with the person, by need."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from victim_champion.core.directory import Need, Service
from victim_champion.documents.directory_handout import services_story
from victim_champion.documents.handout_layout import build_handout, title_band
from victim_champion.documents.house_style import styles


def build_signposting_sheet(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    *,
    district_name: str,
    name: str = "",
    large_print: bool,
    discreet: bool,
) -> bytes:
    """PDF bytes. The name is printed only if the person asked for it."""
    style = styles(large_print)
    heading = f"Support chosen for {name}" if name.strip() else "Support chosen with you"
    story: list[Flowable] = [
        title_band(
            heading.replace("&", "&amp;").replace("<", "&lt;"),
            style,
            f"Services in {district_name} for what matters to you now",
        ),
        Spacer(1, 5 * mm),
        Paragraph(
            "You can contact these services yourself, or ask us to refer you. "
            "You can change your mind at any time.",
            style.body,
        ),
    ]
    story += services_story(groups, style)
    return build_handout(
        story, title="Your support plan", footer="Your support plan", style=style, discreet=discreet
    )
