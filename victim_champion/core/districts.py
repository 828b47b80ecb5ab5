"""Kent districts (and Medway) as reference data, looked up by name or id.

Districts are data, not an enum: a reorganisation into new unitary councils was proposed
in 2025, so the list lives in resources/reference/districts.json and can change without
a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from victim_champion.core.errors import UnknownDistrictError


@dataclass(frozen=True, slots=True)
class District:
    """One area a session or service can be in."""

    id: str
    name: str
    kind: str  # "district", "unitary" ...: whatever the reference data says


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


@dataclass(frozen=True)
class DistrictList:
    """The reference list, with forgiving look-up ("tunbridge-wells", "Tunbridge Wells")."""

    districts: tuple[District, ...]

    def resolve(self, given: str) -> District:
        """Return the district whose id or name matches ``given``, ignoring case and spacing."""
        wanted = _fold(given)
        for district in self.districts:
            if wanted in (_fold(district.id), _fold(district.name)):
                return district
        raise UnknownDistrictError(given, [d.name for d in self.districts])

    def by_id(self, district_id: str) -> District | None:
        """The district with exactly this id, or None if the list no longer has it."""
        return next((d for d in self.districts if d.id == district_id), None)
