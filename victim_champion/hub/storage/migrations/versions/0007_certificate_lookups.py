"""Certificate look-ups counted per address, so guessing codes is slow on every hub process."""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "certificate_lookups",
        sa.Column("address", sa.String(64), primary_key=True),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lookups", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("certificate_lookups")
