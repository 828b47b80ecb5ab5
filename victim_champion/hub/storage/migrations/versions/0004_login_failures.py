"""Wrong dashboard passwords per username, for the login lock (hub/login_throttle.py)."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "dashboard_login_failures",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("wrong_passwords", sa.Integer, nullable=False),
        sa.Column("first_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("dashboard_login_failures")
