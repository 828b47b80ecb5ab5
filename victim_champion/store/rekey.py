"""A new data key for the whole store, when a staff member is removed (issue 35).

A key exported before the removal must open nothing made since, so the store is
encrypted again under a fresh random key (SQLCipher ``PRAGMA rekey``) and that key is
sealed to every remaining slot (store/keys/key_slots.py), without anyone's passphrase.

**Crash safety.** The store file and keys.json cannot be replaced in one step, so the
work is staged and has one commit point:

1. copy ``store.db`` to ``store.db.rekey`` and run ``PRAGMA rekey`` on the copy;
2. write the new slots to ``keys.json.next``;
3. rename ``store.db.rekey`` over ``store.db`` (the commit point);
4. rename ``keys.json.next`` over ``keys.json``.

``finish_interrupted_rekey`` runs before every unlock. ``store.db.rekey`` still there
means the commit point was not reached: the staged files are removed and the old key
and keys.json open the old store. ``keys.json.next`` alone means it was: step 4 is done
then. Either way the profile opens with one key or the other, never with neither.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from victim_champion.core.errors import InvalidInputError
from victim_champion.store.atomic_file import BINARY, _fsync_directory

if TYPE_CHECKING:
    from victim_champion.store.keys.key_file import KeyFile
    from victim_champion.store.schema.connection import Connection


def staged_database(database: Path) -> Path:
    """The re-keyed copy, before it takes the store's place."""
    return database.with_name(database.name + ".rekey")


def staged_keys(keys: Path) -> Path:
    """The new slots, before they take keys.json's place."""
    return keys.with_name(keys.name + ".next")


def staged_files(database: Path, keys: Path) -> list[Path]:
    """Every file a re-key in progress may leave (wipe removes them too)."""
    staged = staged_database(database)
    next_keys = staged_keys(keys)
    return [
        staged,
        staged.with_name(staged.name + "-wal"),
        staged.with_name(staged.name + "-shm"),
        next_keys,
        next_keys.with_name(f".{next_keys.name}.partial"),
    ]


@dataclass(frozen=True)
class Rekeyed:
    """The outcome: the new key, the new key file, and the slots that could not follow."""

    data_key: bytes
    key_file: KeyFile
    dropped: tuple[str, ...]  # older slots never opened since sealed slots came in


def rekey_store(
    database: Path,
    keys: Path,
    key_file: KeyFile,
    old_key: bytes,
    *,
    actor: str,
    without: str,
    version: int,
    meta_key: str,
) -> Rekeyed:
    """Encrypt the store under a new random key sealed to every slot but ``without``;
    the caller holds keys.json's lock (store/keys/slot_set_lock.py).

    ``actor`` (the administrator's slot) must be sealed already: opening it made it so.
    ``meta_key`` names the store's own copy of the slot-set version, set to ``version``.
    """
    from victim_champion.store.keys.key_file import write_key_file
    from victim_champion.store.keys.key_slots import DATA_KEY_BYTES, reseal

    new_key = secrets.token_bytes(DATA_KEY_BYTES)
    kept = []
    dropped = []
    for slot in key_file.slots:
        if slot.slot_id == without:
            continue
        if slot.is_sealed:
            kept.append(reseal(slot, new_key, profile_id=key_file.profile_id))
        else:
            dropped.append(slot.slot_id)
    if actor not in {slot.slot_id for slot in kept}:
        raise InvalidInputError("Your own slot cannot follow a new key; nothing was changed.")
    new_file = replace(key_file, slots=tuple(kept)).signed(new_key, version)
    staged = staged_database(database)
    finish_interrupted_rekey(database, keys, locked=True)
    try:
        copy_rekeyed(database, staged, old_key, new_key)
        note_rekey(staged, new_key, actor=actor, meta_key=meta_key, version=version)
        write_key_file(staged_keys(keys), new_file)
    except BaseException:
        _discard(database, keys)
        raise
    commit(staged, database)
    finish_interrupted_rekey(database, keys, locked=True)
    return Rekeyed(new_key, new_file, tuple(dropped))


