"""The one interrupted conversation a quick exit or a lock left behind (migration 0009).

Its body is the form as it was (JSON the UI wrote): it holds personal data, so it lives
only in this encrypted store, is deleted with ``secure_delete`` on (connection.py) when
taken or discarded, and is never journaled, audited or sent to the hub. There is at most
one: keeping a new draft replaces the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from victim_champion.store.schema.connection import Connection, transaction
from victim_champion.store.schema.open_store import OpenStore


@dataclass(frozen=True)
class StoredDraft:
    """When and where a draft was kept; ``kept_at`` is None if the stored time is unreadable."""

    screen: str
    kept_at: datetime | None


def _parsed(raw: str) -> datetime | None:
    try:
        kept_at = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return kept_at if kept_at.tzinfo is not None else None


class ConversationDrafts:
    """The draft slot of one unlocked profile. Every call runs on the store's own thread."""

    def __init__(self, store: OpenStore) -> None:
        self._store = store

    def keep(self, screen: str, kept_at: datetime, body: str) -> None:
        """Keep this draft in place of any other."""

        def work(connection: Connection) -> None:
            with transaction(connection):
                connection.execute(
                    "INSERT INTO conversation_draft (slot, screen, kept_at, body) "
                    "VALUES (1, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET "
                    "screen = excluded.screen, kept_at = excluded.kept_at, body = excluded.body",
                    (screen, kept_at.isoformat(), body),
                )

        self._store.owner.run(work)

    def waiting(self) -> StoredDraft | None:
        """The draft kept, if any, without its body (which is read only when taken)."""

        def work(connection: Connection) -> StoredDraft | None:
            row = connection.execute(
                "SELECT screen, kept_at FROM conversation_draft WHERE slot = 1"
            ).fetchone()
            return None if row is None else StoredDraft(str(row[0]), _parsed(str(row[1])))

        return self._store.owner.run(work)

    def take(self) -> tuple[StoredDraft, str] | None:
        """Read the draft and delete it, in one transaction."""

        def work(connection: Connection) -> tuple[StoredDraft, str] | None:
            with transaction(connection):
                row = connection.execute(
                    "SELECT screen, kept_at, body FROM conversation_draft WHERE slot = 1"
                ).fetchone()
                connection.execute("DELETE FROM conversation_draft")
            if row is None:
                return None
            return StoredDraft(str(row[0]), _parsed(str(row[1]))), str(row[2])

        return self._store.owner.run(work)

    def discard(self) -> None:
        """Delete the draft, if there is one."""

        def work(connection: Connection) -> None:
            with transaction(connection):
                connection.execute("DELETE FROM conversation_draft")

        self._store.owner.run(work)
