"""Official translated leaflets: the shape of the signed "leaflets" bundle, shared by the
hub, which builds it, and the laptop, which reads it (issue 34, item 4).

The bundle is an ordinary signed content bundle (hub/api/bundles.py) whose files are an
index, ``leaflets.json``, and one file per language holding the PDF in base64, exactly as
Compass House uploaded it. Nothing here is translated by the app: each PDF is an official
translation from its source, printed unchanged.

The limits keep what a laptop fetches within one answer it accepts: the bundle comes in a
single GET, and the laptop reads at most 16 MiB (sync/transport.py MAX_RESPONSE_BYTES).
Base64 adds a third, so 11 MiB of PDFs is about 14.7 MiB on the wire, with room for the
index and the signed answer around it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

KIND = "leaflets"
INDEX = "leaflets.json"
MAX_LEAFLET_BYTES = 5 * 1024 * 1024  # one leaflet
MAX_TOTAL_BYTES = 11 * 1024 * 1024  # all the leaflets in the bundle together
MAX_TITLE = 200
# A simple BCP 47 tag: a 2 or 3 letter language, then subtags of 1 to 8 letters or
# digits ("cy", "pl", "pa-Guru", "en-x-large-print"). Stored as given, compared lowercased.
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*")


class LeafletError(Exception):
    """A leaflet or leaflets bundle that cannot be used; the text is one sentence."""


@dataclass(frozen=True)
class Leaflet:
    """One official leaflet as the index lists it."""

    language: str
    title: str
    source: str
    date: str
    size: int
    sha256: str

    @property
    def file(self) -> str:
        return f"{self.language}.pdf"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def language_code(given: str) -> str:
    """The language tag, lowercased, or LeafletError."""
    code = given.strip().lower()
    if not _LANGUAGE.fullmatch(code) or len(code) > 35:
        raise LeafletError(f"'{given[:40]}' is not a language code; give one like cy, pl, ro or ur")
    return code


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_pdf(data: bytes) -> None:
    """A PDF the laptops can print: its header, and the end of file pointing back to a
    cross-reference inside it. Otherwise LeafletError."""
    if not data.startswith(b"%PDF-"):
        raise LeafletError("the file is not a PDF (it does not start with %PDF-)")
    tail = data[-2048:]
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
    if found is None:
        raise LeafletError("the PDF is cut short or damaged (it has no end of file)")
    offset = int(found.group(1))
    at = data[offset : offset + 32] if offset < len(data) else b""
    if not (at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at)):
        raise LeafletError("the PDF is damaged (its cross-reference is not where it says)")


def check_details(title: str, source: str, day: str) -> None:
    """The title, the source address and the date of publication, or LeafletError."""
    if not title.strip() or len(title) > MAX_TITLE:
        raise LeafletError(f"give the leaflet's title, up to {MAX_TITLE} characters")
    if not re.fullmatch(r"https://[^\s]{4,500}", source):
        raise LeafletError("give the address the leaflet was published at, starting https://")
    try:
        date.fromisoformat(day)
    except ValueError:
        raise LeafletError("give the leaflet's date as YYYY-MM-DD") from None
    if len(day) != 10:
        raise LeafletError("give the leaflet's date as YYYY-MM-DD")


def make_leaflet(data: bytes, language: str, title: str, source: str, day: str) -> Leaflet:
    """A checked leaflet for the index, or LeafletError."""
    code = language_code(language)
    if len(data) > MAX_LEAFLET_BYTES:
        raise LeafletError(
            f"the PDF is {megabytes(len(data))}; a leaflet may be at most "
            f"{megabytes(MAX_LEAFLET_BYTES)}"
        )
    check_pdf(data)
    check_details(title, source, day)
    return Leaflet(code, title.strip(), source, day, len(data), hashlib.sha256(data).hexdigest())


def read_index(files: dict[str, Any]) -> list[Leaflet]:
    """The leaflets a bundle's files list, or LeafletError."""
    try:
        entries = json.loads(files[INDEX])
        return [Leaflet(**entry) for entry in entries]
    except (KeyError, TypeError, ValueError):
        raise LeafletError("the leaflets bundle has no readable index") from None


def pdf_of(files: dict[str, Any], leaflet: Leaflet) -> bytes:
    """The leaflet's PDF, byte for byte as published, or LeafletError."""
    try:
        data = base64.b64decode(str(files[leaflet.file]), validate=True)
    except (KeyError, binascii.Error):
        raise LeafletError(f"the {leaflet.language} leaflet is missing from the bundle") from None
    if hashlib.sha256(data).hexdigest() != leaflet.sha256:
        raise LeafletError(f"the {leaflet.language} leaflet is not the one published")
    return data


def bundle_files(held: dict[str, Any] | None, leaflet: Leaflet, data: bytes) -> dict[str, str]:
    """The files of a new bundle: those held, with this leaflet added or replacing the one
    in the same language. LeafletError if all together pass MAX_TOTAL_BYTES."""
    kept = [
        entry for entry in (read_index(held) if held else []) if entry.language != leaflet.language
    ]
    files = {entry.file: str(held[entry.file]) for entry in kept} if held else {}
    files[leaflet.file] = base64.b64encode(data).decode("ascii")
    index = sorted([*kept, leaflet], key=lambda entry: entry.language)
    total = sum(entry.size for entry in index)
    if total > MAX_TOTAL_BYTES:
        raise LeafletError(
            f"all the leaflets together would be {megabytes(total)}; the bundle may hold at "
            f"most {megabytes(MAX_TOTAL_BYTES)}, so replace or leave out a larger one"
        )
    files[INDEX] = json.dumps([entry.to_json() for entry in index], ensure_ascii=False)
    return files
