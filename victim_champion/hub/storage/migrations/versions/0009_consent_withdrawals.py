"""Consent withdrawn for a referral already sent (issue 32): when the person withdrew the
referral itself, or only the use of their contact details. Times as the laptop sent them
(ISO 8601 with a time zone); nothing about the person."""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.add_column("referrals", sa.Column("withdrawn_at", sa.String(40)))
    op.add_column("referrals", sa.Column("contact_withdrawn_at", sa.String(40)))


def downgrade() -> None:
    with op.batch_alter_table("referrals") as batch:
        batch.drop_column("contact_withdrawn_at")
        batch.drop_column("withdrawn_at")
