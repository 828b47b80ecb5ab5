"""Loading the Kent districts reference list from resources/reference/districts.json."""

from __future__ import annotations

import json
from functools import cache

from victim_champion.content.resource_paths import resources_root
from victim_champion.core.districts import District, DistrictList
from victim_champion.core.errors import ResourceError


@cache
def load_districts() -> DistrictList:
    """The reference list, validated once per process."""
    path = resources_root() / "reference" / "districts.json"
    try:
        document = json.loads(path.read_text("utf-8"))
        districts = tuple(
            District(id=str(d["id"]), name=str(d["name"]), kind=str(d["kind"]))
            for d in document["districts"]
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ResourceError(
            f"The districts list ({path.name}) could not be read; reinstall Victim Champion."
        ) from error
    if not districts or len({d.id for d in districts}) != len(districts):
        raise ResourceError("The districts list is empty or repeats an id; fix districts.json.")
    return DistrictList(districts)
