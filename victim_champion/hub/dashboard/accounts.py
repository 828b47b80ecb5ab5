"""Dashboard accounts and login sessions for the partner agencies.

* A password is kept only as scrypt(password, random salt); checks compare in constant
  time, and an unknown username costs the same scrypt as a known one.
* A password must pass the laptops' passphrase policy (content/passphrase_policy.py:
  zxcvbn, at least 10^10 guesses, the app's own words and the username count as
  guessable), for a new account and for every reset.
* A login session is a random token in an HttpOnly cookie; the database holds only its
  SHA-256, so a copy of the database cannot be used to log in. A session ends 8 hours
  after login, after an hour without use, or at logout (the row is deleted).
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import re
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from victim_champion.content.passphrase_policy import judge, refusal
from victim_champion.core.report_audiences import AGENCIES
from victim_champion.hub.dashboard import login_throttle as throttle
from victim_champion.hub.storage.engine import as_utc
from victim_champion.hub.storage.tables import dashboard_accounts, dashboard_sessions

# Compass House's content editors keep the directory (hub/dashboard/content_routes.py).
# Not a report audience: they see no figures, so they are not in report_audiences.AGENCIES.
CONTENT_EDITOR = "compass-house-content"
CONTENT_EDITOR_NAME = "Compass House content editor"
SESSION_LIFETIME = timedelta(hours=8)
IDLE_LIMIT = timedelta(hours=1)
SEEN_RESOLUTION = timedelta(minutes=1)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}")

# scrypt at N=2**14, r=8, p=1: 16 MiB and about 50 ms per check.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LENGTH = 2**14, 8, 1, 32


class AccountError(Exception):
    """An account that cannot be created; the text is one sentence for the person."""


@dataclass(frozen=True)
class DashboardUser:
    username: str
    agency_id: str

    @property
    def content_editor(self) -> bool:
        """Compass House's content desk, and no figures."""
        return self.agency_id == CONTENT_EDITOR


def normal_username(username: str) -> str:
    return username.strip().casefold()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=SCRYPT_LENGTH, maxmem=2**26
    )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
        return hmac.compare_digest(found, bytes.fromhex(digest))
    except ValueError:
        return False


# Checked against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


def require_agency(agency_id: str) -> str:
    """The agency's (or role's) name; an unknown id is refused in one sentence."""
    for known in AGENCIES:
        if known.id == agency_id:
            return known.name
    if agency_id == CONTENT_EDITOR:
        return CONTENT_EDITOR_NAME
    ids = ", ".join([*(a.id for a in AGENCIES), CONTENT_EDITOR])
    raise AccountError(f"There is no agency with that id; use one of: {ids}.")


def read_password(from_stdin: bool) -> str:
    """One line from stdin (scripts, --password-stdin), or asked twice on a terminal."""
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password for the account: ")
    if getpass.getpass("The same password again: ") != first:
        raise AccountError("The two passwords are different; nothing was created.")
    return first


def _check_password(password: str, username: str) -> None:
    """The laptops' strength policy; the username and its parts count as guessable."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    name = normal_username(username)
    verdict = judge(password, (name, *re.split(r"[._@-]+", name)))
    if not verdict.acceptable:
        raise AccountError(refusal(verdict))


def create_account(engine: Engine, username: str, agency_id: str, password: str) -> str:
    """Add an account; returns the username as stored (lower case)."""
    require_agency(agency_id)
    name = normal_username(username)
    if not USERNAME.fullmatch(name):
        raise AccountError(
            "A username is 3 to 64 letters, digits, dots, dashes, underscores or @ signs."
        )
    _check_password(password, name)
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(dashboard_accounts).values(
                    username=name,
                    agency_id=agency_id,
                    password_hash=hash_password(password),
                    created_at=datetime.now(UTC),
                )
            )
    except IntegrityError:
        raise AccountError("An account with that username already exists.") from None
    return name


def list_accounts(engine: Engine) -> list[dict[str, str]]:
    """Every account: username, agency and when it was made (never the password hash)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                dashboard_accounts.c.username,
                dashboard_accounts.c.agency_id,
                dashboard_accounts.c.created_at,
            ).order_by(dashboard_accounts.c.agency_id, dashboard_accounts.c.username)
        ).all()
    return [
        {
            "username": r.username,
            "agency": r.agency_id,
            "created_at": as_utc(r.created_at).isoformat(),
        }
        for r in rows
    ]


