"""The hub's files (issue 15, item 3): the signing key in its own 0600 file and not in the
database, the data folder 0700, the SQLite files 0600; on a real hub process."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert, select

from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.tables import hub_key
from victim_champion.sync.shared.signatures import check_signed_body

RAW = serialization.Encoding.Raw


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raw_private(path: Path) -> bytes:
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(loaded, Ed25519PrivateKey)
    return loaded.private_bytes(RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def _database_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith("hub.sqlite3") and p.is_file()]


def _assert_private_and_key_only_in_its_file(folder: Path, hub: HubProcess) -> bytes:
    key_file = folder / "hub.sqlite3.signing-key"
    assert _mode(folder) == 0o700
    names = {p.name for p in _database_files(folder)}
    assert {"hub.sqlite3", "hub.sqlite3-wal", "hub.sqlite3-shm", key_file.name} <= names
    assert all(_mode(p) == 0o600 for p in _database_files(folder))
    private = _raw_private(key_file)
    for path in _database_files(folder):
        if path != key_file:
            assert private not in path.read_bytes(), f"the private key is in {path.name}"
    engine = make_engine(hub.db_url)
    with engine.begin() as connection:
        assert connection.execute(select(hub_key.c.private_key)).scalar_one() == b""
    engine.dispose()
    return private


def _health(hub: HubProcess, public_key: bytes) -> dict[str, object]:
    status, body = hub.get("/v1/health")
    assert status == 200
    return check_signed_body(json.loads(body), public_key)


def test_a_new_hub_keeps_its_files_private_and_its_key_out_of_the_database(
    hub: HubProcess, tmp_path: Path
) -> None:
    private = _assert_private_and_key_only_in_its_file(tmp_path, hub)
    public = (
        Ed25519PrivateKey.from_private_bytes(private)
        .public_key()
        .public_bytes(RAW, serialization.PublicFormat.Raw)
    )
    assert _health(hub, public)["status"] == "ok"  # it signs with the key in the file


def test_an_old_hub_with_its_key_in_the_table_moves_it_to_a_file_and_keeps_its_id(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "old-hub"
    folder.mkdir(mode=0o755)
    url = sqlite_url(folder)
    old_key = Ed25519PrivateKey.generate()
    private = old_key.private_bytes(
        RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = old_key.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:  # as every hub kept it before
        connection.execute(
            insert(hub_key).values(
                id=1,
                key_id="old-key-id",
                private_key=private,
                public_key=public,
                created_at=datetime.now(UTC),
            )
        )
    engine.dispose()
    folder.chmod(0o755)  # as an old hub left them
    for path in _database_files(folder):
        path.chmod(0o644)
    hub = start_hub(url)
    try:
        assert _health(hub, public)["hub_key_id"] == "old-key-id"
        assert _assert_private_and_key_only_in_its_file(folder, hub) == private
    finally:
        hub.stop()
    again = start_hub(url)  # the second start finds the key in its file
    try:
        assert _health(again, public)["hub_key_id"] == "old-key-id"
    finally:
        again.stop()


def test_a_hub_whose_key_file_is_gone_refuses_to_start_and_says_why(
    hub: HubProcess, tmp_path: Path
) -> None:
    hub.stop()
    (tmp_path / "hub.sqlite3.signing-key").unlink()
    with pytest.raises(RuntimeError, match=r"signing key file .* is missing"):
        start_hub(hub.db_url)


def test_on_postgresql_the_key_moves_out_of_the_table_to_the_named_file(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = make_engine(postgres_url)
    upgrade(engine)
    old_key = Ed25519PrivateKey.generate()
    public = old_key.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    with engine.begin() as connection:
        connection.execute(
            insert(hub_key).values(
                id=1,
                key_id="old-pg-key-id",
                private_key=old_key.private_bytes(
                    RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
                ),
                public_key=public,
                created_at=datetime.now(UTC),
            )
        )
    first, second = start_hub(postgres_url), start_hub(postgres_url)  # one file, one key
    try:
        for hub in (first, second):
            assert _health(hub, public)["hub_key_id"] == "old-pg-key-id"
        key_file = tmp_path / "postgres-hub.signing-key"  # VC_HUB_KEY_FILE, from the fixture
        assert _mode(key_file) == 0o600 and _raw_private(key_file) == old_key.private_bytes(
            RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        with engine.begin() as connection:
            assert connection.execute(select(hub_key.c.private_key)).scalar_one() == b""
    finally:
        first.stop()
        second.stop()
        engine.dispose()
