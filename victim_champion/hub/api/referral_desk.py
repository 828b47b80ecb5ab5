"""The referral desk's key pair, and opening the contact details laptops sealed to it.

The private key is written once to a file the desk keeps (mode 0600) and is never stored
by the hub; the hub keeps only the public key, and sends it to every laptop in its
policy. Contact details therefore sit at the hub, and in its backups, as sealed text that
only the desk can open (`victim-champion-hub referrals --key FILE`).
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from victim_champion.core.certificates import key_id_for
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.hub.api.read_back import REFERRAL_KEY_SETTING
from victim_champion.hub.storage.tables import envelopes, referrals, settings
from victim_champion.sync.shared.sealing import SealedBoxError, new_key_pair, open_sealed

BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise turn \n into \r\n


class ReferralKeyError(Exception):
    """A key file that cannot be written or read; the message is one sentence."""


def create_referral_key(engine: Engine, out: Path) -> str:
    """Make the desk's key pair: the private key to ``out`` (never overwritten), the public
    key into the hub's policy. Returns the key id. Contacts sealed to an earlier key still
    need that earlier key file to open."""
    private, public = new_key_pair()
    try:
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, 0o600)
    except FileExistsError:
        raise ReferralKeyError(
            f"{out} already exists; choose a new file name, so no key is overwritten."
        ) from None
    except OSError:
        raise ReferralKeyError(f"{out} could not be written; check the folder.") from None
    with os.fdopen(descriptor, "w") as file:
        file.write(base64.b64encode(private).decode("ascii") + "\n")
    with engine.begin() as connection:
        connection.execute(delete(settings).where(settings.c.key == REFERRAL_KEY_SETTING))
        connection.execute(
            insert(settings).values(
                key=REFERRAL_KEY_SETTING, value=base64.b64encode(public).decode("ascii")
            )
        )
    return key_id_for(public)


def read_referral_key(path: Path) -> bytes:
    """The desk's private key from its file."""
    try:
        key = base64.b64decode(path.read_text("ascii").strip(), validate=True)
    except (OSError, ValueError):
        raise ReferralKeyError(f"{path} is not a referral desk key file.") from None
    if len(key) != 32:
        raise ReferralKeyError(f"{path} is not a referral desk key file.")
    return key


def open_referrals(engine: Engine, private_key: bytes) -> list[dict[str, Any]]:
    """Every referral with its contact details opened: None when none were given, or a
    note when they were sealed to another key. A referral whose consent was withdrawn
    shows when (``withdrawn_at``, or ``contact_withdrawn_at`` for the contact details
    alone) and never its contact details: the service sees the fact, not the person."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                referrals.c.referral_id,
                referrals.c.service_id,
                referrals.c.outcome,
                referrals.c.withdrawn_at,
                referrals.c.contact_withdrawn_at,
            )
        ).all()
        made = connection.execute(
            select(envelopes.c.payload).where(envelopes.c.kind == EnvelopeKind.REFERRAL_MADE.value)
        ).scalars()
        sealed = {
            record["id"]: record.get("sealed_contact")
            for payload in made
            for record in json.loads(payload).get("records", [])
            if record.get("type") == "referral"
        }
    opened = []
    for row in rows:
        withdrawn = row.withdrawn_at is not None or row.contact_withdrawn_at is not None
        box = None if withdrawn else sealed.get(row.referral_id)
        contact: dict[str, str] | str | None = None
        if box:
            try:
                contact = json.loads(open_sealed(private_key, box))
            except SealedBoxError:
                contact = "sealed to another key"
        opened.append(
            {
                "referral_id": row.referral_id,
                "service_id": row.service_id,
                "outcome": row.outcome,
                "contact": contact,
                "withdrawn": row.withdrawn_at is not None,
                "withdrawn_at": row.withdrawn_at,
                "contact_withdrawn_at": row.contact_withdrawn_at,
            }
        )
    return opened
