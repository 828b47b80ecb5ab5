"""One-time enrolment codes, enrolled devices, and revocation."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select, update

from victim_champion.core.certificates import key_id_for
from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import devices, enrolment_codes

CODE_LIFETIME = timedelta(hours=24)
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the phone


class EnrolmentError(Exception):
    """An enrolment that cannot go ahead; the text is the reason."""


def _hash(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(normalised.encode()).hexdigest()


def new_enrolment_code(engine: Engine, name: str, now: datetime | None = None) -> str:
    """A one-time code (12 characters in 3 groups) valid for 24 hours; stored hashed."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    moment = now or datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(enrolment_codes).values(
                code_hash=_hash(code),
                name=name[:200],
                created_at=moment,
                expires_at=moment + CODE_LIFETIME,
            )
        )
    return code


def enrol_device(engine: Engine, code: str, device_id: str, public_key: bytes) -> str:
    """Use up a code and record the device's public key; returns the device's name."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        row = connection.execute(
            select(enrolment_codes).where(enrolment_codes.c.code_hash == _hash(code))
        ).first()
        if row is None:
            raise EnrolmentError("that enrolment code is not known")
        if row.used_at is not None:
            raise EnrolmentError("that enrolment code has already been used")
        expires = as_utc(row.expires_at)
        if expires < now:
            raise EnrolmentError("that enrolment code has expired")
        if connection.execute(
            select(devices.c.device_id).where(devices.c.device_id == device_id)
        ).first():
            raise EnrolmentError("this device is already enrolled")
        claimed = connection.execute(
            update(enrolment_codes)
            .where(
                enrolment_codes.c.code_hash == row.code_hash, enrolment_codes.c.used_at.is_(None)
            )
            .values(used_at=now, device_id=device_id)
        )
        if claimed.rowcount != 1:  # another request used it at the same moment
            raise EnrolmentError("that enrolment code has already been used")
        connection.execute(
            insert(devices).values(
                device_id=device_id, name=row.name, public_key=public_key, enrolled_at=now
            )
        )
    return str(row.name)


@dataclass(frozen=True)
class DeviceRow:
    """A device as the admin sees it."""

    device_id: str
    name: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None


def list_devices(engine: Engine) -> list[DeviceRow]:
    """Every enrolled device, oldest first."""
    with engine.begin() as connection:
        rows = connection.execute(select(devices).order_by(devices.c.enrolled_at)).all()
    return [
        DeviceRow(r.device_id, r.name, r.enrolled_at, r.revoked_at, r.last_seen_at) for r in rows
    ]


def revoke_device(engine: Engine, device_id: str) -> bool:
    """Revoke a device (it will be told to wipe itself); False if no such device."""
    with engine.begin() as connection:
        result = connection.execute(
            update(devices)
            .where(devices.c.device_id == device_id)
            .values(revoked_at=datetime.now(UTC))
        )
    return result.rowcount == 1


def published_keys(engine: Engine) -> list[dict[str, object]]:
    """Every device's public key, with when it was valid and whether it was revoked, so a
    certificate can be checked offline; no device names (they can say where a desk is)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(devices.c.public_key, devices.c.enrolled_at, devices.c.revoked_at).order_by(
                devices.c.enrolled_at
            )
        ).all()
    return [
        {
            "key_id": key_id_for(bytes(row.public_key)),
            "public_key": base64.b64encode(bytes(row.public_key)).decode("ascii"),
            "valid_from": as_utc(row.enrolled_at).isoformat(),
            "valid_to": as_utc(row.revoked_at).isoformat() if row.revoked_at else None,
            "revoked": row.revoked_at is not None,
        }
        for row in rows
    ]
