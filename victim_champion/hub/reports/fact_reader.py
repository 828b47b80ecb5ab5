"""Report facts from every device's envelopes. Only the aggregate fields are read (kind,
district, dates, needs, services, scores): names and contact details are never touched.
Erased records are tombstones by now, so a forgotten person is not counted."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from victim_champion.core.report_facts import (
    AttendeeFact,
    FeedbackFact,
    QuizFact,
    ReferralFact,
    ReportFacts,
    SessionFact,
    SignpostingFact,
)
from victim_champion.hub.storage.tables import envelopes, referrals

KINDS = (
    "session.created",
    "session.updated",
    "attendees.added",
    "attendees.completed",
    "certificates.issued",
    "quiz.submitted",
    "feedback.submitted",
    "signposting.recorded",
    "referral.made",
)

HANDLED = frozenset(
    {"session", "attendee", "completion", "certificate", "quiz", "feedback", "signposting"}
    | {"referral"}
)


class _Collector:
    def __init__(self) -> None:
        self.sessions: dict[str, SessionFact] = {}
        self.attendees: dict[str, str] = {}  # attendee key -> session key
        self.completed: set[str] = set()
        self.certified: set[str] = set()
        self.referrals: list[tuple[str, str, str]] = []  # record key, service, referral id
        self.facts = ReportFacts()

    def add(self, device: str, record: dict[str, Any]) -> None:
        kind = record.get("type")
        if kind in HANDLED:
            # A record the hub accepted but cannot count is left out, not fatal.
            with contextlib.suppress(KeyError, TypeError, ValueError):
                getattr(self, f"_{kind}")(device, record)

    def _session(self, device: str, r: dict[str, Any]) -> None:
        key = f"{device}:{r['id']}"
        self.sessions[key] = SessionFact(
            key, r["kind"], r["district_id"], date.fromisoformat(r["date"])
        )

    def _attendee(self, device: str, r: dict[str, Any]) -> None:
        self.attendees[f"{device}:{r['id']}"] = f"{device}:{r['session_id']}"

    def _completion(self, device: str, r: dict[str, Any]) -> None:
        self.completed.add(f"{device}:{r['attendee_id']}")

    def _certificate(self, device: str, r: dict[str, Any]) -> None:
        self.certified.add(f"{device}:{r['attendee_id']}")

    def _quiz(self, device: str, r: dict[str, Any]) -> None:
        self.facts.quizzes.append(
            QuizFact(f"{device}:{r['session_id']}", r["phase"], int(r["score"]), int(r["total"]))
        )

    def _feedback(self, device: str, r: dict[str, Any]) -> None:
        self.facts.feedback.append(
            FeedbackFact(
                f"{device}:{r['session_id']}",
                int(r["usefulness"]),
                int(r["clarity"]),
                int(r["confidence"]),
                int(r["overall"]),
            )
        )

    def _signposting(self, device: str, r: dict[str, Any]) -> None:
        self.facts.signposting.append(
            SignpostingFact(
                f"{device}:{r['id']}",
                r["district_id"],
                date.fromisoformat(r["date"]),
                tuple(r["needs"]),
                tuple(r["services"]),
            )
        )

    def _referral(self, device: str, r: dict[str, Any]) -> None:
        self.referrals.append((f"{device}:{r['record_id']}", r["service_id"], r["id"]))

    def finish(self, outcomes: dict[str, str | None]) -> ReportFacts:
        facts = self.facts
        facts.sessions = list(self.sessions.values())
        facts.attendees = [
            AttendeeFact(
                session, key in self.completed or key in self.certified, key in self.certified
            )
            for key, session in self.attendees.items()
        ]
        facts.referrals = [
            ReferralFact(record, service, outcomes.get(referral_id))
            for record, service, referral_id in self.referrals
        ]
        return facts


def facts_from_records(
    records: Iterable[tuple[str, Any]], outcomes: Mapping[str, str | None]
) -> ReportFacts:
    """Facts from (device id, record) pairs as envelopes carry them; anything that is not
    a countable record is skipped."""
    collector = _Collector()
    for device, record in records:
        if isinstance(record, dict):
            collector.add(device, record)
    return collector.finish(dict(outcomes))


def read_report_facts(engine: Engine) -> ReportFacts:
    """Everything every device has sent, as facts (the caller picks the period)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(envelopes.c.device_id, envelopes.c.payload)
            .where(envelopes.c.kind.in_(KINDS))
            .order_by(envelopes.c.server_seq)
        )
        records = [
            (device, record)
            for device, payload in rows
            for record in json.loads(payload).get("records", ())
        ]
        outcomes = dict(
            connection.execute(select(referrals.c.referral_id, referrals.c.outcome)).all()
        )
    return facts_from_records(records, outcomes)
