"""Fixtures: a real hub on 127.0.0.1, and laptops (real SQLCipher profiles) enrolled with it."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PASSPHRASE
from tests.support.hub_process import HubProcess, sqlite_url
from tests.support.keyrings import MemoryKeyring
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.hub.storage.signing_keys import KEY_FILE_VARIABLE
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.schema.open_store import OpenStore
from victim_champion.store.syncing.sync_local import StoreSyncLocal
from victim_champion.sync.client import SyncClient, enrol

POSTGRES_VARIABLE = "VC_TEST_POSTGRES_URL"


@pytest.fixture
def postgres_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh database on the PostgreSQL named by VC_TEST_POSTGRES_URL (.ci/run sets it).

    Its hubs keep their signing key in the test's folder, not in the user's data folder.
    """
    monkeypatch.setenv(KEY_FILE_VARIABLE, str(tmp_path / "postgres-hub.signing-key"))
    base = os.environ.get(POSTGRES_VARIABLE)
    if not base:
        message = (
            f"PostgreSQL tests need {POSTGRES_VARIABLE} (scripts/start-postgres prints "
            "it); the hub's other tests ran on SQLite"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"vc_hub_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh hub database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return str(request.getfixturevalue("postgres_url"))


@dataclass
class Laptop:
    """One enrolled laptop: its profile, open store, records and sync client."""

    profile: Profile
    store: OpenStore
    records: Records
    local: StoreSyncLocal

    def client(
        self, hub_url: str | None = None, clock: Callable[[], float] = time.time
    ) -> SyncClient:
        return SyncClient(self.local, hub_url, clock)

    def add_session_with(self, people: int, day: date = date(2026, 12, 3)) -> str:
        session = self.records.create_session(
            Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "thanet", day)
        )
        self.records.add_attendees(
            session.id, [AttendeeDetails(f"Person {i}") for i in range(people)]
        )
        return session.id

    def outbox_count(self) -> int:
        return int(
            self.store.owner.run(lambda c: c.execute("SELECT count(*) FROM outbox").fetchone()[0])
        )


def make_laptop(folder: Path, hub: HubProcess | None, name: str = "Laptop") -> Laptop:
    profile = Profile(folder, DeviceSecretStore(MemoryKeyring()))
    profile.create(PASSPHRASE, kdf=KdfParams(salt=fresh_salt()))
    store = profile.open(PASSPHRASE)
    laptop = Laptop(profile, store, Records(store), StoreSyncLocal(store))
    if hub is not None:
        enrol(laptop.local, hub.url, hub.enrol_code(name))
    return laptop


@pytest.fixture
def laptop(tmp_path: Path, hub: HubProcess) -> Iterator[Laptop]:
    made = make_laptop(tmp_path / "laptop", hub)
    yield made
    made.store.close()


def desk_sealer(
    hub: HubProcess, laptop: Laptop, folder: Path
) -> tuple[Callable[[bytes], str], Path]:
    """The referral desk's key made at the hub and received by the laptop at a sync:
    (what seals contact details for the desk, the desk's private key file)."""
    import base64

    from victim_champion.sync.shared.sealing import seal

    key_file = folder / "referral-desk.key"
    assert "Made the referral desk key" in hub.admin(
        "referral-key", "create", "--out", str(key_file)
    )
    laptop.client().run_once()  # the policy brings the desk's public key
    policy = laptop.local.device_policy()
    assert policy is not None and policy.referral_key
    public = base64.b64decode(policy.referral_key)
    return (lambda plain: seal(public, plain)), key_file
