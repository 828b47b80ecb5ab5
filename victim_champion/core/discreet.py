"""What a discreet page may never show, and the check every discreet build runs.

A discreet copy is read as a suspicious partner would read it: closely, and with a search
engine. So beside the telling words ("victim", "abuse", ...) there is a list of revealing
names and numbers (resources/reference/revealing.toml): service names, and the numbers and
addresses of domestic-abuse, sexual-violence, LGBT+, forced-marriage, stalking and men's
lines. A name is never printed on a discreet page. A number or address that belongs to a
route may be printed only when the worker and the person chose that route together, and
then under its neutral label. A build that would break this raises, rather than print.

This makes the paper *less obvious*, never *safe*: paper can still be found, and staff
say so (the course, module 4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from victim_champion.core.errors import VictimChampionError

_NUMBER = re.compile(r"\d[\d \-\u00a0]*\d")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class RevealingTerm:
    """A name, number or address that gives the subject away. ``route``: the route it
    belongs to (only then may it be printed, and only when that route was chosen)."""

    text: str
    route: str = ""

    @property
    def is_number(self) -> bool:
        """A phone number: matched by its digits, whatever the spacing."""
        return bool(re.fullmatch(r"[\d \-]+", self.text))


class RevealingTextError(VictimChampionError):
    """A discreet page would have shown a revealing word, name or number."""

    default_message = (
        "The discreet card would show a name or number that gives its purpose away, so it "
        "was not made; print the plain sheet, or tell Compass House support."
    )


def _folded(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u2019", "'")).casefold()


@dataclass(frozen=True)
class RevealingList:
    """The telling words and the revealing terms, as shipped."""

    telling_words: tuple[str, ...]
    terms: tuple[RevealingTerm, ...]

    def found(self, text: str, chosen: Iterable[str] = ()) -> list[str]:
        """Every telling word and revealing term in ``text`` that a discreet page may not
        show, given the routes ``chosen`` with the person (their numbers may show)."""
        allowed = set(chosen)
        folded = _folded(text)
        numbers = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
        hits = [word for word in self.telling_words if _folded(word) in folded]
        for term in self.terms:
            if term.route and term.route in allowed:
                continue
            if term.is_number:
                digits = re.sub(r"\D", "", term.text)
                if any(digits in number for number in numbers):
                    hits.append(term.text)
            elif re.search(rf"(?<!\w){re.escape(_folded(term.text))}(?!\w)", folded):
                hits.append(term.text)
        return hits

    def require_discreet(self, texts: Iterable[str], chosen: Iterable[str] = ()) -> None:
        """Raise RevealingTextError if any of ``texts`` would give the subject away. The
        message names no term (the page may carry the person's name beside it)."""
        if self.found("\n".join(texts), chosen):
            raise RevealingTextError()
