"""The names on the wire between laptop and hub: envelope kinds and record types.

StrEnums, so each member is the very string sent today and the wire format is unchanged.
"""

from __future__ import annotations

import enum


class EnvelopeKind(enum.StrEnum):
    """What one local write transaction did; the ``kind`` of its envelope."""

    SESSION_CREATED = "session.created"
    SESSION_UPDATED = "session.updated"
    ATTENDEES_ADDED = "attendees.added"
    ATTENDANCE_MARKED = "attendance.marked"
    QUIZ_SUBMITTED = "quiz.submitted"
    FEEDBACK_SUBMITTED = "feedback.submitted"
    SIGNPOSTING_RECORDED = "signposting.recorded"
    REFERRAL_MADE = "referral.made"
    ERASURE_REQUESTED = "erasure.requested"
    ATTENDEES_COMPLETED = "attendees.completed"
    ATTENDEE_UPDATED = "attendee.updated"  # a person's details corrected on the register
    COMPLETION_UNDONE = "attendees.completion-undone"  # "Completed" taken back
    CERTIFICATES_ISSUED = "certificates.issued"
    CONSENT_WITHDRAWN = "consent.withdrawn"  # a sent referral's consent taken back (issue 32)
    AUDIT_EVENTS = "audit.events"


class RecordType(enum.StrEnum):
    """The ``type`` of one record inside an envelope's payload."""

    SESSION = "session"
    ATTENDEE = "attendee"
    ATTENDANCE = "attendance"
    QUIZ = "quiz"
    FEEDBACK = "feedback"
    SIGNPOSTING = "signposting"
    REFERRAL = "referral"
    ERASURE = "erasure"
    COMPLETION = "completion"
    COMPLETION_UNDONE = "completion-undone"
    CERTIFICATE = "certificate"
    CONSENT_WITHDRAWAL = "consent-withdrawal"
    # What is left of a record once its person was forgotten, on the laptop (an unsent
    # envelope is redacted) and at the hub (the stored copy is replaced).
    ERASED = "erased"


class DownItemKind(enum.StrEnum):
    """What the hub queues for a laptop to pull (hub to laptop, the other way round)."""

    REFERRAL_OUTCOME = "referral.outcome"  # what happened to a referral the laptop made
    BUNDLE = "bundle"  # a new signed content bundle to fetch


# The record types each kind of envelope carries. An erased record may stand in any of
# them; an envelope of audit events carries no record.
RECORD_TYPES_OF_KIND: dict[EnvelopeKind, frozenset[RecordType]] = {
    EnvelopeKind.SESSION_CREATED: frozenset({RecordType.SESSION}),
    EnvelopeKind.SESSION_UPDATED: frozenset({RecordType.SESSION}),
    EnvelopeKind.ATTENDEES_ADDED: frozenset({RecordType.ATTENDEE}),
    EnvelopeKind.ATTENDANCE_MARKED: frozenset({RecordType.ATTENDANCE}),
    EnvelopeKind.QUIZ_SUBMITTED: frozenset({RecordType.QUIZ}),
    EnvelopeKind.FEEDBACK_SUBMITTED: frozenset({RecordType.FEEDBACK}),
    EnvelopeKind.SIGNPOSTING_RECORDED: frozenset({RecordType.SIGNPOSTING}),
    EnvelopeKind.REFERRAL_MADE: frozenset({RecordType.REFERRAL}),
    EnvelopeKind.ERASURE_REQUESTED: frozenset({RecordType.ERASURE}),
    EnvelopeKind.ATTENDEES_COMPLETED: frozenset({RecordType.COMPLETION}),
    EnvelopeKind.ATTENDEE_UPDATED: frozenset({RecordType.ATTENDEE}),
    EnvelopeKind.COMPLETION_UNDONE: frozenset({RecordType.COMPLETION_UNDONE}),
    EnvelopeKind.CERTIFICATES_ISSUED: frozenset({RecordType.CERTIFICATE}),
    EnvelopeKind.CONSENT_WITHDRAWN: frozenset({RecordType.CONSENT_WITHDRAWAL}),
    EnvelopeKind.AUDIT_EVENTS: frozenset(),
}
