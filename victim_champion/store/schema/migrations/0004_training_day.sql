-- The training day: attendance on the register, anonymous knowledge checks and anonymous
-- feedback. Quiz answers and feedback carry no attendee id, by design.

ALTER TABLE attendee ADD COLUMN attendance TEXT
    CHECK (attendance IS NULL OR attendance IN ('present', 'late', 'left-early'));

CREATE TABLE quiz_result (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session (id),
    phase      TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    score      INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX quiz_result_by_session ON quiz_result (session_id, phase);

CREATE TABLE feedback (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session (id),
    usefulness INTEGER NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
    clarity    INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 5),
    confidence INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5),
    overall    INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
    comment    TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
);
CREATE INDEX feedback_by_session ON feedback (session_id);
