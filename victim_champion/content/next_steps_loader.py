"""Loading the 'Where to go next' handout's sourced content from
resources/reference/next_steps.toml (core/next_steps.py says what each part is)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from victim_champion.content.reference_files import field, read_document
from victim_champion.core.errors import ResourceError
from victim_champion.core.next_steps import ORIGINS, Contact, NextSteps, Section, Source

FILE = ("reference", "next_steps.toml")


def _texts(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = field(raw, key, list, where)
    if not all(isinstance(v, str) for v in values):
        raise ResourceError(f"{where}: every entry of '{key}' must be text.")
    return tuple(values)


def _source(raw: dict[str, Any], where: str) -> Source:
    source = Source(
        id=field(raw, "id", str, where),
        origin=field(raw, "origin", str, where),
        address=field(raw, "address", str, where),
        title=field(raw, "title", str, where),
        page_date=field(raw, "page_date", str, where),
        checked=field(raw, "checked", str, where),
    )
    if source.origin not in ORIGINS or not re.fullmatch(r"\d{4}-\d{2}", source.checked):
        raise ResourceError(
            f"{where} '{source.id}': origin must be one of {', '.join(ORIGINS)}, and "
            "checked a month written YYYY-MM."
        )
    if not source.address.strip() or not source.page_date.strip():
        raise ResourceError(f"{where} '{source.id}': give the page's address and its date.")
    return source


def _section(raw: dict[str, Any], where: str) -> Section:
    grid = tuple(tuple(row) for row in raw.get("grid", []))
    if not all(isinstance(cell, str) for row in grid for cell in row):
        raise ResourceError(f"{where}: every cell of 'grid' must be text.")
    return Section(
        id=field(raw, "id", str, where),
        heading=field(raw, "heading", str, where),
        paragraphs=_texts(raw, "paragraphs", where),
        sources=_texts(raw, "sources", where),
        grid=grid,
    )


@cache
def load_next_steps() -> NextSteps:
    """The handout's content, refused (ResourceError) if a number or web address has no
    contact backed by a listed source, or a section cites a source that is not listed."""
    where = FILE[-1]
    document = read_document(*FILE)
    sources = tuple(
        _source(raw, f"{where} source") for raw in field(document, "sources", list, where)
    )
    steps = NextSteps(
        title=field(document, "title", str, where),
        subtitle=field(document, "subtitle", str, where),
        introduction=field(document, "introduction", str, where),
        introduction_sources=_texts(document, "introduction_sources", where),
        sections=tuple(
            _section(raw, f"{where} section") for raw in field(document, "sections", list, where)
        ),
        contacts=tuple(
            Contact(field(raw, "text", str, where), field(raw, "source", str, where))
            for raw in field(document, "contacts", list, where)
        ),
        sources=sources,
        checked=field(document, "checked", str, where),
    )
    cited = [*steps.introduction_sources, *(s for x in steps.sections for s in x.sources)]
    cited += [c.source for c in steps.contacts]
    unknown = sorted({s for s in cited if steps.source(s) is None})
    if unknown or len({s.id for s in sources}) != len(sources):
        raise ResourceError(f"{where}: unknown or repeated sources: {', '.join(unknown)}.")
    missing = steps.unsourced()
    if missing:
        raise ResourceError(
            f"{where}: printed with no confirmed source: {', '.join(missing)}. Add each as a "
            "contact whose source is CONTACTS.md's confirmed table or the organisation's own page."
        )
    return steps
