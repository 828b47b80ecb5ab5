"""Sessions in the encrypted store."""

from __future__ import annotations

import json
from datetime import date, datetime

from victim_champion.core.errors import InvalidInputError, NotFoundError
from victim_champion.core.identifiers import is_record_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.store.schema.connection import Connection

_COLUMNS = "id, kind, title, venue, district_id, session_date, facilitators, created_at"


def _from_row(row: tuple[str, ...]) -> Session:
    sid, kind, title, venue, district_id, day, facilitators, created = row
    return Session(
        id=sid,
        kind=SessionKind(kind),
        title=title,
        venue=venue,
        district_id=district_id,
        date=date.fromisoformat(day),
        facilitators=tuple(json.loads(facilitators)),
        created_at=datetime.fromisoformat(created),
    )


def require_session(connection: Connection, session_id: str) -> Session:
    """The session, or a clear error for a malformed or unknown id."""
    if not is_record_id(session_id):
        raise InvalidInputError(
            "A session id is 32 letters and digits; copy it from 'session list'."
        )
    session = SessionRepository(connection).get(session_id)
    if session is None:
        raise NotFoundError("session", session_id)
    return session


class SessionRepository:
    """Reads and writes sessions (call on the owner thread)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, session: Session, created_at: datetime) -> None:
        """Insert a new session."""
        self._connection.execute(
            f"INSERT INTO session ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            (
                session.id,
                session.kind.value,
                session.title,
                session.venue,
                session.district_id,
                session.date.isoformat(),
                json.dumps(list(session.facilitators)),
                created_at.isoformat(),
            ),
        )

    def get(self, session_id: str) -> Session | None:
        """One session by id."""
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM session WHERE id = ?",  # noqa: S608
            (session_id,),
        ).fetchone()
        return _from_row(row) if row else None

    def newest_first(self) -> list[Session]:
        """Every session, newest date first (then newest created)."""
        rows = self._connection.execute(
            f"SELECT {_COLUMNS} FROM session "  # noqa: S608
            "ORDER BY session_date DESC, created_at DESC"
        ).fetchall()
        return [_from_row(row) for row in rows]
