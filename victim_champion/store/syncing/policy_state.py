"""The device policy the laptop last received from the hub, kept in the sync state.

Stored as the policy's wire JSON under the sync-state key ``policy`` (the same form the
laptop kept before the policy was typed, so no migration is needed). Readable without a
sync client: retention and the idle lock need it at every unlock.
"""

from __future__ import annotations

import json

from victim_champion.core.device_policy import DevicePolicy
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.open_store import OpenStore

POLICY_KEY = "policy"


def read_device_policy(connection: Connection) -> DevicePolicy | None:
    """The stored policy, or None before enrolment. A stored value that is not a valid
    policy raises WireRecordError: it is never taken for "no policy"."""
    row = connection.execute("SELECT value FROM sync_state WHERE key = ?", (POLICY_KEY,)).fetchone()
    if row is None:
        return None
    stored = json.loads(row[0])
    if stored == {}:  # what a laptop enrolled with an older hub may hold: no policy yet
        return None
    return DevicePolicy.from_wire(stored)


def write_device_policy(connection: Connection, policy: DevicePolicy) -> None:
    """Keep this policy; call inside the transaction that received it."""
    connection.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (POLICY_KEY, json.dumps(policy.to_wire(), sort_keys=True)),
    )


def load_device_policy(store: OpenStore) -> DevicePolicy | None:
    """The policy the hub last sent this laptop, or None if it never sent one."""
    return store.owner.run(read_device_policy)
