-- Compass Point records: anonymous by default (district, needs, services given, date),
-- contact details only beside a consent record, referrals only with referral consent.
-- envelope_seq ties each record to the outbox envelope that carried it, for retention.

CREATE TABLE signposting (
    id           TEXT PRIMARY KEY,
    district_id  TEXT NOT NULL,
    needs        TEXT NOT NULL,
    services     TEXT NOT NULL,
    reported     TEXT,
    created_at   TEXT NOT NULL,
    envelope_seq INTEGER
);

CREATE TABLE signposting_contact (
    record_id  TEXT PRIMARY KEY REFERENCES signposting (id),
    name       TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    consent_id TEXT NOT NULL
);

CREATE TABLE referral (
    id           TEXT PRIMARY KEY,
    record_id    TEXT NOT NULL REFERENCES signposting (id),
    service_id   TEXT NOT NULL,
    consent_id   TEXT NOT NULL,
    restorative  INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    outcome      TEXT,
    outcome_at   TEXT
);

-- An envelope handed to the network at least once can no longer be changed; one never
-- sent can still be redacted when a person asks to be forgotten before it left.
ALTER TABLE outbox ADD COLUMN attempted INTEGER NOT NULL DEFAULT 0;
