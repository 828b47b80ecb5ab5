"""TOTP second factors for dashboard accounts that see every table (the OPCC's).

* Enrolment is on the hub's command line (``dashboard-totp``): it prints the otpauth URI
  and the secret once, and ten recovery codes. The hub keeps the secret (it must, to check
  codes) and the recovery codes only as SHA-256: each is 80 random bits, so the hash
  cannot be worked back. Enrolling again replaces the secret and every recovery code.
* An account with a second factor logs in in two steps: the right password gives a
  short-lived random token (in a hidden form field, kept only as SHA-256, 5 minutes,
  5 wrong codes), then the 6-digit code or a recovery code. A code is accepted for the
  30-second step before, at or after now, and never twice: the last step used is kept.
  A recovery code is marked used in the same statement that accepts it, so it works once.
* An account that sees every table and has no second factor cannot log in at all, so a
  password alone never opens every table.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import Engine, delete, insert, select, update

from victim_champion.core.report_audiences import AGENCIES
from victim_champion.hub.dashboard.accounts import AccountError, DashboardUser, normal_username
from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import dashboard_accounts as accounts_table
from victim_champion.hub.storage.tables import dashboard_login_challenges as challenges
from victim_champion.hub.storage.tables import dashboard_recovery_codes as recovery
from victim_champion.hub.storage.tables import dashboard_second_factors as factors

ISSUER = "Victim Champion dashboard"
RECOVERY_CODES = 10
CHALLENGE_LIFETIME = timedelta(minutes=5)
MAX_WRONG_CODES = 5
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud, typed back


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str
    recovery_codes: tuple[str, ...]


def needs_second_factor(agency_id: str) -> bool:
    """True for an agency that sees every table (``tables is None``)."""
    return any(a.id == agency_id and a.tables is None for a in AGENCIES)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _recovery_code() -> str:
    """16 characters from 31 (79 bits), in four groups: abcd-efgh-jkmn-pqrs."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _normal_code(code: str) -> str:
    """As typed, less spaces and dashes, lower case: a recovery code is kept this way."""
    return "".join(code.split()).replace("-", "").lower()


def enrol(engine: Engine, username: str) -> Enrolment:
    """A new secret and ten new recovery codes for an account (any old ones stop working)."""
    name = normal_username(username)
    secret = pyotp.random_base32()
    codes = tuple(_recovery_code() for _ in range(RECOVERY_CODES))
    now = datetime.now(UTC)
    with engine.begin() as connection:
        found = connection.execute(
            select(accounts_table.c.agency_id).where(accounts_table.c.username == name)
        ).first()
        if found is None:
            raise AccountError("There is no dashboard account with that username.")
        connection.execute(delete(factors).where(factors.c.username == name))
        connection.execute(delete(recovery).where(recovery.c.username == name))
        connection.execute(delete(challenges).where(challenges.c.username == name))
        connection.execute(
            insert(factors).values(username=name, secret=secret, last_step=None, enrolled_at=now)
        )
        connection.execute(
            insert(recovery),
            [
                {"code_hash": _sha256(_normal_code(c)), "username": name, "used_at": None}
                for c in codes
            ],
        )
    uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)
    return Enrolment(secret, uri, codes)


def has_second_factor(engine: Engine, username: str) -> bool:
    with engine.connect() as connection:
        return (
            connection.execute(
                select(factors.c.username).where(factors.c.username == username)
            ).first()
            is not None
        )


def start_challenge(engine: Engine, user: DashboardUser) -> str:
    """After a right password: the token the code form carries (stored only as a hash)."""
    token, now = secrets.token_urlsafe(32), datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(delete(challenges).where(challenges.c.expires_at < now))
        connection.execute(
            insert(challenges).values(
                token_hash=_sha256(token),
                username=user.username,
                expires_at=now + CHALLENGE_LIFETIME,
                wrong_codes=0,
            )
        )
    return token


def challenge_user(engine: Engine, token: str) -> DashboardUser | None:
    """Whose password step this token finished, or None if unknown or expired."""
    if not token or len(token) > 200:
        return None
    with engine.connect() as connection:
        row = connection.execute(
            select(challenges.c.expires_at, accounts_table.c.username, accounts_table.c.agency_id)
            .join(accounts_table)
            .where(challenges.c.token_hash == _sha256(token))
        ).first()
    if row is None or as_utc(row.expires_at) <= datetime.now(UTC):
        return None
    return DashboardUser(row.username, row.agency_id)


def _totp_step(engine: Engine, username: str, code: str, now: datetime) -> bool:
    """A 6-digit code for the step before, at or after now, newer than the last one used."""
    if not (len(code) == 6 and code.isdigit()):
        return False
    with engine.begin() as connection:
        row = connection.execute(
            select(factors.c.secret, factors.c.last_step)
            .where(factors.c.username == username)
            .with_for_update()
        ).first()
        if row is None:
            return False
        totp = pyotp.TOTP(row.secret)
        step = totp.timecode(now)
        for offset in (-1, 0, 1):
            if row.last_step is not None and step + offset <= row.last_step:
                continue
            expected = totp.at(now, counter_offset=offset)
            if hmac.compare_digest(expected.encode(), code.encode()):
                connection.execute(
                    update(factors)
                    .where(factors.c.username == username)
                    .values(last_step=step + offset)
                )
                return True
    return False


def _use_recovery_code(engine: Engine, username: str, code: str, now: datetime) -> bool:
    with engine.begin() as connection:
        used = connection.execute(
            update(recovery)
            .where(
                recovery.c.code_hash == _sha256(code),
                recovery.c.username == username,
                recovery.c.used_at.is_(None),
            )
            .values(used_at=now)
        )
        return used.rowcount == 1


def finish_challenge(
    engine: Engine, token: str, code: str, now: datetime | None = None
) -> tuple[DashboardUser | None, bool]:
    """Check the code for this token: (the user if right, whether the token still holds)."""
    now = now or datetime.now(UTC)
    user = challenge_user(engine, token)
    if user is None:
        return None, False
    typed = _normal_code(code)[:40]
    if _totp_step(engine, user.username, typed, now) or _use_recovery_code(
        engine, user.username, typed, now
    ):
        with engine.begin() as connection:
            connection.execute(delete(challenges).where(challenges.c.token_hash == _sha256(token)))
        return user, False
    with engine.begin() as connection:
        connection.execute(
            update(challenges)
            .where(challenges.c.token_hash == _sha256(token))
            .values(wrong_codes=challenges.c.wrong_codes + 1)
        )
        connection.execute(
            delete(challenges).where(
                challenges.c.token_hash == _sha256(token),
                challenges.c.wrong_codes >= MAX_WRONG_CODES,
            )
        )
        still = connection.execute(
            select(challenges.c.token_hash).where(challenges.c.token_hash == _sha256(token))
        ).first()
    return None, still is not None


def unused_recovery_codes(engine: Engine, username: str) -> int:
    with engine.connect() as connection:
        rows = connection.execute(
            select(recovery.c.code_hash).where(
                recovery.c.username == username, recovery.c.used_at.is_(None)
            )
        ).all()
    return len(rows)
