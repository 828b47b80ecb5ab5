"""Choose the language for paper and the kiosk, and reach its message catalogue.

The front ends hold only a language tag (``en-GB``, ``qps-ploc``); the catalogue itself
lives in content/ (gettext, Qt-free), so the documents and the hub use the same words.
"""

from __future__ import annotations

from victim_champion.content.message_catalogue import (
    DEFAULT_LANGUAGE,
    PSEUDO_LANGUAGE,
    Messages,
    available_languages,
    messages,
    resolve_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "PSEUDO_LANGUAGE",
    "Messages",
    "available_languages",
    "choose_language",
    "messages",
]


def choose_language(name: str | None) -> str:
    """The catalogue language for ``name`` (English when empty or None); an unknown
    language raises InvalidInputError naming the languages there are."""
    return resolve_language(name) if name and name.strip() else DEFAULT_LANGUAGE
