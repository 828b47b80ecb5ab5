"""The partner agencies' dashboard: accounts and login sessions (token hashes only)."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dashboard_accounts",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("agency_id", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", When, nullable=False),
    )
    op.create_table(
        "dashboard_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "username",
            sa.String(64),
            sa.ForeignKey("dashboard_accounts.username", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", When, nullable=False),
        sa.Column("expires_at", When, nullable=False),
        sa.Column("last_seen_at", When, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("dashboard_sessions")
    op.drop_table("dashboard_accounts")
