"""The accessible twins of the handouts and the sheet, as web pages (documents/html_twin.py
says why): the same content as operations/printing.py prints, as semantic HTML."""

from __future__ import annotations

from collections.abc import Iterable

from victim_champion.operations.printing import (
    HandoutKind,
    HandoutOptions,
    directory_groups,
    known_routes,
    sheet_content,
)


def handout_web_page(kind: HandoutKind, options: HandoutOptions) -> str:
    """A public handout as one self-contained web page."""
    from victim_champion.content.course_on_laptop import code_in_use
    from victim_champion.content.directory_loader import current_directory
    from victim_champion.documents.html_twin import directory_web_page, rights_web_page

    if kind is HandoutKind.RIGHTS:
        return rights_web_page(
            code_in_use(),  # the same Code as the printed handout
            current_directory(),
            discreet=options.discreet,
            language=options.language,
        )
    groups, directory, district_name = directory_groups(options)
    return directory_web_page(
        groups,
        directory,
        district_name=district_name,
        discreet=options.discreet,
        language=options.language,
    )


def sheet_web_page_for(
    district_id: str,
    need_ids: Iterable[str],
    service_ids: Iterable[str],
    *,
    name: str = "",
    options: HandoutOptions,
    route_ids: Iterable[str] = (),
    groups: Iterable[str] = (),
) -> str:
    """The person's own sheet as a web page (their name only if they asked for it), or,
    with ``options.discreet``, the discreet card's (print_signposting_sheet says more)."""
    from victim_champion.documents.html_twin import sheet_web_page

    content = sheet_content(district_id, need_ids, service_ids, name)
    chosen = known_routes(content.directory, route_ids)
    return sheet_web_page(
        content.groups,
        content.directory,
        needs=content.needs,
        district_name=content.district_name,
        name=name,
        discreet=options.discreet,
        language=options.language,
        route_ids=chosen,
        groups_said=tuple(groups),
    )
