-- The first schema: sessions, their registers, consent records, the audit log, and the
-- record of pinned cipher settings. Dates are ISO-8601 text in UTC.

CREATE TABLE profile_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE session (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('training', 'drop-in')),
    title        TEXT NOT NULL,
    venue        TEXT NOT NULL,
    district_id  TEXT NOT NULL,
    session_date TEXT NOT NULL,
    facilitators TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL
);
CREATE INDEX session_by_date ON session (session_date DESC, created_at DESC);

CREATE TABLE attendee (
    id           TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES session (id),
    name         TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    completed_at TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX attendee_by_session ON attendee (session_id, created_at);

CREATE TABLE consent (
    id           TEXT PRIMARY KEY,
    subject_id   TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    given_at     TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX consent_by_subject ON consent (subject_id);

CREATE TABLE audit_event (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id   TEXT,
    at          TEXT NOT NULL
);
