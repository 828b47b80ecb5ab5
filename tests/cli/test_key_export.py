"""``export-key`` is for administrators only and always audited, and ``staff remove``
takes an exported key back (issue 35, finding 2), on a real SQLCipher profile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli, new_training_session
from tests.conftest import PASSPHRASE
from victim_champion.core.errors import CorruptStoreError
from victim_champion.store.schema.connection import open_encrypted

ASHA = "harbour maple quill sixteen"


def audit_rows(database: Path, key_hex: str) -> tuple[list[tuple[str, str, str]], str]:
    """The audit log (actor, action, kind), and the whole decrypted store as SQL text."""
    connection = open_encrypted(database, bytes.fromhex(key_hex))
    try:
        events = connection.execute(
            "SELECT actor, action, record_kind FROM audit_event ORDER BY seq"
        ).fetchall()
        tables = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        dump = "\n".join(
            repr(row)
            for (table,) in tables.fetchall()
            for row in connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608
        )
    finally:
        connection.close()
    return events, dump


def test_only_an_administrator_exports_the_key_and_every_try_is_audited_without_it(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init").code == 0
    monkeypatch.setenv("VC_NEW_PASSPHRASE", ASHA)
    assert cli("staff", "add", "Asha").code == 0

    monkeypatch.setenv("VC_PASSPHRASE", ASHA)
    refused = cli("export-key")
    assert refused.code == 1 and refused.out == ""
    assert refused.err.strip() == (
        "Only an administrator can export the data key; this attempt was written to the audit log."
    )

    monkeypatch.setenv("VC_PASSPHRASE", PASSPHRASE)
    exported = cli("export-key")
    assert exported.code == 0
    key = exported.out.strip()
    events, dump = audit_rows(cli.data_dir / "store.db", key)
    assert ("staff:Asha", "refuse", "data-key") in events
    assert events[-1] == ("admin:Administrator", "export", "data-key")
    assert "staff:Asha" in dump  # the dump is readable text, so the next check means something
    for secret in (key, key.upper(), repr(bytes.fromhex(key))[2:-1], ASHA, PASSPHRASE):
        assert secret not in dump  # the log and its envelopes hold no secret


def test_removing_staff_means_a_key_exported_before_opens_no_copy_made_after(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = new_training_session(cli)
    monkeypatch.setenv("VC_NEW_PASSPHRASE", ASHA)
    assert cli("staff", "add", "Asha").code == 0
    old_key = cli("export-key").out.strip()  # an administrator's, taken before

    removed = cli("staff", "remove", "Asha")
    assert removed.code == 0, removed.err
    assert "new key" in removed.out
    after = new_training_session(cli)

    copy = tmp_path / "copy.db"
    shutil.copyfile(cli.data_dir / "store.db", copy)
    with pytest.raises(CorruptStoreError):
        open_encrypted(copy, bytes.fromhex(old_key))
    new_key = cli("export-key").out.strip()
    assert new_key != old_key
    connection = open_encrypted(copy, bytes.fromhex(new_key))
    try:
        ids = {row[0] for row in connection.execute("SELECT id FROM session")}
    finally:
        connection.close()
    assert {before, after} <= ids
    monkeypatch.setenv("VC_PASSPHRASE", ASHA)
    assert cli("session", "list").code == 1  # Asha's passphrase opens nothing now
