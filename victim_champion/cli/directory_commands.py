"""Handler for ``directory search``: ranked services with reasons and verification."""

from __future__ import annotations

import argparse

from victim_champion.cli.context import CommandContext
from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.signposting import Person, match_services


def resolve_needs(given: list[str]) -> frozenset[str]:
    """Need ids or labels, any case; an unknown one is named with the choices."""
    needs = load_needs()
    chosen = set()
    for item in given:
        folded = item.strip().casefold()
        found = next((n.id for n in needs if folded in (n.id, n.label.casefold())), None)
        if found is None:
            raise InvalidInputError(
                f"'{item}' is not a need we know; use one of: {', '.join(n.id for n in needs)}."
            )
        chosen.add(found)
    return frozenset(chosen)


def directory_search(context: CommandContext, options: argparse.Namespace) -> int:
    """``directory search [--need NEED]... [--district D]`` (public data: no passphrase)."""
    district = load_districts().resolve(options.district) if options.district else None
    person = Person(district.id if district else None, resolve_needs(options.need or []))
    labels = {n.id: n.label for n in load_needs()}
    matches = match_services(
        load_directory(), person, labels, district.name if district else "Kent"
    )
    document = [
        {
            "id": m.service.id,
            "name": m.service.name,
            "score": m.score,
            "reasons": list(m.reasons),
            "verified": m.verified,
            "verified_on": m.service.verified_on.isoformat() if m.service.verified_on else None,
            "needs": list(m.service.needs),
            "areas": list(m.service.areas),
            "source": m.service.source,
        }
        for m in matches
    ]
    lines = [
        f"{m.service.name}{'' if m.verified else '  [Sample - check before use]'}\n"
        f"    {' · '.join(m.reasons)}"
        for m in matches
    ]
    context.emit(
        document,
        "\n".join(lines) or "No service in the directory fits; call Victim Support for a referral.",
    )
    return 0
