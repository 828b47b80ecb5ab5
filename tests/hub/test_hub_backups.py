"""backup and restore, by round trip on SQLite and on PostgreSQL: a backup taken while
the hub serves, the database lost, the backup put back, and the laptop syncing on as if
nothing happened. Nothing is ever overwritten without being asked, and kept first."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.conftest import REPO
from tests.hub.conftest import make_laptop
from tests.support.hub_process import HubProcess, free_port


def publish_edition(hub: HubProcess, folder: Path, edition: str) -> None:
    """Publish the shipped directory as ``edition``: an item every laptop pulls."""
    data = json.loads((REPO / "resources" / "directory" / "services.json").read_text())
    changed = folder / f"services-{edition}.json"
    changed.write_text(json.dumps({**data, "edition": edition}))
    assert "Not published" not in hub.admin("publish", "directory", str(changed))


def hub_command(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "victim_champion.hub.command_line", *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ),
    )


def lose_database(db_url: str) -> None:
    """The database is gone (SQLite), or someone dropped everything (PostgreSQL). The
    signing key is a separate file, kept (installer/hub/README.md: back it up once)."""
    if db_url.startswith("sqlite"):
        database = Path(db_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        return
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_a_backup_taken_while_serving_restores_and_the_laptop_syncs_on(
    hub_db_url: str, tmp_path: Path
) -> None:
    hub = HubProcess(hub_db_url, free_port()).start()
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        laptop.add_session_with(4)
        laptop.client().run_once()
        before = hub.stats()
        out = tmp_path / "hub.backup"
        made = hub_command(hub_db_url, "backup", "--out", str(out))
        assert made.returncode == 0, made.stderr
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        again = hub_command(hub_db_url, "backup", "--out", str(out))
        assert again.returncode == 1 and "already exists" in again.stderr
        hub.stop()

        lose_database(hub_db_url)
        put_back = hub_command(hub_db_url, "restore", str(out))
        assert put_back.returncode == 0, put_back.stderr
        hub = HubProcess(hub_db_url, hub.port).start()
        assert hub.stats() == before
        laptop.add_session_with(2)
        summary = laptop.client().run_once()
        assert summary.rejected == 0 and summary.accepted > 0
        after = hub.stats()
        assert after["missing"] == 0 and after["duplicates"] == 0
        assert after["envelopes"] == before["envelopes"] + summary.accepted
    finally:
        hub.stop()
        laptop.store.close()


def test_restore_never_replaces_data_unasked_and_keeps_it_when_asked(
    hub_db_url: str, tmp_path: Path
) -> None:
    hub = HubProcess(hub_db_url, free_port()).start()
    laptop = make_laptop(tmp_path / "laptop", hub)
    try:
        out = tmp_path / "early.backup"
        assert hub_command(hub_db_url, "backup", "--out", str(out)).returncode == 0
        laptop.add_session_with(3)
        laptop.client().run_once()
        newer = hub.stats()
        hub.stop()
        refused = hub_command(hub_db_url, "restore", str(out))
        assert refused.returncode == 1
        assert "already holds devices or envelopes" in refused.stderr
        assert refused.stderr.count("\n") == 1
        replaced = hub_command(hub_db_url, "restore", str(out), "--replace")
        assert replaced.returncode == 0, replaced.stderr
        safety = next(tmp_path.glob("early.backup.before-restore-*"))
        assert str(safety) in replaced.stdout
        # The safety copy holds what was replaced: put it back, and all is as it was.
        assert hub_command(hub_db_url, "restore", str(safety), "--replace").returncode == 0
        hub = HubProcess(hub_db_url, hub.port).start()
        assert hub.stats() == newer
    finally:
        hub.stop()
        laptop.store.close()


def test_a_file_that_is_not_a_backup_is_refused_in_one_sentence(tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database", encoding="utf-8")
    refused = hub_command(target, "restore", str(junk))
    assert refused.returncode == 1
    assert (
        refused.stderr
        == f"{junk} is not a hub backup (neither a SQLite file nor a pg_dump archive).\n"
    )
    assert not (tmp_path / "hub.sqlite3").exists()
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    broken = hub_command(target, "restore", str(damaged))
    assert broken.returncode == 1 and "is damaged; restore an earlier backup" in broken.stderr
    missing = hub_command(target, "backup", "--out", str(tmp_path / "copy.backup"))
    assert missing.returncode == 1 and "There is no hub database" in missing.stderr


def test_after_a_restore_laptops_send_again_what_the_backup_missed(
    hub_db_url: str, tmp_path: Path
) -> None:
    """Records verified after the backup was taken are gone from the restored hub: the
    laptop sees the hub holds less than it verified, and sends them again, though it has
    nothing new to send; one with something new finds them by the gap as before."""
    hub = HubProcess(hub_db_url, free_port()).start()
    quiet = make_laptop(tmp_path / "quiet", hub)
    busy = make_laptop(tmp_path / "busy", hub)
    try:
        for laptop in (quiet, busy):
            laptop.add_session_with(2)
            assert laptop.client().run_once().verified
        out = tmp_path / "hub.backup"
        assert hub_command(hub_db_url, "backup", "--out", str(out)).returncode == 0
        publish_edition(hub, tmp_path, "2026-12")  # pulled by both after the backup
        for laptop in (quiet, busy):
            laptop.add_session_with(3)  # reaches the hub, verified, after the backup
            summary = laptop.client().run_once()
            assert summary.verified and summary.received == 1
        full = hub.stats()
        hub.stop()

        lose_database(hub_db_url)
        assert hub_command(hub_db_url, "restore", str(out)).returncode == 0
        hub = HubProcess(hub_db_url, hub.port).start()
        assert hub.stats()["envelopes"] < full["envelopes"]
        # Made after the restore: numbered above what the laptops pulled before it.
        publish_edition(hub, tmp_path, "2027-01")
        again = quiet.client().run_once()  # nothing new on this laptop
        assert again.verified and again.accepted > 0 and again.rejected == 0
        assert again.received == 1 and (quiet.local.bundle("directory") or ("",))[0] == "2027-01"
        busy.add_session_with(1)
        assert busy.client().run_once().received == 1
        after = hub.stats()
        assert after["missing"] == 0 and after["duplicates"] == 0
        assert after["envelopes"] == quiet.outbox_count() + busy.outbox_count()
    finally:
        hub.stop()
        for laptop in (quiet, busy):
            laptop.store.close()