def copy_rekeyed(database: Path, staged: Path, old_key: bytes, new_key: bytes) -> None:
    """Step 1: a whole copy of the store (its WAL folded in first), then ``PRAGMA rekey``."""
    from victim_champion.store.schema.connection import open_encrypted

    source = open_encrypted(database, old_key)
    try:
        busy = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise _in_use()
        _copy_private(database, staged)
    finally:
        source.close()
    # The last connection to close deletes the WAL: one still there means the store is
    # open elsewhere (the app, unlocked), which would go on writing to the replaced file.
    if database.with_name(database.name + "-wal").exists():
        raise _in_use()
    copy = open_encrypted(staged, old_key)
    try:
        # The copy is scratch until the commit point, and a crash before it discards the
        # copy whole: no journal and no syncs while every page is rewritten (note_rekey
        # turns WAL back on, and its fsync makes the copy durable before the swap).
        copy.execute("PRAGMA journal_mode = OFF")
        copy.execute("PRAGMA synchronous = OFF")
        copy.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    finally:
        copy.close()


def note_rekey(staged: Path, new_key: bytes, *, actor: str, meta_key: str, version: int) -> None:
    """In the re-keyed copy: the new slot-set version, and the audit event (no secret)."""
    from victim_champion.core.audit import AuditAction, RecordKind
    from victim_champion.core.wire_kinds import EnvelopeKind
    from victim_champion.store.journaling.journal import journaled
    from victim_champion.store.schema.connection import open_encrypted

    copy: Connection = open_encrypted(staged, new_key)
    try:
        now = datetime.now(UTC)
        with journaled(copy, actor, now, EnvelopeKind.AUDIT_EVENTS) as journal:
            copy.execute(
                "INSERT OR REPLACE INTO profile_meta VALUES (?, ?)", (meta_key, str(version))
            )
            journal.audit(AuditAction.UPDATE, RecordKind.DATA_KEY, None)
        copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        copy.close()
    _fsync(staged)


def commit(staged: Path, database: Path) -> None:
    """Step 3, the commit point: the re-keyed copy takes the store's place."""
    for suffix in ("-wal", "-shm"):
        # Both connections are closed and checkpointed: these are empty, and an old WAL
        # left beside a new file would be read with the wrong key.
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + suffix).unlink()
    staged.replace(database)
    _fsync_directory(database.parent)


def finish_interrupted_rekey(database: Path, keys: Path, *, locked: bool = False) -> None:
    """Before the commit point: undo. After it: finish. (See the module's docstring.)

    Only with keys.json's lock (store/keys/slot_set_lock.py): held elsewhere, a re-key
    may be running, and its staged files are not leftovers. ``locked``: the caller holds
    it."""
    if not any(path.exists() for path in staged_files(database, keys)):
        return
    if locked:
        _finish(database, keys)
        return
    with _lock_if_free(keys) as free:
        if free:
            _finish(database, keys)


def _finish(database: Path, keys: Path) -> None:
    staged = staged_database(database)
    next_keys = staged_keys(keys)
    if staged.exists():
        _discard(database, keys)
    elif next_keys.exists():
        next_keys.replace(keys)
        _fsync_directory(keys.parent)


def _discard(database: Path, keys: Path) -> None:
    for path in staged_files(database, keys):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    _fsync_directory(database.parent)


@contextlib.contextmanager
def _lock_if_free(keys: Path) -> Iterator[bool]:
    """keys.json's lock if no one (this process included) holds it, without waiting."""
    from victim_champion.store.keys.slot_set_lock import lock_path

    fd = os.open(lock_path(keys), os.O_RDWR | os.O_CREAT | BINARY, 0o600)
    try:
        try:
            if os.name == "nt":
                import msvcrt  # Windows only

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl  # posix-only: the else of os.name == "nt"

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _copy_private(source: Path, target: Path) -> None:
    """Copy a file into a new one made 0600 before any byte lands, then fsync it."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as data:
        shutil.copyfileobj(data, out, 1024 * 1024)
        out.flush()
        os.fsync(out.fileno())


def _fsync(path: Path) -> None:
    with path.open("rb+") as file:
        os.fsync(file.fileno())


def _in_use() -> InvalidInputError:
    return InvalidInputError(
        "The profile is open in the app; lock or close it there, then remove the staff "
        "member again. Nothing was changed."
    )
