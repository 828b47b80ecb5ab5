"""Reading gettext .po files with the standard library, and compiling them in memory.

A fresh Windows or Debian machine has no ``msgfmt``, and a built app should not need a
build step to change a word, so the .po file itself ships and is compiled when loaded.
Only what our catalogues use is read: comments, ``msgid``, ``msgstr`` and continued
strings. Plural forms and ``msgctxt`` are refused rather than misread.
"""

from __future__ import annotations

import ast
import struct

from victim_champion.core.errors import ResourceError


def parse_po(text: str, source: str = "catalogue") -> dict[str, str]:
    """The entries of a .po file as {msgid: msgstr}; the header is kept under ""."""
    entries: dict[str, str] = {}
    field = ""
    parts: dict[str, list[str]] = {}

    def finish(line_number: int) -> None:
        if not parts:
            return
        if "msgid" not in parts or "msgstr" not in parts:
            raise ResourceError(f"{source}: an entry before line {line_number} is incomplete.")
        key = "".join(parts["msgid"])
        if key in entries:
            raise ResourceError(f"{source}: the message {key!r} appears twice.")
        entries[key] = "".join(parts["msgstr"])
        parts.clear()

    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if not field:
                raise ResourceError(f"{source}, line {number}: a string belongs to no field.")
            parts[field].append(_string(line, source, number))
            continue
        if keyword not in ("msgid", "msgstr"):
            raise ResourceError(f"{source}, line {number}: {keyword} is not supported here.")
        if keyword == "msgid":
            finish(number)
        elif "msgid" not in parts:
            raise ResourceError(f"{source}, line {number}: msgstr comes before its msgid.")
        field = keyword
        parts[field] = [_string(rest.strip(), source, number)]
    finish(len(lines) + 1)
    return entries


def _string(token: str, source: str, number: int) -> str:
    """One quoted C-style string, as .po files write it."""
    if len(token) < 2 or not (token.startswith('"') and token.endswith('"')):
        raise ResourceError(f"{source}, line {number}: expected a quoted string.")
    try:
        value = ast.literal_eval(token)  # a Python string literal is a superset of C's
    except (ValueError, SyntaxError):
        raise ResourceError(f"{source}, line {number}: the string is not well formed.") from None
    if not isinstance(value, str):
        raise ResourceError(f"{source}, line {number}: expected a quoted string.")
    return value


def compile_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo form of ``entries`` (what ``msgfmt`` writes), for gettext to read."""
    keys = sorted(entries)  # the format asks for msgids in order, for binary search
    ids = [key.encode("utf-8") for key in keys]
    strs = [entries[key].encode("utf-8") for key in keys]
    count = len(keys)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + count * 8
    data_start = strs_table + count * 8
    offsets: list[int] = []
    data = b""
    for blob in ids + strs:
        offsets += [len(blob), data_start + len(data)]
        data += blob + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, data_start)
    return header + struct.pack(f"<{4 * count}I", *offsets) + data
