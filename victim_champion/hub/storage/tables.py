"""The hub's tables (SQLAlchemy Core). Alembic migrations create them; this is the map."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()
# SQLite only auto-numbers INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
Serial = BigInteger().with_variant(Integer(), "sqlite")

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("last_seen_at", DateTime(timezone=True)),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("device_id", String(64)),
)

hub_key = Table(
    "hub_key",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_id", String(32), nullable=False),
    Column("private_key", LargeBinary, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

envelopes = Table(
    "envelopes",
    metadata,
    Column("server_seq", Serial, primary_key=True, autoincrement=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("device_seq", BigInteger, nullable=False),
    Column("mutation_id", String(64), nullable=False, unique=True),
    Column("schema_version", Integer, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("base_version", BigInteger),
    Column("payload", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    # Idempotency lives here, in the database, so several hub processes stay correct.
    UniqueConstraint("device_id", "device_seq", name="uq_envelopes_device_seq"),
)

# Numbers a device used whose envelope the hub refused ("hub") or the laptop quarantined
# ("laptop"): number, kind, hash and reason only, so every used number is accounted for.
refused_envelopes = Table(
    "refused_envelopes",
    metadata,
    Column("device_id", String(64), ForeignKey("devices.device_id"), primary_key=True),
    Column("device_seq", BigInteger, primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("source", String(10), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# Each signed request's nonce, kept until its time is out of the hub's window (expires_at,
# Unix seconds): the primary key refuses a replay across every hub process.
request_nonces = Table(
    "request_nonces",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("expires_at", BigInteger, nullable=False),
)

certificates = Table(
    "certificates",
    metadata,
    Column("code", String(12), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("course", String(200), nullable=False),
    Column("course_date", String(10), nullable=False),
    Column("key_id", String(32), nullable=False),
    Column("signature", Text, nullable=False),
)

bundles = Table(
    "bundles",
    metadata,
    Column("id", Serial, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("version", String(64), nullable=False),
    Column("content", Text, nullable=False),
    Column("signature", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "version", name="uq_bundles_kind_version"),
)

down_items = Table(
    "down_items",
    metadata,
    Column("server_seq", Serial, primary_key=True, autoincrement=True),
    Column("device_id", String(64)),  # NULL: for every device
    Column("kind", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

referrals = Table(
    "referrals",
    metadata,
    Column("referral_id", String(64), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("service_id", String(64), nullable=False),
    Column("outcome", String(200)),
    # Consent withdrawn on the laptop after the referral was sent (migration 0009): the
    # desk then sees the withdrawal and no contact details.
    Column("withdrawn_at", String(40)),
    Column("contact_withdrawn_at", String(40)),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The partner agencies' read-only dashboard: accounts, and login sessions stored only as
# a SHA-256 hash of the random token in the cookie.
dashboard_accounts = Table(
    "dashboard_accounts",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("agency_id", String(32), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

dashboard_sessions = Table(
    "dashboard_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "username",
        String(64),
        ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)

# Wrong dashboard passwords per client address and per account (hub/dashboard/
# login_throttle.py): shared by every hub process, so a block holds however many
# processes serve the dashboard. ``until``: an address's block, or an account under attack.
dashboard_login_limits = Table(
    "dashboard_login_limits",
    metadata,
    Column("scope", String(8), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("wrong_passwords", Integer, nullable=False),
    Column("first_failed_at", DateTime(timezone=True), nullable=False),
    Column("until", DateTime(timezone=True), nullable=True),
)

# TOTP second factors (hub/dashboard/second_factor.py): the shared secret, the last time
# step used (a code works once), recovery codes only as SHA-256, and the short-lived
# step between a right password and its code (the token only as SHA-256 too).
dashboard_second_factors = Table(
    "dashboard_second_factors",
    metadata,
    Column(
        "username",
        String(64),
        ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("secret", String(64), nullable=False),
    Column("last_step", BigInteger, nullable=True),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
)

dashboard_recovery_codes = Table(
    "dashboard_recovery_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column(
        "username",
        String(64),
        ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

dashboard_login_challenges = Table(
    "dashboard_login_challenges",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "username",
        String(64),
        ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("wrong_codes", Integer, nullable=False),
)

# Certificate look-ups per client address in the current window (hub/api/lookup_limits.py).
certificate_lookups = Table(
    "certificate_lookups",
    metadata,
    Column("address", String(64), primary_key=True),
    Column("window_start", DateTime(timezone=True), nullable=False),
    Column("lookups", Integer, nullable=False),
)

# Frozen report periods (hub/reports/publication.py): the JSON of core/report_snapshot.py.
published_reports = Table(
    "published_reports",
    metadata,
    Column("period_start", Date, primary_key=True),
    Column("period_end", Date, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("published_on", Date, nullable=False),
    Column("body", Text, nullable=False),
)

# The content desk (hub/editorial/, migration 0010): services and routes as JSON bodies of
# hub/editorial/entries.py's fields, the route's state and confirmation kept as columns.
content_services = Table(
    "content_services",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("body", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(64), nullable=False),
)

content_routes = Table(
    "content_routes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("service_id", String(64)),
    Column("body", Text, nullable=False),
    Column("state", String(12), nullable=False),
    Column("checked", String(7), nullable=False),
    Column("confirmed_by", String(200), nullable=False),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(64), nullable=False),
)

# A course statement re-checked at the hub: module id and the statement's hash as the key.
course_rechecks = Table(
    "course_rechecks",
    metadata,
    Column("statement_key", String(120), primary_key=True),
    Column("checked", String(7), nullable=False),
    Column("checked_by", String(64), nullable=False),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)

# Every change on the content desk and every content publication (hub/editorial/change_log.py).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Serial, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("detail", Text, nullable=False),
)

# Each "forget me" the hub carried out (migration 0011, issue 35): the laptop and the
# record's random id, and when. Nothing about the person. A restore carries every one out
# again on the data it brings back (hub/storage/erasure_ledger.py).
erasures = Table(
    "erasures",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("record_id", String(32), primary_key=True),
    Column("erased_at", DateTime(timezone=True), nullable=False),
)
