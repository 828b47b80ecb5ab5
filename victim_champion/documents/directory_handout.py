"""'Support near you': the directory's services for one district, grouped by need.

Service descriptions, need labels and the routes' words are the directory's content (from
resources/, or a signed bundle), printed in the handout's language by
content/localised_content.py (a service's own name stays as it is); every fixed word
around them comes from the message catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from victim_champion.content.localised_content import localised_directory, localised_groups
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.directory import Directory, Need, Route, Service
from victim_champion.documents.handout_layout import MARGIN, build_handout, title_band
from victim_champion.documents.help_routes import help_routes_story, route_block
from victim_champion.documents.house_style import (
    PALE,
    RULE,
    SAMPLE_RED,
    Styles,
    escape,
    table_style,
)
from victim_champion.documents.house_style import styles as make_styles


def own_routes(service: Service, directory: Directory, discreet: bool) -> list[Route]:
    """The service's own confirmed routes that this page may print (never an unconfirmed
    one: paper carries confirmed routes only)."""
    return [r for r in directory.own_routes(service) if r.printable(discreet)]


def page_routes(
    groups: Sequence[tuple[Need, Sequence[Service]]], directory: Directory, discreet: bool
) -> list[Route]:
    """Every service's own route these groups print (for "last checked" on the page)."""
    return [
        r for _, services in groups for s in services for r in own_routes(s, directory, discreet)
    ]


def _service_block(
    service: Service,
    directory: Directory,
    style: Styles,
    words: Messages,
    discreet: bool,
    for_person: bool,
) -> list[Flowable]:
    parts: list[Flowable] = [
        Paragraph(escape(service.shown_name(discreet)), style.subheading),
        Paragraph(escape(service.shown_description(discreet)), style.body),
    ]
    own = own_routes(service, directory, discreet)
    for route in own:
        parts += route_block(route, style, words, discreet)
    if for_person:  # the person's sheet says once how to reach these (signposting_sheet)
        return parts
    if not own:
        parts.append(Paragraph(words.markup("services.no_contact"), style.body))
    if not service.is_verified:
        parts.append(Paragraph(f"<b>{words.markup('services.sample_mark')}</b>", style.sample))
    return parts


def services_story(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    style: Styles,
    language: str = DEFAULT_LANGUAGE,
    *,
    discreet: bool = False,
    for_person: bool = False,
) -> list[Flowable]:
    """Headed groups of services, each service kept whole on one page; a discreet copy
    uses the plain names, descriptions and need labels. ``for_person``: the person's own
    sheet, where the worker already chose each service with them, so no per-service sample
    mark (the worker's screen shows what is not confirmed)."""
    words = messages(language)
    story: list[Flowable] = []
    for need, services in groups:
        story.append(Paragraph(escape(need.shown(discreet)), style.heading))
        for service in services:
            block = Table(
                [[_service_block(service, directory, style, words, discreet, for_person)]],
                colWidths=[210 * mm - 2 * MARGIN],
            )
            block.setStyle(
                table_style(
                    (
                        "LINEBEFORE",
                        (0, 0),
                        (0, -1),
                        3,
                        SAMPLE_RED if not (service.is_verified or for_person) else RULE,
                    ),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                )
            )
            story += [KeepTogether([block]), Spacer(1, 2 * mm)]
    return story


def build_directory_handout(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    *,
    district_name: str,
    sample: bool,
    large_print: bool,
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """The directory handout for one district as PDF bytes, its content in ``language``."""
    words = messages(language)
    groups = localised_groups(groups, language)
    directory = localised_directory(directory, language)
    style = make_styles(large_print)
    district = escape(district_name)
    story: list[Flowable] = [
        title_band(
            words.markup("directory.title", district=district),
            style,
            words.markup("directory.subtitle"),
        ),
        Spacer(1, 5 * mm),
        Paragraph(words.markup("directory.introduction"), style.body),
    ]
    if sample:
        banner = Table(
            [
                [
                    Paragraph(
                        f"<b>{words.markup('services.sample_mark')}.</b> "
                        + words.markup("directory.sample_banner"),
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
    story += services_story(groups, directory, style, language, discreet=discreet)
    story += help_routes_story(
        directory,
        [need.id for need, _ in groups],
        style,
        words,
        discreet=discreet,
        also=page_routes(groups, directory, discreet),
    )
    return build_handout(
        story,
        title=words.text("directory.document_title", district=district_name),
        footer=words.text("directory.title", district=district_name),
        style=style,
        discreet=discreet,
        language=language,
    )
