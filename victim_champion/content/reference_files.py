"""Reading the TOML and JSON files in resources/ with errors that name the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from victim_champion.content.resource_paths import resources_root
from victim_champion.core.errors import ResourceError


def resource_path(*parts: str) -> Path:
    """A path under resources/."""
    return resources_root().joinpath(*parts)


def read_document(*parts: str) -> dict[str, Any]:
    """Parse a .toml or .json resource; any fault is a ResourceError naming the file."""
    import json  # here, not at the top: the theme imports this module before the first
    import tomllib  # paint, which reads no document (benchmarks/startup.py)

    path = resource_path(*parts)
    try:
        if path.suffix == ".toml":
            with path.open("rb") as handle:
                return tomllib.load(handle)
        loaded = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise ResourceError(
            f"{path.name} could not be read ({error}); fix or reinstall it."
        ) from None
    if not isinstance(loaded, dict):
        raise ResourceError(f"{path.name} must hold an object at the top level.")
    return loaded


def field(document: dict[str, Any], key: str, kind: type, where: str) -> Any:
    """A required field of the given type, or a ResourceError saying which is wrong."""
    value = document.get(key)
    if not isinstance(value, kind):
        raise ResourceError(f"{where}: '{key}' is missing or is not a {kind.__name__}.")
    return value
