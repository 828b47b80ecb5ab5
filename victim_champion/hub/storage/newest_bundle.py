"""The files of the newest published bundle of a kind: what laptops have now (or will at
their next sync). Shared by the content desk's publisher, which compares its draft with the
directory laptops have, and by the stale-facts list, which reads the course they teach."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select

from victim_champion.hub.storage.tables import bundles


def newest_files(engine: Engine, kind: str) -> dict[str, str] | None:
    """The newest published bundle's files, or None if none of that kind was published."""
    with engine.connect() as connection:
        content = connection.execute(
            select(bundles.c.content)
            .where(bundles.c.kind == kind)
            .order_by(bundles.c.id.desc())
            .limit(1)
        ).scalar()
    return None if content is None else dict(json.loads(content)["files"])
