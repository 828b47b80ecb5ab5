"""Dashboard logins (issue 35, finding 6): wrong passwords counted per client address and
per account in place of the per-username lock (hub/dashboard/login_throttle.py), and TOTP
second factors with single-use recovery codes (hub/dashboard/second_factor.py). The old
counts are only minutes old at most, so they are dropped, not copied."""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def _account() -> "sa.Column[str]":
    return sa.Column(
        "username",
        sa.String(64),
        sa.ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.drop_table("dashboard_login_failures")
    op.create_table(
        "dashboard_login_limits",
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("wrong_passwords", sa.Integer, nullable=False),
        sa.Column("first_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "dashboard_second_factors",
        sa.Column(
            "username",
            sa.String(64),
            sa.ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("last_step", sa.BigInteger, nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dashboard_recovery_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        _account(),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "dashboard_login_challenges",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        _account(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wrong_codes", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "dashboard_login_challenges",
        "dashboard_recovery_codes",
        "dashboard_second_factors",
        "dashboard_login_limits",
    ):
        op.drop_table(table)
    op.create_table(
        "dashboard_login_failures",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("wrong_passwords", sa.Integer, nullable=False),
        sa.Column("first_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    )
