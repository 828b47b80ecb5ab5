"""Request nonces seen per device, while the request's time is still acceptable.

The primary key refuses a nonce a second time in the database itself, so a replayed
request is refused by every hub process on the same database, not only the one that
answered it first.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "request_nonces",
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "nonce", name="pk_request_nonces"),
    )


def downgrade() -> None:
    op.drop_table("request_nonces")
