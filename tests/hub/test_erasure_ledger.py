"""Erasure survives a restore (issue 35): forget a person, put back a backup taken before,
and the person is absent from every view of the hub, on SQLite and on PostgreSQL. The
hub's erasure ledger carries every "forget me" out again on what the backup brings back,
before the hub serves, even though the laptop (its tombstone let go) never asks again."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select

from tests.conftest import canary
from tests.hub.conftest import desk_sealer, make_laptop
from tests.hub.test_hub_backups import hub_command
from tests.support.hub_process import HubProcess, free_port
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.consent import ConsentPurpose
from victim_champion.hub.reports.fact_reader import read_report_facts
from victim_champion.hub.storage.tables import down_items, envelopes, erasures, referrals
from victim_champion.store.repositories.register_corrections import RegisterCorrections
from victim_champion.store.repositories.signposting_records import SignpostingRecords

NOTE = "Called back on 2 December; spoke to Sam, who is moving to Faversham"


def hub_views(db_url: str) -> dict[str, object]:
    """What the hub holds, as each of its views reads it: the records, the report's
    facts, referral outcomes (kept and waiting to be pulled), and the ledger."""
    engine = create_engine(db_url)
    try:
        facts = read_report_facts(engine)
        with engine.connect() as connection:
            payloads = "\n".join(connection.execute(select(envelopes.c.payload)).scalars())
            waiting = "\n".join(connection.execute(select(down_items.c.payload)).scalars())
            outcomes = list(connection.execute(select(referrals.c.outcome)).scalars())
            ledger = list(connection.execute(select(erasures.c.record_id)).scalars())
    finally:
        engine.dispose()
    return {
        "payloads": payloads,
        "waiting": waiting,
        "outcomes": outcomes,
        "signposting": len(facts.signposting),
        "attendees": len(facts.attendees),
        "ledger": ledger,
    }


def test_a_restored_backup_never_brings_back_a_forgotten_person(
    hub_db_url: str, tmp_path: Path
) -> None:
    hub = HubProcess(hub_db_url, free_port()).start()
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        seal, desk_key = desk_sealer(hub, laptop, tmp_path)
        records = SignpostingRecords(laptop.store)
        name, attendee_name = canary("Name"), canary("Attendee")
        record = records.record("swale", ["emotional-support"], ["victim-support-kent"], True)
        consent = records.give_consent(record, ConsentPurpose.REFERRAL)
        records.add_contact(record, consent.id, name, "01632 960000", "")
        referral = records.refer(record, "victim-support-kent", consent.id, seal=seal)
        session = laptop.add_session_with(2)
        laptop.records.add_attendees(session, [AttendeeDetails(attendee_name)])
        [removed] = [a.id for a in laptop.records.register(session) if a.name == attendee_name]
        assert laptop.client().run_once().rejected == 0
        assert "Recorded" in hub.admin("referral-outcome", referral, "--outcome", NOTE)
        early = tmp_path / "before-forget.backup"
        assert hub_command(hub_db_url, "backup", "--out", str(early)).returncode == 0
        held = hub_views(hub_db_url)
        assert name in hub.admin("referrals", "--key", str(desk_key))
        assert attendee_name in str(held["payloads"]) and NOTE in str(held["outcomes"])
        assert held["signposting"] == 1 and held["attendees"] == 3

        records.forget(record)
        RegisterCorrections(laptop.store).remove_attendee(session, removed)
        assert laptop.client().run_once().rejected == 0
        hub.stop()

        restored = hub_command(hub_db_url, "restore", str(early), "--replace")
        assert restored.returncode == 0, restored.stderr
        assert "Carried out again the 2 erasures" in restored.stdout
        hub = HubProcess(hub_db_url, hub.port).start()
        for when in ("after the restore", "after the laptop's next sync"):
            views = hub_views(hub_db_url)
            desk = hub.admin("referrals", "--key", str(desk_key))
            for secret in (name, attendee_name, "01632 960000", NOTE):
                assert secret not in str(views) + desk, (when, secret)
            assert views["outcomes"] == [None], when  # the referral is still counted
            assert views["signposting"] == 0 and views["attendees"] == 2, when
            assert sorted(views["ledger"]) == sorted([record, removed]), when  # type: ignore[call-overload]
            assert laptop.client().run_once().rejected == 0
    finally:
        hub.stop()
        laptop.store.close()


def test_a_hub_upgraded_to_the_ledger_takes_in_the_erasures_it_already_carried_out(
    tmp_path: Path,
) -> None:
    """Migration 0011 fills the ledger from the erasure envelopes already held, so a hub
    that forgot someone before the ledger existed still carries that out at a restore."""
    from alembic import command

    from victim_champion.hub.storage.engine import _alembic_config, make_engine, upgrade

    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    hub = HubProcess(db_url, free_port()).start()
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        record = SignpostingRecords(laptop.store).record("dover", ["practical-help"], [], None)
        laptop.client().run_once()
        SignpostingRecords(laptop.store).forget(record)
        laptop.client().run_once()
    finally:
        hub.stop()
        laptop.store.close()
    engine = make_engine(db_url)
    try:
        config = _alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0010")
        upgrade(engine)
        with engine.connect() as connection:
            assert list(connection.execute(select(erasures.c.record_id)).scalars()) == [record]
    finally:
        engine.dispose()
