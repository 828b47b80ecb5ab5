"""'Where to go next': the one-page handout for Victim Champions, as sourced content.

Every phone number and web address the page prints must be a listed contact, and every
contact names the source that confirmed it: a row of the confirmed table in
shared/reference/CONTACTS.md, or the organisation's own page, read on a stated date. A
number typed into the text with no contact behind it is refused when the file is read
(``unsourced``), so a made-up number cannot reach paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A web address as printed: a name with at least one dot and a known ending, and any path.
WEB_ADDRESS = re.compile(r"\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|org|com)(?:/[^\s,;)]*)?")
# Groups of digits joined by single spaces; a phone number once the addresses are gone.
DIGIT_RUN = re.compile(r"(?<![\d.:])\d+(?: \d+)*(?!\d|\.\d|am|pm)")


def digits(text: str) -> str:
    """Only the digits: '03000 41 91 91' and '03000 419 191' are the same number."""
    return re.sub(r"\D", "", text)


def phone_numbers(text: str) -> list[str]:
    """Every run of digits that could be dialled: three digits or more, not a year."""
    without_addresses = WEB_ADDRESS.sub(" ", text)
    found = []
    for match in DIGIT_RUN.finditer(without_addresses):
        run = digits(match.group())
        if len(run) >= 3 and not re.fullmatch(r"(19|20)\d\d", run):
            found.append(match.group())
    return found


def web_addresses(text: str) -> list[str]:
    """Every web address in the text, as printed (without a full stop that ends it)."""
    return [m.group().rstrip(".") for m in WEB_ADDRESS.finditer(text)]


# Where a source comes from: the confirmed table of shared/reference/CONTACTS.md, the
# organisation's own page (read with the search tool), or shared/reference/FACTS.md.
ORIGINS = ("CONTACTS.md", "own page", "FACTS.md")
CONTACT_ORIGINS = ("CONTACTS.md", "own page")


@dataclass(frozen=True, slots=True)
class Source:
    """A page that confirmed something the handout prints."""

    id: str
    origin: str  # one of ORIGINS
    address: str  # e.g. "kscmp.org.uk/guidance/worried-about-a-child"
    title: str
    page_date: str  # as the page shows it, or "undated"
    checked: str  # YYYY-MM: when it was read

    @property
    def backs_contacts(self) -> bool:
        """Only the confirmed table and an organisation's own page may back a number."""
        return self.origin in CONTACT_ORIGINS


@dataclass(frozen=True, slots=True)
class Contact:
    """A number or web address the page may print, and the source behind it."""

    text: str
    source: str  # a Source id


@dataclass(frozen=True, slots=True)
class Section:
    """One box of the page: a heading, its paragraphs and the sources behind them."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    grid: tuple[tuple[str, ...], ...] = ()  # a table (first row: its column headings)


@dataclass(frozen=True)
class NextSteps:
    """The whole page: title, sections, the contacts it may print and their sources."""

    title: str
    subtitle: str
    introduction: str
    introduction_sources: tuple[str, ...]
    sections: tuple[Section, ...]
    contacts: tuple[Contact, ...]
    sources: tuple[Source, ...]
    checked: str  # YYYY-MM: when the page's facts were last checked

    def source(self, source_id: str) -> Source | None:
        """The source with this id, if listed."""
        return next((s for s in self.sources if s.id == source_id), None)

    def printed_texts(self) -> list[str]:
        """Every word the page's body prints (the sources' own addresses are not routes)."""
        texts = [self.title, self.subtitle, self.introduction]
        for section in self.sections:
            texts += [section.heading, *section.paragraphs]
            texts += [cell for row in section.grid for cell in row]
        return texts

    def unsourced(self) -> list[str]:
        """Numbers and web addresses in the body that no listed contact with a known
        source covers: empty when the page may be printed."""
        backed = [c for c in self.contacts if (s := self.source(c.source)) and s.backs_contacts]
        numbers = {digits(c.text) for c in backed}
        addresses = {c.text.casefold() for c in backed}
        missing: list[str] = []
        for text in self.printed_texts():
            missing += [n for n in phone_numbers(text) if digits(n) not in numbers]
            missing += [a for a in web_addresses(text) if a.casefold() not in addresses]
        return missing
