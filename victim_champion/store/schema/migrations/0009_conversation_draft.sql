-- An interrupted Compass Point conversation (issue 32): what was on screen when a quick
-- exit or a lock came, kept only here, in the encrypted store, until the worker brings
-- it back or discards it after unlocking, and for 30 minutes at most. One row at most.
-- It is not a record: never journaled, audited or sent to the hub.
CREATE TABLE conversation_draft (
    slot    INTEGER PRIMARY KEY CHECK (slot = 1),
    screen  TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    body    TEXT NOT NULL
);
