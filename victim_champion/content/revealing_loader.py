"""Loading the list of what a discreet page may never show (core/discreet.py says why)."""

from __future__ import annotations

from functools import cache

from victim_champion.content.reference_files import field, read_document
from victim_champion.core.discreet import RevealingList, RevealingTerm
from victim_champion.core.errors import ResourceError

REVEALING_FILE = ("reference", "revealing.toml")


@cache
def load_revealing() -> RevealingList:
    """The telling words and revealing names and numbers, checked as they are read."""
    where = REVEALING_FILE[-1]
    document = read_document(*REVEALING_FILE)
    words = field(document, "telling_words", list, where)
    terms = []
    for raw in field(document, "revealing", list, where):
        text, route = raw.get("text"), raw.get("route", "")
        if not isinstance(text, str) or not text.strip() or not isinstance(route, str):
            raise ResourceError(f"{where}: each entry needs its 'text' (and 'route' as text).")
        terms.append(RevealingTerm(text.strip(), route))
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise ResourceError(f"{where}: 'telling_words' must be a list of words.")
    return RevealingList(tuple(w.strip() for w in words), tuple(terms))
