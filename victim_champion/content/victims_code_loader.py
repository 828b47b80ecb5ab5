"""Loading the Victims' Code edition shipped in resources/reference/victims_code.toml."""

from __future__ import annotations

from datetime import date
from functools import cache

from victim_champion.content.reference_files import field, read_document
from victim_champion.core.errors import ResourceError
from victim_champion.core.victims_code import Right, VictimsCode

FILE = ("reference", "victims_code.toml")


@cache
def load_victims_code() -> VictimsCode:
    """The Code's edition with its 12 rights, checked to be complete and in order."""
    document = read_document(*FILE)
    where = FILE[-1]
    rights = tuple(
        Right(
            number=field(raw, "number", int, f"{where} right"),
            title=field(raw, "title", str, f"{where} right"),
            summary=field(raw, "summary", str, f"{where} right"),
            discreet_title=str(raw.get("discreet_title", "")),
            discreet_summary=str(raw.get("discreet_summary", "")),
        )
        for raw in field(document, "rights", list, where)
    )
    if [r.number for r in rights] != list(range(1, 13)):
        raise ResourceError(f"{where}: the rights must be numbered 1 to 12, in order.")
    try:
        in_force = date.fromisoformat(field(document, "in_force", str, where))
        verified_on = date.fromisoformat(field(document, "verified_on", str, where))
    except ValueError:
        raise ResourceError(f"{where}: dates must be written YYYY-MM-DD.") from None
    return VictimsCode(
        edition=field(document, "edition", str, where),
        title=field(document, "title", str, where),
        in_force=in_force,
        rights=rights,
        not_reported_note=field(document, "not_reported_note", str, where),
        complaints=field(document, "complaints", str, where),
        source=field(document, "source", str, where),
        verified_on=verified_on,
    )
