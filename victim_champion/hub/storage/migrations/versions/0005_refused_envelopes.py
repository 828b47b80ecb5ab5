"""Envelopes the hub refused, or the laptop quarantined, by device and number.

Only the number, kind, hash and reason are kept (never the payload), so the hub's counts
account for every number a device used: a gap then means a record was really lost.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "refused_envelopes",
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.device_id"), nullable=False),
        sa.Column("device_seq", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "device_seq", name="pk_refused_envelopes"),
    )


def downgrade() -> None:
    op.drop_table("refused_envelopes")
