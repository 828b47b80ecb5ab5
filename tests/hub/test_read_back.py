"""What a device is told after its request, read in one statement (hub/api/read_back.py),
on SQLite and on PostgreSQL: the state, the comparison with its gaps, a pull page of its
own and everyone's items but never another device's, and the policy an admin set."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert

from tests.support.driver_trace import statements_sent
from victim_champion.hub.api.read_back import RETENTION_SETTING, read_back
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import (
    devices,
    down_items,
    envelopes,
    refused_envelopes,
    settings,
)
from victim_champion.sync.shared.protocol import sequence_digest

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = make_engine(hub_db_url)
    upgrade(made)
    with made.begin() as connection:
        for device in ("laptop-a", "laptop-b"):
            connection.execute(
                insert(devices).values(
                    device_id=device, name=device, public_key=b"k" * 32, enrolled_at=NOW
                )
            )
        for device, seq in (("laptop-a", 1), ("laptop-a", 2), ("laptop-a", 4), ("laptop-b", 3)):
            connection.execute(
                insert(envelopes).values(
                    device_id=device,
                    device_seq=seq,
                    mutation_id=uuid.uuid4().hex,
                    schema_version=1,
                    kind="attendees.added",
                    base_version=None,
                    payload="{}",
                    content_hash=f"{seq:064x}",
                    received_at=NOW,
                )
            )
        connection.execute(
            insert(refused_envelopes).values(
                device_id="laptop-a",
                device_seq=5,
                kind="attendees.added",
                content_hash="",
                reason="too large",
                source="laptop",
                received_at=NOW,
            )
        )
        notes: list[tuple[str | None, str]] = [
            ("laptop-a", "mine"),
            (None, "everyone's"),
            ("laptop-b", "other"),
        ]
        for owner, note in notes:
            connection.execute(
                insert(down_items).values(
                    device_id=owner, kind="note", payload=f'{{"n": "{note}"}}', created_at=NOW
                )
            )
        connection.execute(insert(settings).values(key=RETENTION_SETTING, value="45"))
    yield made
    made.dispose()


def test_state_comparison_page_and_policy_come_back_in_one_statement(engine: Engine) -> None:
    with engine.connect() as connection, statements_sent(connection) as statements:
        found = read_back(connection, "laptop-a", [(1, 6)], (0, 1))
    assert len(statements) == 1
    assert found.state.device_max_seq == 5  # the refused 5 counts
    assert found.checked is not None and found.page is not None
    assert found.checked.count == 3 and found.checked.counts == {"attendees.added": 3}
    assert found.checked.gaps == 2  # 3 and 6: neither held nor refused for this laptop
    assert found.checked.digest == sequence_digest([(s, f"{s:064x}") for s in (1, 2, 4)])
    assert [item["payload"] for item in found.page.items] == [{"n": "mine"}]
    assert found.page.more and found.page.policy.retention_days == 45
    with engine.connect() as connection:
        rest = read_back(connection, "laptop-a", page=(found.page.next_cursor, 10)).page
    assert rest is not None and not rest.more
    assert [item["payload"] for item in rest.items] == [{"n": "everyone's"}]
    assert rest.next_cursor > found.page.next_cursor


def test_a_device_with_nothing_gets_its_state_and_an_empty_page(engine: Engine) -> None:
    with engine.connect() as connection:
        found = read_back(connection, "laptop-new", [(1, 2)], (99, 10))
        alone = read_back(connection, "laptop-new")
    assert found.state.device_max_seq == 0 and alone.state.device_max_seq == 0
    assert found.checked is not None and (found.checked.count, found.checked.gaps) == (0, 2)
    assert found.page is not None and found.page.items == () and found.page.next_cursor == 99
    assert alone.checked is None and alone.page is None


def test_a_number_both_stored_and_refused_is_held_once_and_only_for_its_device(
    engine: Engine,
) -> None:
    """A quarantine notice the laptop sent before the record itself (or a refusal and then
    the record under the same number) leaves the number in both tables."""
    with engine.begin() as connection:
        for device, seq in (("laptop-a", 2), ("laptop-b", 6)):
            connection.execute(
                insert(refused_envelopes).values(
                    device_id=device,
                    device_seq=seq,
                    kind="attendees.added",
                    content_hash="",
                    reason="quarantined",
                    source="laptop",
                    received_at=NOW,
                )
            )
    with engine.connect() as connection:
        found = read_back(connection, "laptop-a", [(1, 6)])
    assert found.checked is not None
    # Held: 1, 2, 4 stored and 5 refused; 2 counted once; laptop-b's 6 is not laptop-a's.
    assert found.checked.gaps == 2
