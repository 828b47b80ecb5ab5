"""The content a page prints, in the language it prints in.

Each builder in documents/ takes the content as it was read (English, the source) and the
language; it asks here for the same content in that language (language_content.py says
where each language's words come from). In English every function returns what it was
given, unchanged. What is a name stays a name: a service's own name, the routes' kept
names, web and email addresses and every digit are printed as they are in any language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from victim_champion.content.directory_loader import current_directory
from victim_champion.content.language_content import Content, content_for
from victim_champion.core.directory import Directory, Need, Route, Service
from victim_champion.core.next_steps import ORIGINS, NextSteps, Section, Source
from victim_champion.core.victims_code import Right, VictimsCode


def localised_code(code: VictimsCode, language: str) -> VictimsCode:
    """The Victims' Code with its title, rights and notes in ``language``."""
    words = content_for(language)
    if words.is_source:
        return code
    return replace(
        code,
        title=words.text(code.title),
        rights=tuple(_right(right, words) for right in code.rights),
        not_reported_note=words.text(code.not_reported_note),
        complaints=words.text(code.complaints),
    )


def _right(right: Right, words: Content) -> Right:
    return replace(
        right,
        title=words.text(right.title),
        summary=words.text(right.summary),
        discreet_title=words.text(right.discreet_title),
        discreet_summary=words.text(right.discreet_summary),
    )


def localised_route(route: Route, words: Content) -> Route:
    """A route's label, contact words and hours in the language of ``words``; its kept
    names (the service's own name, an address, a word to type) as they are."""
    if words.is_source:
        return route
    kept = route.kept
    return replace(
        route,
        name=words.text(route.name, kept),
        contact=words.text(route.contact, kept),
        hours=words.text(route.hours, kept),
        discreet_name=words.text(route.discreet_name, kept),
        discreet_contact=words.text(route.discreet_contact, kept),
    )


def localised_service(service: Service, words: Content) -> Service:
    """A service's description (and its plain label on a discreet copy) in the language
    of ``words``; its own name, a proper name, as it is."""
    if words.is_source:
        return service
    kept = (service.name,)
    plain_name = service.discreet_name
    return replace(
        service,
        description=words.text(service.description, kept),
        discreet_name=plain_name if plain_name == service.name else words.text(plain_name),
        discreet_description=words.text(service.discreet_description, kept),
        areas_note=words.text(service.areas_note, kept),
    )


def localised_need(need: Need, words: Content) -> Need:
    """A need's label (and its discreet label) in the language of ``words``."""
    if words.is_source:
        return need
    return replace(
        need, label=words.text(need.label), discreet_label=words.text(need.discreet_label)
    )


def localised_directory(directory: Directory, language: str) -> Directory:
    """The directory edition with every route and service in ``language``."""
    words = content_for(language)
    if words.is_source:
        return directory
    return replace(
        directory,
        services=tuple(localised_service(s, words) for s in directory.services),
        routes=tuple(localised_route(r, words) for r in directory.routes),
    )


def localised_groups(
    groups: Sequence[tuple[Need, Sequence[Service]]], language: str
) -> list[tuple[Need, Sequence[Service]]]:
    """(need, services) groups, as grouped_by_need makes them, in ``language``."""
    words = content_for(language)
    if words.is_source:
        return list(groups)
    return [
        (localised_need(need, words), [localised_service(s, words) for s in services])
        for need, services in groups
    ]


def localised_course_title(title: str, language: str) -> str:
    """The course's printed name (a certificate's big line) in ``language``; the app's
    name in it stays as it is."""
    return content_for(language).text(title)


def service_names(directory: Directory) -> tuple[str, ...]:
    """The proper names of the services and lines in a directory edition: each service's
    name and each route's kept names, longest first."""
    names = {s.name for s in directory.services} | {k for r in directory.routes for k in r.kept}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


def localised_next_steps(steps: NextSteps, language: str) -> NextSteps:
    """'Where to go next' in ``language``: its title, paragraphs, table and the sources'
    page dates ("undated"); numbers, addresses and the names of the services and lines in
    the directory in use as they are."""
    words = content_for(language)
    if words.is_source:
        return steps
    kept = service_names(current_directory())
    return replace(
        steps,
        title=words.text(steps.title, kept),
        subtitle=words.text(steps.subtitle, kept),
        introduction=words.text(steps.introduction, kept),
        sections=tuple(_section(section, words, kept) for section in steps.sections),
        sources=tuple(_source(s, words) for s in steps.sources),
    )


def _source(source: Source, words: Content) -> Source:
    """A source's page date ("undated") and, when it is one of the project's reference
    files rather than a web address, the words around that file's name."""
    files = tuple(origin for origin in ORIGINS if origin.endswith(".md"))
    address = words.text(source.address, files)
    return replace(source, address=address, page_date=words.text(source.page_date))


def _section(section: Section, words: Content, kept: tuple[str, ...]) -> Section:
    return replace(
        section,
        heading=words.text(section.heading, kept),
        paragraphs=tuple(words.text(p, kept) for p in section.paragraphs),
        grid=tuple(tuple(words.text(cell, kept) for cell in row) for row in section.grid),
    )