def _existing(connection: Connection, name: str) -> None:
    found = connection.execute(
        select(dashboard_accounts.c.username).where(dashboard_accounts.c.username == name)
    ).first()
    if found is None:
        raise AccountError("There is no dashboard account with that username.")


def set_password(engine: Engine, username: str, password: str) -> None:
    """A new password (someone forgot theirs, or it leaked): every session ends, the lock goes."""
    name = normal_username(username)
    _check_password(password, name)
    with engine.begin() as connection:
        _existing(connection, name)
        connection.execute(
            update(dashboard_accounts)
            .where(dashboard_accounts.c.username == name)
            .values(password_hash=hash_password(password))
        )
        connection.execute(delete(dashboard_sessions).where(dashboard_sessions.c.username == name))
    throttle.clear(engine, name)


def remove_account(engine: Engine, username: str) -> None:
    """Take an account away (someone left the agency): its sessions end at once."""
    name = normal_username(username)
    with engine.begin() as connection:
        _existing(connection, name)
        connection.execute(delete(dashboard_sessions).where(dashboard_sessions.c.username == name))
        connection.execute(delete(dashboard_accounts).where(dashboard_accounts.c.username == name))
    throttle.clear(engine, name)


def check_login(engine: Engine, username: str, password: str) -> DashboardUser | None:
    """The account if the password matches, else None (no hint of which part was wrong)."""
    name = normal_username(username)
    with engine.connect() as connection:
        row = connection.execute(
            select(dashboard_accounts.c.agency_id, dashboard_accounts.c.password_hash).where(
                dashboard_accounts.c.username == name
            )
        ).first()
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[:MAX_PASSWORD_LENGTH]
    if row is None:
        password_matches(password, _DUMMY_HASH)
        return None
    if not password_matches(password, row.password_hash):
        return None
    return DashboardUser(name, row.agency_id)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine: Engine, user: DashboardUser) -> str:
    """A new login session; returns the token for the cookie (stored only as a hash)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(delete(dashboard_sessions).where(dashboard_sessions.c.expires_at < now))
        connection.execute(
            insert(dashboard_sessions).values(
                token_hash=_token_hash(token),
                username=user.username,
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
                last_seen_at=now,
            )
        )
    return token


def session_user(engine: Engine, token: str | None) -> DashboardUser | None:
    """Who a cookie's token belongs to, or None if it is unknown, expired or idle."""
    if not token or len(token) > 200:
        return None
    key, now = _token_hash(token), datetime.now(UTC)
    with engine.begin() as connection:
        row = connection.execute(
            select(
                dashboard_sessions.c.expires_at,
                dashboard_sessions.c.last_seen_at,
                dashboard_accounts.c.username,
                dashboard_accounts.c.agency_id,
            )
            .join(dashboard_accounts)
            .where(dashboard_sessions.c.token_hash == key)
        ).first()
        if row is None:
            return None
        seen = as_utc(row.last_seen_at)
        if now >= as_utc(row.expires_at) or now - seen >= IDLE_LIMIT:
            connection.execute(
                delete(dashboard_sessions).where(dashboard_sessions.c.token_hash == key)
            )
            return None
        if now - seen >= SEEN_RESOLUTION:
            connection.execute(
                update(dashboard_sessions)
                .where(dashboard_sessions.c.token_hash == key)
                .values(last_seen_at=now)
            )
    return DashboardUser(row.username, row.agency_id)


def end_session(engine: Engine, token: str | None) -> None:
    """Log out: the session row goes, so the old cookie is worthless."""
    if token:
        with engine.begin() as connection:
            connection.execute(
                delete(dashboard_sessions).where(
                    dashboard_sessions.c.token_hash == _token_hash(token)
                )
            )
