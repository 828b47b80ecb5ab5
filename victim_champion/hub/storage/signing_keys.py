"""The hub's Ed25519 signing key: in its own file (mode 0600), never in the database.

Anyone holding this key can forge the hub's wipe orders and content bundles, so it is
kept out of the database and its backups. Where the file is (also in
docs/compass-house-guide.md, "Running the hub"):

- ``--key-file PATH``, or the ``VC_HUB_KEY_FILE`` variable, when given;
- otherwise, for SQLite, next to the database in its 0700 folder: ``hub.sqlite3`` has
  ``hub.sqlite3.signing-key``;
- otherwise (PostgreSQL) in the hub's data folder, named after the server and database:
  ``signing-key-HOST-PORT-DATABASE``. Hub processes on one machine share it; a hub on
  another machine needs a copy of the file, or ``--key-file`` pointing at one.

The file is PKCS#8 PEM. The database keeps only the key's id and public half (table
``hub_key``, ``private_key`` empty), so every process on one database signs with one key:
a process whose file is missing or holds another key refuses to start, naming the file
and the key id, instead of quietly making a second key that laptops would not trust.

Hubs made before this kept the private key in the table. On the first start it is
written to the file and blanked in the table; a SQLite database is then vacuumed and its
WAL truncated, so the old bytes leave the files. Backups made before still hold the key.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from victim_champion.core.certificates import key_id_for
from victim_champion.hub.storage.file_modes import (
    private_file,
    private_folder,
    sqlite_file,
    write_new_private_file,
)
from victim_champion.hub.storage.tables import hub_key
from victim_champion.sync.shared.signatures import signed_json

KEY_FILE_VARIABLE = "VC_HUB_KEY_FILE"
SQLITE_SUFFIX = ".signing-key"


class HubKeyError(Exception):
    """The hub cannot use its signing key; the message says what to do."""


@dataclass(frozen=True)
class HubKey:
    """The hub's signing key pair."""

    key_id: str
    private_key: bytes
    public_key: bytes

    def signed_json(self, document: dict[str, Any]) -> bytes:
        """A response document signed by the hub, as the JSON to send."""
        return signed_json(document, self._signer)

    @functools.cached_property
    def _signer(self) -> Callable[[bytes], bytes]:
        """The loaded key's sign, kept: loading it derives the public key every time."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign


def default_key_file(engine: Engine) -> Path:
    """Where the key lives when no file is named (see the module's docstring)."""
    database = sqlite_file(engine.url.render_as_string(hide_password=True))
    if database is not None:
        return Path(f"{database.resolve()}{SQLITE_SUFFIX}")
    url = engine.url
    name = f"{url.host or 'local'}-{url.port or 'default'}-{url.database or 'default'}"
    folder = Path(platformdirs.user_data_dir("victim-champion-hub", appauthor=False))
    return folder / f"signing-key-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}"


def key_file_for(engine: Engine, given: str | None = None) -> Path:
    """The key file: the one given, else VC_HUB_KEY_FILE, else the default."""
    named = given or os.environ.get(KEY_FILE_VARIABLE)
    return Path(named) if named else default_key_file(engine)


def _pair(private: Ed25519PrivateKey) -> HubKey:
    raw = serialization.Encoding.Raw
    private_bytes = private.private_bytes(
        raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public_bytes = private.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    return HubKey(key_id_for(public_bytes), private_bytes, public_bytes)


def _pem(private: Ed25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _read(path: Path) -> HubKey:
    private_file(path)
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except ValueError:
        loaded = None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise HubKeyError(
            f"The hub's key file {path} is not an Ed25519 private key; restore it from a backup."
        )
    return _pair(loaded)


def _row(engine: Engine) -> Any:
    with engine.begin() as connection:
        return connection.execute(select(hub_key).where(hub_key.c.id == 1)).first()


def _blank_in_database(engine: Engine) -> None:
    """Empty the private key column, and on SQLite rewrite the files without it."""
    with engine.begin() as connection:
        connection.execute(update(hub_key).where(hub_key.c.id == 1).values(private_key=b""))
    if engine.dialect.name == "sqlite":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM")
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def load_or_create_hub_key(engine: Engine, key_file: Path | None = None) -> HubKey:
    """The hub's key from its file: made on first use, moved out of the database once.

    Two processes racing on one machine agree on one key (the file is linked into place
    once); the database's record of the key id keeps processes elsewhere honest.
    """
    path = key_file or default_key_file(engine)
    private_folder(path.parent)
    row = _row(engine)
    created = False
    if row is not None and row.private_key:  # a hub made before the key had its file
        legacy = Ed25519PrivateKey.from_private_bytes(bytes(row.private_key))
        write_new_private_file(path, _pem(legacy))
    elif not path.exists():
        if row is not None:
            raise HubKeyError(
                f"The hub's signing key file {path} is missing; put this hub's key file "
                f"(key id {row.key_id}) there, or name it with --key-file."
            )
        created = write_new_private_file(path, _pem(Ed25519PrivateKey.generate()))
    key = _read(path)
    if row is None:
        try:
            with engine.begin() as connection:
                connection.execute(
                    insert(hub_key).values(
                        id=1,
                        key_id=key.key_id,
                        private_key=b"",
                        public_key=key.public_key,
                        created_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:
            pass  # another process recorded its key first; it must be this one
        row = _row(engine)
    if bytes(row.public_key) != key.public_key:
        if created:
            path.unlink()  # made just now, and never used: leave room for the right one
        raise HubKeyError(
            f"The key file {path} holds another key than the one this hub signs with (key id "
            f"{row.key_id}); put that key's file there, or name it with --key-file."
        )
    if row.private_key:
        _blank_in_database(engine)
    return HubKey(row.key_id, key.private_key, key.public_key)  # the id laptops pinned
