"""Report facts from this laptop's own records: aggregate columns only, never names."""

from __future__ import annotations

import json
from datetime import date

from victim_champion.core.report_facts import (
    AttendeeFact,
    FeedbackFact,
    QuizFact,
    ReferralFact,
    ReportFacts,
    SessionFact,
    SignpostingFact,
)
from victim_champion.store.schema.connection import Connection
from victim_champion.store.schema.open_store import OpenStore


def read_report_facts(store: OpenStore) -> ReportFacts:
    """Everything on this laptop, as facts (the report picks the period)."""
    return store.owner.run(_read)


def _read(connection: Connection) -> ReportFacts:
    sessions = [
        SessionFact(row[0], row[1], row[2], date.fromisoformat(row[3]))
        for row in connection.execute("SELECT id, kind, district_id, session_date FROM session")
    ]
    attendees = [
        AttendeeFact(row[0], bool(row[1]) or bool(row[2]), bool(row[2]))
        for row in connection.execute(
            "SELECT a.session_id, a.completed_at IS NOT NULL, c.code IS NOT NULL "
            "FROM attendee a LEFT JOIN certificate c ON c.attendee_id = a.id"
        )
    ]
    quizzes = [
        QuizFact(*row)
        for row in connection.execute("SELECT session_id, phase, score, total FROM quiz_result")
    ]
    feedback = [
        FeedbackFact(*row)
        for row in connection.execute(
            "SELECT session_id, usefulness, clarity, confidence, overall FROM feedback"
        )
    ]
    signposting = [
        SignpostingFact(
            row[0],
            row[1],
            date.fromisoformat(row[2][:10]),
            tuple(json.loads(row[3])),
            tuple(json.loads(row[4])),
        )
        for row in connection.execute(
            "SELECT id, district_id, created_at, needs, services FROM signposting"
        )
    ]
    referrals = [
        ReferralFact(*row)
        for row in connection.execute("SELECT record_id, service_id, outcome FROM referral")
    ]
    return ReportFacts(sessions, attendees, quizzes, feedback, signposting, referrals)
