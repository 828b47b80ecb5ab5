"""The accessible twin of each handout and sheet: the same words as plain, semantic HTML.

reportlab cannot tag a PDF, so a screen-reader user gets no structure from the paper's
file. Each handout and the signposting sheet therefore also exists as one self-contained
web page (headings, lists, the page's language, no scripts, no outside files) that a
worker can save and send, or show on the laptop. It is built from exactly the data and
catalogue words the PDF uses, with the same discreet rules: a discreet twin uses the plain
names and words and its title is the cover's; the discreet sheet's twin is the card's
(emergency routes, the Supportline and the chosen routes under neutral labels), checked
against the revealing list like the PDF. No twin shows a route's source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html import escape

from victim_champion.content.localised_content import (
    localised_code,
    localised_directory,
    localised_groups,
)
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.core.directory import Directory, Need, Route, Service
from victim_champion.core.victims_code import VictimsCode
from victim_champion.documents.directory_handout import own_routes, page_routes
from victim_champion.documents.help_routes import (
    checked_words,
    edition_words,
    hours_words,
    route_sections,
)
from victim_champion.documents.signposting_sheet import no_contact_words

_STYLE = (
    "body{font-family:'Atkinson Hyperlegible',Verdana,Arial,sans-serif;font-size:1.2rem;"
    "line-height:1.5;max-width:42rem;margin:1rem auto;padding:0 1rem;color:#1d2430;"
    "background:#fff}h1,h2,h3{color:#123a5e;line-height:1.25}"
    ".routes{border:3px solid #123a5e;padding:0 1rem 1rem;margin-top:2rem}"
    ".small{font-size:1rem;color:#4a5566}"
)


def _page(title: str, body: list[str], words: Messages) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(words.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _route_item(route: Route, words: Messages, discreet: bool) -> str:
    name, contact = route.shown_name(discreet), route.shown_contact(discreet)
    hours = hours_words(route, words)
    checked = checked_words(route, words)
    return (
        f"<li><strong>{escape(name)}</strong>: {escape(contact.rstrip('.'))}. "
        f'<span class="small">{escape(hours)}. {escape(checked)}.</span></li>'
    )


def _routes(
    directory: Directory,
    needs: Sequence[str],
    words: Messages,
    discreet: bool,
    *,
    groups: Sequence[str] = (),
    chosen: Sequence[str] = (),
    also: Sequence[Route] = (),
) -> str:
    """The route sections, then the edition line (help_routes.edition_words), as the PDF."""
    sections = route_sections(directory, needs, discreet=discreet, groups=groups, chosen=chosen)
    parts = []
    for index, (key, routes) in enumerate(sections):
        items = "\n".join(_route_item(r, words, discreet) for r in routes)
        parts.append(
            f'<section class="routes" aria-labelledby="{key}">\n'
            f'<h2 id="{key}">{escape(words.text(key))}</h2>\n'
            + (f"<p>{escape(words.text('routes.introduction'))}</p>\n" if index == 0 else "")
            + f"<ul>\n{items}\n</ul>\n</section>"
        )
    printed = [r for _, routes in sections for r in routes] + list(also)
    parts.append(f'<p class="small">{escape(edition_words(directory, words, printed))}</p>')
    return "\n".join(parts)


def _checked(page: str, words: Messages, chosen: Sequence[str], name: str = "") -> str:
    """A discreet page, refused (RevealingTextError) if it would give its purpose away."""
    shown = re.sub(r"<[^>]+>", " ", page)
    shown = html.unescape(shown)
    if name.strip():
        shown = shown.replace(name.strip(), " ")
    load_revealing().require_discreet([shown, words.text("handout.cover_title")], chosen)
    return page


def _services(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    words: Messages,
    discreet: bool,
    for_person: bool = False,
) -> list[str]:
    body: list[str] = []
    for need, services in groups:
        body.append(f"<h2>{escape(need.shown(discreet))}</h2>")
        for service in services:
            body.append(f"<h3>{escape(service.shown_name(discreet))}</h3>")
            body.append(f"<p>{escape(service.shown_description(discreet))}</p>")
            own = own_routes(service, directory, discreet)
            if own:
                body.append("<ul>" + "".join(_route_item(r, words, discreet) for r in own))
                body[-1] += "</ul>"
            elif not for_person:
                body.append(f"<p>{escape(words.text('services.no_contact'))}</p>")
            if not (service.is_verified or for_person):
                body.append(f"<p><strong>{escape(words.text('services.sample_mark'))}</strong></p>")
    return body


def rights_web_page(
    code: VictimsCode, directory: Directory, *, discreet: bool, language: str = DEFAULT_LANGUAGE
) -> str:
    """The rights handout as a web page."""
    words = messages(language)
    code = localised_code(code, language)
    directory = localised_directory(directory, language)
    plain = "_discreet" if discreet else ""
    title = words.text("handout.cover_title") if discreet else words.text("rights.title")
    intro = words.text(
        f"rights.introduction{plain}",
        code=code.title,
        edition=code.edition,
        date=words.long_date(code.in_force),
    )
    rights = "".join(
        f"<li><strong>{escape(right.shown(discreet)[0])}</strong>. "
        f"{escape(right.shown(discreet)[1])}</li>"
        for right in code.rights
    )
    body = [
        f"<h1>{escape(words.text(f'rights.title{plain}'))}</h1>",
        f"<p>{escape(words.text(f'rights.subtitle{plain}', code=code.title))}</p>",
        f"<p>{escape(intro)}</p>",
        f"<ol>{rights}</ol>",
        f"<p><strong>{escape(code.not_reported_note)}</strong></p>",
        f"<h2>{escape(words.text('rights.complaints_heading'))}</h2>",
        f"<p>{escape(code.complaints)}</p>",
        _routes(directory, (), words, discreet),
    ]
    page = _page(title, body, words)
    return _checked(page, words, ()) if discreet else page


def directory_web_page(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    *,
    district_name: str,
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """'Support in <district>' as a web page."""
    words = messages(language)
    groups = localised_groups(groups, language)
    directory = localised_directory(directory, language)
    heading = words.text("directory.title", district=district_name)
    body = [
        f"<h1>{escape(heading)}</h1>",
        f"<p>{escape(words.text('directory.introduction'))}</p>",
        *_services(groups, directory, words, discreet),
        _routes(
            directory,
            [need.id for need, _ in groups],
            words,
            discreet,
            also=page_routes(groups, directory, discreet),
        ),
    ]
    page = _page(words.text("handout.cover_title") if discreet else heading, body, words)
    return _checked(page, words, ()) if discreet else page


def sheet_web_page(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    *,
    needs: Sequence[str],
    district_name: str,
    name: str = "",
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
    route_ids: Sequence[str] = (),
    groups_said: Sequence[str] = (),
) -> str:
    """The person's own sheet as a web page (their name only if they asked for it), or
    discreet, the card's: the emergency routes, the Supportline and ``route_ids``."""
    words = messages(language)
    groups = localised_groups(groups, language)
    directory = localised_directory(directory, language)
    who = name.strip()
    if discreet:
        heading = words.text("card.title_named", name=who) if who else words.text("card.title")
        body = [
            f"<h1>{escape(heading)}</h1>",
            f"<p>{escape(words.text('card.introduction'))}</p>",
            _routes(directory, (), words, True, chosen=route_ids),
        ]
        page = _page(words.text("handout.cover_title"), body, words)
        return _checked(page, words, route_ids, who)
    heading = words.text("sheet.heading_named", name=who) if who else words.text("sheet.heading")
    once = no_contact_words(groups, directory, words)
    body = [
        f"<h1>{escape(heading)}</h1>",
        f"<p>{escape(words.text('sheet.subtitle', district=district_name))}</p>",
        f"<p>{escape(words.text('sheet.introduction'))}</p>",
        *_services(groups, directory, words, False, for_person=True),
        *([f"<p>{escape(once)}</p>"] if once else []),
        _routes(
            directory,
            list(needs) or [need.id for need, _ in groups],
            words,
            False,
            groups=groups_said,
            also=page_routes(groups, directory, False),
        ),
    ]
    return _page(words.text("sheet.title"), body, words)
