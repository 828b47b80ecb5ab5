"""A profile folder: creating it, unlocking it, and managing its key slots.

Layout: ``store.db`` (SQLCipher, plus its -wal/-shm) and ``keys.json`` (key slots).
Creation is the only path that makes files, and it refuses if any part of a profile is
already there. Every failure to open is a typed error that leaves the files untouched.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from victim_champion.core.errors import (
    CorruptStoreError,
    ProfileExistsError,
    ProfileNotFoundError,
    RecoveryKeyUsedError,
    StaleKeyFileError,
    WrongPassphraseError,
)
from victim_champion.core.staff_slots import FIRST_ADMIN, RECOVERY_SLOT, owner_of
from victim_champion.store.keys.device_secret import DeviceSecretStore, slot_set_note
from victim_champion.store.profile_types import ProfilePaths, UnlockedKey

if TYPE_CHECKING:
    from victim_champion.store.keys.attempts import Attempts
    from victim_champion.store.keys.key_file import KeyFile
    from victim_champion.store.keys.key_slots import KdfParams, KeySlot
    from victim_champion.store.schema.connection import Connection
    from victim_champion.store.schema.open_store import OpenStore

# The key file, key slots, attempts, audit, schema, journal, page check and connection
# are imported where a store is made, unlocked or opened, not when this module is: the app
# imports it to draw the unlock screen, and those imports were a third of our modules'
# share of start-up (benchmarks/startup.py, issue 20).

FIRST_SLOT = FIRST_ADMIN.slot_id
SLOT_SET_META = "slot_set_version"


class Profile:
    """One profile folder and the keyring that holds its device secret."""

    def __init__(self, folder: Path, device_secrets: DeviceSecretStore | None = None) -> None:
        self.paths = ProfilePaths(folder)
        self.device_secrets = device_secrets or DeviceSecretStore()

    def exists(self) -> bool:
        """True if any part of a profile is in the folder."""
        return any(path.exists() for path in self.paths.all_files())

    # ------------------------------------------------------------------ creation

    def create(self, passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Create a new encrypted profile; refuse if one (or part of one) exists."""
        import secrets

        from victim_champion.core.identifiers import new_id
        from victim_champion.store.keys.key_file import KeyFile, write_key_file
        from victim_champion.store.keys.key_slots import (
            DATA_KEY_BYTES,
            check_passphrase,
            tune_kdf,
            wrap,
        )
        from victim_champion.store.schema.connection import CIPHER_SETTINGS

        check_passphrase(passphrase, (FIRST_ADMIN.name,))
        if self.exists():
            raise ProfileExistsError()
        self.device_secrets.backend  # noqa: B018  fail with NoKeyringError before any file
        self.paths.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        profile_id = new_id()
        device_secret = self.device_secrets.create(profile_id)
        data_key = secrets.token_bytes(DATA_KEY_BYTES)
        try:
            slot = wrap(
                data_key,
                profile_id=profile_id,
                slot_id=FIRST_SLOT,
                passphrase=passphrase,
                device_secret=device_secret,
                kdf=kdf or tune_kdf(),
            )
            self._create_database(data_key)
            key_file = KeyFile(profile_id=profile_id, slots=(slot,), cipher=dict(CIPHER_SETTINGS))
            write_key_file(self.paths.keys, key_file.signed(data_key, 1))
            self.device_secrets.set_note(slot_set_note(profile_id), "1")
        except BaseException:
            # Only what this call made is removed: the folder held no profile before.
            for path in self.paths.all_files():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            self.device_secrets.delete(profile_id)
            raise

    def _create_database(self, data_key: bytes) -> None:
        from victim_champion import __version__
        from victim_champion.core.audit import AuditAction, RecordKind
        from victim_champion.core.wire_kinds import EnvelopeKind
        from victim_champion.store.journaling.journal import journaled
        from victim_champion.store.keys.device_keys import DeviceKeyRepository
        from victim_champion.store.schema.connection import CIPHER_SETTINGS, open_encrypted
        from victim_champion.store.schema.connection_owner import ConnectionOwner
        from victim_champion.store.schema.migrator import upgrade

        def build() -> Connection:
            connection = open_encrypted(self.paths.database, data_key, create=True)
            self.paths.database.chmod(0o600)
            upgrade(connection)
            now = datetime.now(UTC)
            with journaled(connection, FIRST_SLOT, now, EnvelopeKind.AUDIT_EVENTS) as journal:
                rows = [(f"cipher.{k}", str(v)) for k, v in CIPHER_SETTINGS.items()]
                rows += [("created_at", now.isoformat()), ("created_by_version", __version__)]
                rows += [(SLOT_SET_META, "1")]
                connection.executemany("INSERT INTO profile_meta VALUES (?, ?)", rows)
                DeviceKeyRepository(connection).get_or_create(now)
                journal.audit(AuditAction.CREATE, RecordKind.PROFILE, None)
            return connection

        ConnectionOwner(build).close()

    # ------------------------------------------------------------------ unlocking

    def _key_file(self) -> KeyFile:
        from victim_champion.store.keys.key_file import read_key_file
        from victim_champion.store.rekey import finish_interrupted_rekey

        finish_interrupted_rekey(self.paths.database, self.paths.keys)

        has_db = self.paths.database.exists()
        has_keys = self.paths.keys.exists()
        if not has_db and not has_keys:
            raise ProfileNotFoundError()
        if not (has_db and has_keys):
            raise CorruptStoreError(
                "This profile is incomplete (its data file or key file is missing) and was "
                "not changed; contact Compass House support."
            )
        return read_key_file(self.paths.keys)

    def attempts(self, profile_id: str) -> Attempts:
        """The wrong-passphrase count every way in shares."""
        from victim_champion.store.keys.attempts import Attempts

        return Attempts(self.device_secrets, profile_id)

    def unlock_key(self, passphrase: str, slot_id: str | None = None) -> UnlockedKey:
        """Unwrap the data key with the passphrase and this device's secret.

        Before any slow step: a key file older than the keyring's slot-set version is
        refused (StaleKeyFileError), and so is a try that comes too soon after wrong ones
        (TooManyAttemptsError). A wrong passphrase is counted, a right one clears the
        count, and the key file's seal is checked with the key it yielded."""
        from victim_champion.store.keys.key_slots import open_slot

        key_file = self._key_file()
        seen = self._keyring_version(key_file.profile_id)
        if key_file.version < seen:
            raise StaleKeyFileError()
        attempts = self.attempts(key_file.profile_id)
        attempts.check()
        device_secret = self.device_secrets.read(key_file.profile_id)
        # The recovery key only ever sets a new passphrase: it is tried when asked for.
        candidates = [
            s
            for s in key_file.slots
            if s.slot_id == slot_id or (slot_id is None and s.slot_id != RECOVERY_SLOT)
        ]
        for slot in candidates:
            try:
                data_key, sealed = open_slot(
                    slot,
                    profile_id=key_file.profile_id,
                    passphrase=passphrase,
                    device_secret=device_secret,
                )
            except WrongPassphraseError:
                continue
            attempts.succeeded()
            key_file = self._sealed(key_file, data_key, seen)
            unlocked = UnlockedKey(slot.slot_id, data_key, key_file.version)
            if sealed != slot:  # an older slot, moved to the sealed form (issue 35)
                unlocked = self._seal_older_slot(unlocked, sealed)
            return unlocked
        raise WrongPassphraseError(wait_seconds=attempts.failed())

    def _seal_older_slot(self, unlocked: UnlockedKey, sealed: KeySlot) -> UnlockedKey:
        """Write the slot just opened back in the sealed form, unless keys.json changed
        while Argon2 ran (then it is sealed at its next unlock)."""
        from victim_champion.store.keys.slot_set_lock import slot_set_locked

        with slot_set_locked(self.paths.keys):
            current = self._key_file()
            if current.version != unlocked.slot_set_version:
                return unlocked
            version = self._replace_slots(unlocked, current.with_slot(sealed))
        return UnlockedKey(unlocked.slot_id, unlocked.data_key, version)

    def _keyring_version(self, profile_id: str) -> int:
        noted = self.device_secrets.note(slot_set_note(profile_id))
        return int(noted) if noted and noted.isdigit() else 0

    def _sealed(self, key_file: KeyFile, data_key: bytes, seen: int) -> KeyFile:
        """The key file, its seal checked (or, from before seals, sealed now as version 1),
        and the keyring told the newest version."""
        from victim_champion.store.keys.key_file import write_key_file

        if key_file.version == 0:
            key_file = key_file.signed(data_key, 1)
            write_key_file(self.paths.keys, key_file)
        elif not key_file.verifies(data_key):
            raise StaleKeyFileError()
        if key_file.version > seen:
            self.device_secrets.set_note(slot_set_note(key_file.profile_id), str(key_file.version))
        return key_file

    def open(self, passphrase: str, slot_id: str | None = None) -> OpenStore:
        """Unlock and open the store, upgrading its schema if it is older than the app."""
        from victim_champion.store.schema.page_check import read_ahead

        # The page check reads the whole file: let the disk fetch it while Argon2 runs.
        read_ahead(self.paths.database)
        return self.open_with_key(self.unlock_key(passphrase, slot_id))

    def open_with_key(self, unlocked: UnlockedKey) -> OpenStore:
        """Open the store with an already unwrapped key."""
        from victim_champion.store.schema.connection import open_encrypted
        from victim_champion.store.schema.connection_owner import ConnectionOwner
        from victim_champion.store.schema.migrator import schema_version, upgrade
        from victim_champion.store.schema.open_store import OpenStore
        from victim_champion.store.schema.page_check import check_every_page

        def connect() -> Connection:
            connection = open_encrypted(self.paths.database, unlocked.data_key)
            try:
                # Every page, before the first write: damage is refused whole, at unlock.
                check_every_page(connection)
                if schema_version(connection) == 0:
                    # init always builds the schema; a keyed but empty file is not ours.
                    raise CorruptStoreError()
                upgrade(connection)
                _note_slot_set(connection, unlocked.slot_set_version)
            except BaseException:
                connection.close()
                raise
            return connection

        return OpenStore(ConnectionOwner(connect), actor=unlocked.slot_id)

    def wipe(self) -> None:
        """Erase this profile from the laptop (revoked by the hub): the key file and the
        keyring's device secret go first, so even a copy of the database is unreadable."""
        from victim_champion.store.keys.key_file import read_key_file
        from victim_champion.store.keys.slot_set_lock import lock_path

        profile_id: str | None = None
        if self.paths.keys.exists():
            with contextlib.suppress(CorruptStoreError, OSError):
                profile_id = read_key_file(self.paths.keys).profile_id
        for path in [self.paths.keys, *self.paths.all_files(), lock_path(self.paths.keys)]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        if profile_id is not None:
            self.device_secrets.delete(profile_id)

    # ------------------------------------------------------------------ key slots

    def change_passphrase(self, old: str, new: str, slot_id: str | None = None) -> None:
        """Rewrap the data key under a new passphrase; the database file is not touched."""
        from victim_champion.store.keys.key_slots import check_passphrase

        check_passphrase(new)
        unlocked = self.unlock_key(old, slot_id)
        self.set_slot(unlocked, unlocked.slot_id, new)

    def set_slot(
        self,
        unlocked: UnlockedKey,
        slot_id: str,
        passphrase: str,
        kdf: KdfParams | None = None,
        context: tuple[str, ...] = (),
        retire: str | None = None,
    ) -> None:
        """Add (or replace) a slot, e.g. a second staff member or a recovery phrase.

        The passphrase is judged with the slot's name among the guessable words. A slot
        named in ``retire`` (the recovery key that unlocked) is taken out in the same write
        of keys.json, so it is never used without being spent, nor spent without being
        used; if it is already gone, nothing is written (RecoveryKeyUsedError)."""
        from victim_champion.store.keys.key_slots import (
            KdfParams,
            check_passphrase,
            fresh_salt,
            tune_kdf,
            wrap,
        )
        from victim_champion.store.keys.slot_set_lock import slot_set_locked

        if slot_id != RECOVERY_SLOT:
            context = (*context, owner_of(slot_id).name)
        check_passphrase(passphrase, context)
        key_file = self._key_file()
        device_secret = self.device_secrets.read(key_file.profile_id)
        params = kdf or tune_kdf()
        slot = wrap(
            unlocked.data_key,
            profile_id=key_file.profile_id,
            slot_id=slot_id,
            passphrase=passphrase,
            device_secret=device_secret,
            kdf=KdfParams(
                salt=fresh_salt(),
                memory_kib=params.memory_kib,
                iterations=params.iterations,
                lanes=params.lanes,
            ),
        )
        # Read again under the lock: a change made while Argon2 ran is kept, and a
        # recovery key spent by another process meanwhile cannot be spent twice.
        with slot_set_locked(self.paths.keys):
            current = self._key_file()
            if retire is not None and (
                current.slot(retire) is None or current.version != unlocked.slot_set_version
            ):
                raise RecoveryKeyUsedError()
            updated = current.with_slot(slot)
            if retire is not None:
                updated = updated.without_slot(retire)
            self._replace_slots(unlocked, updated)

    def remove_slot(self, unlocked: UnlockedKey, slot_id: str) -> None:
        """Take a slot out; the database is not touched."""
        key_file = self._key_file()
        self._replace_slots(unlocked, key_file.without_slot(slot_id))

    def slot_ids(self) -> tuple[str, ...]:
        """The ids of the slots in keys.json (no secrets)."""
        return tuple(s.slot_id for s in self._key_file().slots)

    def _replace_slots(self, unlocked: UnlockedKey, key_file: KeyFile) -> int:
        """Write the new slot set as the next version, sealed, then tell the keyring, so
        the file before it can never be put back. Returns the version."""
        from victim_champion.store.keys.key_file import write_key_file

        version = self._next_version(key_file)
        write_key_file(self.paths.keys, key_file.signed(unlocked.data_key, version))
        self.device_secrets.set_note(slot_set_note(key_file.profile_id), str(version))
        return version

    def _next_version(self, key_file: KeyFile) -> int:
        return max(key_file.version, self._keyring_version(key_file.profile_id)) + 1

    def rekey_without(
        self, unlocked: UnlockedKey, slot_id: str
    ) -> tuple[UnlockedKey, tuple[str, ...]]:
        """Take a slot out *and* encrypt the store under a new data key sealed to every
        other slot, so a key exported before opens nothing made after (store/rekey.py).
        Returns the new key and the ids of older slots that could not follow it."""
        from victim_champion.store.keys.slot_set_lock import slot_set_locked
        from victim_champion.store.rekey import rekey_store

        with slot_set_locked(self.paths.keys):  # no slot change can slip in meanwhile
            key_file = self._key_file()
            if not key_file.verifies(unlocked.data_key):
                raise StaleKeyFileError()
            version = self._next_version(key_file)
            done = rekey_store(
                self.paths.database,
                self.paths.keys,
                key_file,
                unlocked.data_key,
                actor=unlocked.slot_id,
                without=slot_id,
                version=version,
                meta_key=SLOT_SET_META,
            )
            self.device_secrets.set_note(slot_set_note(key_file.profile_id), str(version))
        return UnlockedKey(unlocked.slot_id, done.data_key, version), done.dropped


def _note_slot_set(connection: Connection, version: int) -> None:
    """The store keeps the newest slot-set version too: with the keyring's note gone as
    well, an old key file still cannot open it."""
    row = connection.execute(
        "SELECT value FROM profile_meta WHERE key = ?", (SLOT_SET_META,)
    ).fetchone()
    stored = int(row[0]) if row and str(row[0]).isdigit() else 0
    if version < stored:
        raise StaleKeyFileError()
    if version > stored:  # one statement: committed on its own (autocommit)
        connection.execute(
            "INSERT OR REPLACE INTO profile_meta VALUES (?, ?)", (SLOT_SET_META, str(version))
        )
