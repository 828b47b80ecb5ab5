-- Sync: the outbox of frozen envelopes (one per local write transaction, written in the
-- same transaction), the sync state (enrolment, pinned hub key, pull cursor) and the
-- signed content bundles received from the hub.

CREATE TABLE outbox (
    device_seq     INTEGER PRIMARY KEY,     -- gapless: the next number in the same transaction
    mutation_id    TEXT NOT NULL UNIQUE,
    schema_version INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    base_version   INTEGER,
    payload        TEXT NOT NULL,           -- frozen: never updated once written
    content_hash   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'accepted', 'rejected')),
    reason         TEXT,
    confirmed_at   TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, device_seq);

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE content_bundle (
    kind        TEXT PRIMARY KEY,
    version     TEXT NOT NULL,
    document    TEXT NOT NULL,
    signature   TEXT NOT NULL,
    received_at TEXT NOT NULL
);
