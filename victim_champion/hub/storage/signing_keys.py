"""The hub's Ed25519 signing key, kept in the database so every hub process shares it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from victim_champion.hub.storage.tables import hub_key
from victim_champion.sync.protocol import signed_body


@dataclass(frozen=True)
class HubKey:
    """The hub's signing key pair."""

    key_id: str
    private_key: bytes
    public_key: bytes

    def sign_body(self, document: dict[str, Any]) -> dict[str, Any]:
        """A response document signed by the hub."""
        return signed_body(document, self.private_key)


def load_or_create_hub_key(engine: Engine) -> HubKey:
    """The hub's key, made on first use; two processes racing agree on one key."""
    with engine.begin() as connection:
        row = connection.execute(select(hub_key).where(hub_key.c.id == 1)).first()
    if row is None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private = Ed25519PrivateKey.generate()
        raw = serialization.Encoding.Raw
        private_bytes = private.private_bytes(
            raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        public_bytes = private.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
        try:
            with engine.begin() as connection:
                connection.execute(
                    insert(hub_key).values(
                        id=1,
                        key_id=hashlib.sha256(public_bytes).hexdigest()[:16],
                        private_key=private_bytes,
                        public_key=public_bytes,
                        created_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:
            pass  # another process made it first; use theirs
        with engine.begin() as connection:
            row = connection.execute(select(hub_key).where(hub_key.c.id == 1)).one()
    return HubKey(row.key_id, bytes(row.private_key), bytes(row.public_key))
