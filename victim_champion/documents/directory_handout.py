"""'Support near you': the directory's services for one district, grouped by need."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.core.directory import Need, Service
from victim_champion.documents.handout_layout import MARGIN, build_handout, title_band
from victim_champion.documents.house_style import (
    PALE,
    RULE,
    SAMPLE_MARK,
    SAMPLE_RED,
    Styles,
    table_style,
)
from victim_champion.documents.house_style import styles as make_styles


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _service_block(service: Service, style: Styles) -> list[Flowable]:
    parts: list[Flowable] = [
        Paragraph(_escape(service.name), style.subheading),
        Paragraph(_escape(service.description), style.body),
    ]
    if service.is_verified and service.contacts:
        for contact in service.contacts:
            hours = f" ({_escape(contact.hours)})" if contact.hours else ""
            parts.append(
                Paragraph(
                    f"{contact.kind.title()}: <b>{_escape(contact.value)}</b>{hours}", style.body
                )
            )
    else:
        parts.append(
            Paragraph("Contact details: ask the worker who gave you this sheet.", style.body)
        )
    if not service.is_verified:
        parts.append(Paragraph(f"<b>{SAMPLE_MARK}</b>", style.sample))
    return parts


def services_story(
    groups: Sequence[tuple[Need, Sequence[Service]]], style: Styles
) -> list[Flowable]:
    """Headed groups of services, each service kept whole on one page."""
    story: list[Flowable] = []
    for need, services in groups:
        story.append(Paragraph(_escape(need.label), style.heading))
        for service in services:
            block = Table([[_service_block(service, style)]], colWidths=[210 * mm - 2 * MARGIN])
            block.setStyle(
                table_style(
                    (
                        "LINEBEFORE",
                        (0, 0),
                        (0, -1),
                        3,
                        SAMPLE_RED if not service.is_verified else RULE,
                    ),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                )
            )
            story += [KeepTogether([block]), Spacer(1, 2 * mm)]
    return story


def build_directory_handout(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    *,
    district_name: str,
    sample: bool,
    large_print: bool,
    discreet: bool,
) -> bytes:
    """The directory handout for one district as PDF bytes."""
    style = make_styles(large_print)
    title = f"Support for victims of crime in {district_name}"
    story: list[Flowable] = [
        title_band(
            f"Support in {district_name}", style, "Services that can help, grouped by what you need"
        ),
        Spacer(1, 5 * mm),
        Paragraph(
            "You do not need to have reported a crime to get support. Choose what matters "
            "to you now; you can come back for more later.",
            style.body,
        ),
    ]
    if sample:
        banner = Table(
            [
                [
                    Paragraph(
                        f"<b>{SAMPLE_MARK}.</b> This is a sample directory. No entry has "
                        "been checked yet, so contact details are not shown.",
                        style.sample,
                    )
                ]
            ],
            colWidths=[210 * mm - 2 * MARGIN],
        )
        banner.setStyle(
            table_style(
                ("BOX", (0, 0), (-1, -1), 1.5, SAMPLE_RED),
                ("BACKGROUND", (0, 0), (-1, -1), PALE),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            )
        )
        story += [banner, Spacer(1, 3 * mm)]
    story += services_story(groups, style)
    return build_handout(
        story, title=title, footer=f"Support in {district_name}", style=style, discreet=discreet
    )
