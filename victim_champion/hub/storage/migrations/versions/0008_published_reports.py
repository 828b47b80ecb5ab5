"""Published report periods, frozen: one row per version of a month, quarter or half-year.

The unique key makes two hub processes publishing the same period at once end with one
version 1, never two different ones.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "published_reports",
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint(
            "period_start", "period_end", "version", name="pk_published_reports"
        ),
    )


def downgrade() -> None:
    op.drop_table("published_reports")
