"""The hub's hot statements run on the driver's cursor (hub/storage/driver_statements.py)
and keep what SQLAlchemy's own execution gave: each database's type conversions (SQLite
keeps times as text), driver errors raised as SQLAlchemy's without the values sent, and
after PostgreSQL drops its connections, one failed request and then live connections."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, bindparam, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from victim_champion.hub.api.device_auth import _record_nonce
from victim_champion.hub.api.intake import _insert_many
from victim_champion.hub.storage.driver_statements import fetch, statement_for
from victim_champion.hub.storage.engine import as_utc, make_engine, upgrade
from victim_champion.hub.storage.tables import devices, envelopes, settings
from victim_champion.sync.shared.protocol import Envelope, content_hash

WHEN = datetime(2026, 11, 30, 9, 15, 30, 123456, tzinfo=UTC)
CANARY = "Canary Synthetic-Person"


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = make_engine(hub_db_url)
    upgrade(made)
    with made.begin() as connection:
        connection.execute(
            insert(devices).values(
                device_id="laptop-a", name="A", public_key=b"k" * 32, enrolled_at=WHEN
            )
        )
    yield made
    made.dispose()


def _setting_insert(dialect_name: str) -> Any:
    del dialect_name  # the same statement on every database
    statement = insert(settings).values(key=bindparam("key"), value=bindparam("value"))
    return statement.returning(settings.c.key)


def _envelope(seq: int) -> Envelope:
    payload: dict[str, Any] = {"records": [], "audit": []}
    return Envelope.from_wire(
        {
            "mutation_id": uuid.uuid4().hex,
            "device_id": "laptop-a",
            "device_seq": seq,
            "schema_version": 1,
            "kind": "attendees.added",
            "base_version": None,
            "payload": payload,
            "content_hash": content_hash(payload),
        }
    )


def test_times_written_and_read_by_the_driver_are_the_ones_sqlalchemy_reads(
    engine: Engine,
) -> None:
    batch = [_envelope(seq) for seq in (1, 2, 3)]
    with engine.begin() as connection:
        inserted = _insert_many(connection, "laptop-a", batch, WHEN)
        seen = WHEN - timedelta(minutes=5)
        connection.execute(update(devices).values(last_seen_at=seen))
        fresh = _record_nonce(connection, "laptop-a", uuid.uuid4().hex, 1_800_000_000)
    assert inserted == {envelope.mutation_id for envelope in batch}
    with engine.connect() as connection:
        stored = connection.execute(select(envelopes.c.received_at)).scalars().all()
    assert [as_utc(moment) for moment in stored] == [WHEN] * 3
    assert fresh is not None and bytes(fresh["public_key"]) == b"k" * 32
    assert isinstance(fresh["last_seen_at"], datetime) and as_utc(fresh["last_seen_at"]) == seen
    assert fresh["revoked_at"] is None


def test_a_driver_error_is_sqlalchemys_and_does_not_repeat_the_values_sent(engine: Engine) -> None:
    with engine.connect() as connection:
        statement = statement_for(connection, _setting_insert)
        with connection.begin():
            fetch(connection, statement, {"key": "note", "value": CANARY})
        with pytest.raises(IntegrityError) as raised, connection.begin():
            fetch(connection, statement, {"key": "note", "value": CANARY})
        assert CANARY not in str(raised.value)
        with connection.begin():  # the connection is still usable after the rollback
            assert fetch(connection, statement, {"key": "other", "value": "x"}) == [
                {"key": "other"}
            ]


def test_after_postgresql_drops_its_connections_one_request_fails_then_all_work(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)
    upgrade(engine)
    admin = make_engine(postgres_url)
    try:
        # Two connections in the pool, both about to be cut off.
        first, second = engine.connect(), engine.connect()
        for connection in (first, second):
            connection.execute(text("SELECT 1"))
        first.close()
        second.close()
        with admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        outcomes = []
        for number in range(3):
            try:
                with engine.begin() as connection:
                    found = statement_for(connection, _setting_insert)
                    fetch(connection, found, {"key": f"k{number}", "value": "v"})
                outcomes.append("ok")
            except DBAPIError as error:
                assert error.connection_invalidated or "terminat" in str(error).lower()
                outcomes.append("failed")
        assert outcomes == ["failed", "ok", "ok"]
    finally:
        engine.dispose()
        admin.dispose()
