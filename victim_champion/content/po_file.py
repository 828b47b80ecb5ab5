"""Reading gettext .po files with the standard library, and compiling them in memory.

A fresh Windows or Debian machine has no ``msgfmt``, and a built app should not need a
build step to change a word, so the .po file itself ships and is compiled when loaded.
Only what our catalogues use is read: comments, ``msgid``, ``msgstr``, continued strings,
and plural entries (``msgid_plural`` with ``msgstr[0]``, ``msgstr[1]``..., counted by the
header's ``Plural-Forms``). ``msgctxt`` is refused rather than misread.

A plural entry is kept as the .mo format keeps it: the key is the msgid and the
msgid_plural joined by NUL, the text its forms joined by NUL, in order. ``plural_key``
and ``plural_forms`` take them apart.
"""

from __future__ import annotations

import ast
import re
import struct

from victim_champion.core.errors import ResourceError

NUL = "\0"
_FORM = re.compile(r"^msgstr\[(\d+)\]$")


def plural_key(key: str) -> str:
    """The msgid of an entry (the part before NUL, for a plural entry)."""
    return key.split(NUL, 1)[0]


def plural_forms(text: str) -> list[str]:
    """The forms of a plural entry's text, in the order msgstr[0], msgstr[1]..."""
    return text.split(NUL)


def parse_po(text: str, source: str = "catalogue") -> dict[str, str]:
    """The entries of a .po file as {msgid: msgstr}; the header is kept under "". A plural
    entry is {msgid NUL msgid_plural: form0 NUL form1 ...}."""
    entries: dict[str, str] = {}
    seen: set[str] = set()  # msgids, plural or not
    field = ""
    parts: dict[str, list[str]] = {}

    def finish(line_number: int) -> None:
        if not parts:
            return
        forms = sorted(int(m.group(1)) for f in parts if (m := _FORM.match(f)))
        plural = "msgid_plural" in parts
        if "msgid" not in parts or ("msgstr" not in parts and not forms):
            raise ResourceError(f"{source}: an entry before line {line_number} is incomplete.")
        if plural != bool(forms) or (forms and "msgstr" in parts):
            raise ResourceError(
                f"{source}: the entry before line {line_number} mixes plural and plain forms."
            )
        if forms and forms != list(range(len(forms))):
            raise ResourceError(f"{source}: the entry before line {line_number} skips a form.")
        key = "".join(parts["msgid"])
        if plural:
            key += NUL + "".join(parts["msgid_plural"])
        if plural_key(key) in seen:
            raise ResourceError(f"{source}: the message {plural_key(key)!r} appears twice.")
        seen.add(plural_key(key))
        if plural:
            entries[key] = NUL.join("".join(parts[f"msgstr[{n}]"]) for n in forms)
        else:
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
        if keyword not in ("msgid", "msgstr", "msgid_plural") and not _FORM.match(keyword):
            raise ResourceError(f"{source}, line {number}: {keyword} is not supported here.")
        if keyword == "msgid":
            finish(number)
        elif "msgid" not in parts:
            raise ResourceError(f"{source}, line {number}: {keyword} comes before its msgid.")
        if keyword in parts:
            raise ResourceError(f"{source}, line {number}: {keyword} appears twice in an entry.")
        field = keyword
        parts[field] = [_string(rest.strip(), source, number)]
    finish(len(lines) + 1)
    _check_plural_count(entries, source)
    return entries


def plural_count(header: str) -> int | None:
    """nplurals from a header's Plural-Forms line, or None if it has none."""
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().casefold() == "plural-forms":
            found = re.search(r"nplurals\s*=\s*(\d+)", value)
            return int(found.group(1)) if found else None
    return None


def _check_plural_count(entries: dict[str, str], source: str) -> None:
    plural = [key for key in entries if NUL in key]
    if not plural:
        return
    count = plural_count(entries.get("", ""))
    if count is None:
        raise ResourceError(f"{source}: plural entries need a Plural-Forms line in the header.")
    for key in plural:
        if len(plural_forms(entries[key])) != count:
            raise ResourceError(
                f"{source}: the message {plural_key(key)!r} needs {count} plural forms."
            )


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
