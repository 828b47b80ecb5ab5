"""The laptop's Ed25519 key pair, kept inside the encrypted store; it signs certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from victim_champion.core.certificates import key_id_for
from victim_champion.store.schema.connection import Connection


@dataclass(frozen=True)
class DeviceKey:
    """The device's signing key (private part never leaves the store unencrypted)."""

    key_id: str
    private_key: bytes
    public_key: bytes

    def sign(self, message: bytes) -> bytes:
        """An Ed25519 signature over ``message``."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign(message)


class DeviceKeyRepository:
    """Reads, or on first need creates, the device key (call inside a transaction)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get_or_create(self, now: datetime) -> DeviceKey:
        """The existing key, or a new one made now (profiles older than the key table)."""
        row = self._connection.execute(
            "SELECT key_id, private_key, public_key FROM device_key WHERE id = 1"
        ).fetchone()
        if row:
            return DeviceKey(row[0], bytes(row[1]), bytes(row[2]))
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private = Ed25519PrivateKey.generate()
        raw = serialization.Encoding.Raw
        private_bytes = private.private_bytes(
            raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        public_bytes = private.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
        key = DeviceKey(key_id_for(public_bytes), private_bytes, public_bytes)
        self._connection.execute(
            "INSERT INTO device_key (id, key_id, private_key, public_key, created_at) "
            "VALUES (1, ?, ?, ?, ?)",
            (key.key_id, key.private_key, key.public_key, now.isoformat()),
        )
        return key
