-- The laptop's own Ed25519 key pair (one row), which signs certificates, and the
-- certificates issued. A certificate is issued once per attendee; printing again reuses it.

CREATE TABLE device_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    key_id      TEXT NOT NULL,
    private_key BLOB NOT NULL,
    public_key  BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE certificate (
    code        TEXT PRIMARY KEY,
    attendee_id TEXT NOT NULL UNIQUE REFERENCES attendee (id),
    session_id  TEXT NOT NULL REFERENCES session (id),
    name        TEXT NOT NULL,
    course      TEXT NOT NULL,
    course_date TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    signature   BLOB NOT NULL,
    issued_at   TEXT NOT NULL
);
CREATE INDEX certificate_by_session ON certificate (session_id);
