"""Certificate verification by code: JSON for machines, a plain page for people.

The answer never reveals the holder's name: a verifier who has the certificate in hand
passes the printed name (?n=) and learns only whether it matches.
"""

from __future__ import annotations

import html
from typing import Any

from sqlalchemy import Engine, select

from victim_champion.core.certificates import format_code, is_valid_code
from victim_champion.hub.storage.tables import certificates


def lookup(engine: Engine, code: str, name: str | None) -> dict[str, Any]:
    """Whether a code was issued, for which course and date; and if ``name`` matches."""
    digits = code.replace("-", "").replace(" ", "")
    if not is_valid_code(digits):
        return {"valid": False, "reason": "this is not a certificate code (check the digits)"}
    with engine.begin() as connection:
        row = connection.execute(select(certificates).where(certificates.c.code == digits)).first()
    if row is None:
        return {"valid": False, "reason": "no certificate with this code has reached the hub"}
    found: dict[str, Any] = {
        "valid": True,
        "code": format_code(digits),
        "course": row.course,
        "course_date": row.course_date,
        "device_key_id": row.key_id,
    }
    if name is not None:
        found["name_matches"] = " ".join(name.split()).casefold() == row.name.casefold()
    return found


def verify_page(found: dict[str, Any]) -> str:
    """A small, plain HTML page (no scripts) for the person who scanned the code."""
    if found["valid"]:
        heading = "This certificate is genuine"
        lines = [f"Code {found['code']}", f"{found['course']}", f"Completed {found['course_date']}"]
        if "name_matches" in found:
            lines.append(
                "The name on the certificate matches our record."
                if found["name_matches"]
                else "The name on the certificate does NOT match our record."
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
