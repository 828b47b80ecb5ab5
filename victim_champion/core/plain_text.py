"""Text a person typed or a file gave us, checked for characters that are not text.

One check for every way a name comes in: a sign-up list (CSV or Excel saved as CSV), the
kiosk, the app's forms, the command line, and the hub's intake of pushed records. It
refuses:

- control characters, C0 (U+0000 to U+001F, and U+007F) and C1 (U+0080 to U+009F). A NUL
  cannot be stored in PostgreSQL text at all, so one such name used to cost a whole push.
  A tab or a line break is allowed only where several lines make sense (``lines=True``,
  such as a feedback comment), never in a name;
- direction overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make a
  printed name read differently from what is stored ("Trojan Source");
- lone halves of a character pair (surrogates, U+D800 to U+DFFF), which are not
  characters and cannot be written as UTF-8.

A refusal names the character as U+XXXX and what kind it is, never the character itself,
so a message or a log line never carries the control it warns about.
"""

from __future__ import annotations

LINE_CHARACTERS = frozenset("\t\n\r")
_OVERRIDES = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def _kind(code: int) -> str | None:
    """What is wrong with one code point, or None if it is text."""
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if code in _OVERRIDES:
        return "a text-direction control"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a character pair"
    return None


def first_unsafe(text: str, *, lines: bool = False) -> str | None:
    """The first character that is not text, described as "U+0000 (a control character)",
    or None. ``lines``: tab and line breaks are allowed (a comment, not a name)."""
    for character in text:
        if lines and character in LINE_CHARACTERS:
            continue
        kind = _kind(ord(character))
        if kind is not None:
            return f"U+{ord(character):04X} ({kind})"
    return None


def text_problem(text: str, what: str, *, lines: bool = False) -> str | None:
    """A sentence such as "the name holds U+0000 (a control character), which is not
    allowed", or None if ``text`` is fine. ``what`` names the field, never its value."""
    found = first_unsafe(text, lines=lines)
    return None if found is None else f"{what} holds {found}, which is not allowed"
