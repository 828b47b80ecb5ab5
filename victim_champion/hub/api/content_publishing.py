"""How the content desk's pages publish: hub/api/bundles.publish handed to the dashboard
(hub/dashboard/content_routes.py), because hub/api includes the dashboard and imports go one
way only. A bundle version someone else took a moment ago becomes the desk's one sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine

from victim_champion.hub.api import bundles
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.storage.signing_keys import HubKey


def publish_for_desk(
    engine: Engine,
    key: HubKey,
    document: dict[str, Any],
    audit: Callable[[Connection], None] | None = None,
) -> str:
    """bundles.publish, with its refusal as a ContentError (nothing is published)."""
    try:
        return bundles.publish(engine, key, document, audit)
    except bundles.BundleError as error:
        raise ContentError(f"Not published: {error}") from None
