"""Loading the Kent districts reference list from resources/reference/districts.json."""

from __future__ import annotations

from functools import cache

from victim_champion.content.reference_files import field, read_document
from victim_champion.core.districts import District, DistrictList
from victim_champion.core.errors import ResourceError

FILE = ("reference", "districts.json")


@cache
def load_districts() -> DistrictList:
    """The reference list, validated once per process."""
    document = read_document(*FILE)
    where = FILE[-1]
    districts = tuple(
        District(
            id=field(raw, "id", str, where),
            name=field(raw, "name", str, where),
            kind=field(raw, "kind", str, where),
        )
        for raw in field(document, "districts", list, where)
    )
    if not districts or len({d.id for d in districts}) != len(districts):
        raise ResourceError(f"{where}: the list is empty or repeats an id.")
    return DistrictList(districts)
