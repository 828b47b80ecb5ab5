"""The accessible twin of each handout and sheet: the same words as plain, semantic HTML.

reportlab cannot tag a PDF, so a screen-reader user gets no structure from the paper's
file. Each handout and the signposting sheet therefore also exists as one self-contained
web page (headings, lists, the page's language, no scripts, no outside files) that a
worker can save and send, or show on the laptop. It is built from exactly the data and
catalogue words the PDF uses, with the same discreet rules: a discreet twin uses the plain
names and words, leaves sources out, and its title is the cover's.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.directory import Directory, Need, Route, Service
from victim_champion.core.victims_code import VictimsCode
from victim_champion.documents.help_routes import checked_words, edition_words

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
    name = route.discreet_name if discreet else route.name
    contact = route.discreet_contact if discreet else route.contact
    hours = route.hours or words.text("routes.hours_unknown")
    checked = checked_words(route, words, discreet)
    return (
        f"<li><strong>{escape(name)}</strong>: {escape(contact)}. "
        f'<span class="small">{escape(hours)}. {escape(checked)}.</span></li>'
    )


def _routes(directory: Directory, needs: Sequence[str], words: Messages, discreet: bool) -> str:
    items = [_route_item(r, words, discreet) for r in directory.routes_for(needs, discreet)]
    edition = edition_words(directory, words)
    return (
        '<section class="routes" aria-labelledby="help">\n'
        f'<h2 id="help">{escape(words.text("routes.heading"))}</h2>\n'
        f"<p>{escape(words.text('routes.introduction'))}</p>\n<ul>\n"
        + "\n".join(items)
        + f'\n</ul>\n<p class="small">{escape(edition)}</p>\n</section>'
    )


def _services(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    words: Messages,
    discreet: bool,
) -> list[str]:
    body: list[str] = []
    for need, services in groups:
        body.append(f"<h2>{escape(need.shown(discreet))}</h2>")
        for service in services:
            body.append(f"<h3>{escape(service.shown_name(discreet))}</h3>")
            body.append(f"<p>{escape(service.shown_description(discreet))}</p>")
            own = [r for r in map(directory.route, service.route_ids) if r]
            own = [r for r in own if r.printable(discreet)]
            if own:
                body.append("<ul>" + "".join(_route_item(r, words, discreet) for r in own))
                body[-1] += "</ul>"
            else:
                body.append(f"<p>{escape(words.text('services.no_contact'))}</p>")
            if not service.is_verified:
                body.append(f"<p><strong>{escape(words.text('services.sample_mark'))}</strong></p>")
    return body


def rights_web_page(
    code: VictimsCode, directory: Directory, *, discreet: bool, language: str = DEFAULT_LANGUAGE
) -> str:
    """The rights handout as a web page."""
    words = messages(language)
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
    return _page(title, body, words)


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
    heading = words.text("directory.title", district=district_name)
    body = [
        f"<h1>{escape(heading)}</h1>",
        f"<p>{escape(words.text('directory.introduction'))}</p>",
        *_services(groups, directory, words, discreet),
        _routes(directory, [need.id for need, _ in groups], words, discreet),
    ]
    return _page(words.text("handout.cover_title") if discreet else heading, body, words)


def sheet_web_page(
    groups: Sequence[tuple[Need, Sequence[Service]]],
    directory: Directory,
    *,
    needs: Sequence[str],
    district_name: str,
    name: str = "",
    discreet: bool,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """The person's own sheet as a web page (their name only if they asked for it)."""
    words = messages(language)
    heading = (
        words.text("sheet.heading_named", name=name.strip())
        if name.strip()
        else words.text("sheet.heading")
    )
    body = [
        f"<h1>{escape(heading)}</h1>",
        f"<p>{escape(words.text('sheet.subtitle', district=district_name))}</p>",
        f"<p>{escape(words.text('sheet.introduction'))}</p>",
        *_services(groups, directory, words, discreet),
        _routes(directory, list(needs) or [need.id for need, _ in groups], words, discreet),
    ]
    title = words.text("handout.cover_title") if discreet else words.text("sheet.title")
    return _page(title, body, words)
