"""Ordering content versions ("2026.2" < "2026.10"), shared by the sync client, which
refuses an older bundle, and the course loader, which never lets an older bundle stand in
for the newer course an app update installed."""

from __future__ import annotations

import re


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions by their parts, numbers as numbers: 2026.2 < 2026.10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|[^\d.\-_ ]+", version)
    )


def is_newer(version: str, held: str | None) -> bool:
    """True if ``version`` would replace ``held`` (anything replaces nothing)."""
    return held is None or (version != held and version_key(version) > version_key(held))
