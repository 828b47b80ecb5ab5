"""Certificate verification by code: JSON for machines, a plain page for people.

A certificate is called genuine only when everything printed on it matches what the
laptop signed and the hub checked at push: the code, the name, the course, the date and
the signature (all carried by the QR code). A code alone proves only that such a
certificate was issued, and the page says so. The answer never reveals the holder's
name: a verifier passes the printed name (?n=) and learns only whether it matches.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from victim_champion.core.certificates import format_code, is_valid_code
from victim_champion.hub.storage.tables import certificates

# What a verifier may give, the word for it on the page, and how it is compared.
CHECKED = (("name", "name"), ("course", "course"), ("date", "date"), ("signature", "signature"))


@dataclass(frozen=True)
class Printed:
    """What the verifier read off the certificate (or its QR code); None when not given."""

    name: str | None = None
    course: str | None = None
    date: str | None = None
    signature: str | None = None


def _same(given: str, held: str) -> bool:
    return " ".join(given.split()).casefold() == " ".join(held.split()).casefold()


def lookup(engine: Engine, code: str, printed: Printed | None = None) -> dict[str, Any]:
    """Whether a code was issued, for which course and date, and whether what is printed
    on the certificate matches the signed record, field by field."""
    printed = printed or Printed()
    digits = code.replace("-", "").replace(" ", "")
    if not is_valid_code(digits):
        reason = "this is not a certificate code (check the digits)"
        return {"valid": False, "genuine": False, "reason": reason}
    with engine.begin() as connection:
        row = connection.execute(select(certificates).where(certificates.c.code == digits)).first()
    if row is None:
        reason = "no certificate with this code has reached the hub"
        return {"valid": False, "genuine": False, "reason": reason}
    held = {"name": row.name, "course": row.course, "date": row.course_date}
    matches: dict[str, bool] = {}
    for field, _ in CHECKED:
        given = getattr(printed, field)
        if given is None:
            continue
        matches[field] = (
            given == row.signature if field == "signature" else _same(given, held[field])
        )
    found: dict[str, Any] = {
        "valid": True,  # issued, and its signature was checked when it reached the hub
        "genuine": len(matches) == len(CHECKED) and all(matches.values()),
        "code": format_code(digits),
        "course": row.course,
        "course_date": row.course_date,
        "device_key_id": row.key_id,
        "matches": matches,
        "not_given": [field for field, _ in CHECKED if field not in matches],
    }
    if "name" in matches:
        found["name_matches"] = matches["name"]
    return found


def verify_page(found: dict[str, Any]) -> str:
    """A small, plain HTML page (no scripts) for the person who scanned the code."""
    if found.get("genuine"):
        heading = "This certificate is genuine"
        lines = [
            f"Code {found['code']}",
            f"{found['course']}",
            f"Completed {found['course_date']}",
            "The name, course, date and signature on the certificate match our record.",
        ]
    elif found["valid"]:
        heading = "We cannot confirm this certificate"
        lines = [f"A certificate with code {found['code']} was issued."]
        lines += [
            f"The {word} on the certificate does NOT match our record."
            for field, word in CHECKED
            if found["matches"].get(field) is False
        ]
        if found["not_given"]:
            lines.append(
                "Scan the QR code on the certificate to check its name, course, date and "
                "signature: the code alone does not prove it is genuine."
            )
    else:
        heading = "We cannot confirm this certificate"
        lines = [found["reason"].capitalize() + "."]
    items = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(heading)}</title>"
        "<style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;"
        "color:#1d2430}h1{color:#123a5e}</style></head>"
        f"<body><h1>{html.escape(heading)}</h1>{items}"
        "<p>Victim Champion programme, Kent Police and Crime Commissioner.</p></body></html>"
    )
