"""An unlocked profile's handle: the owned connection and who unlocked it.

It sits with the connection, below the repositories and the journal that take it, so
nothing in the store has to import the profile that creates it.
"""

from __future__ import annotations

from victim_champion.store.schema.connection_owner import ConnectionOwner


class OpenStore:
    """An unlocked profile: the owned connection and who unlocked it."""

    def __init__(self, owner: ConnectionOwner, actor: str) -> None:
        self.owner = owner
        self.actor = actor

    def close(self) -> None:
        """Close the connection (locking the data). Safe to call twice."""
        self.owner.close()
