"""The erasure ledger (issue 35): each "forget me" the hub carried out, by the laptop and
the record's random id, with when. Nothing about the person. A restore carries each one
out again, so an older backup cannot bring a forgotten person back. Erasures the hub took
before this ledger existed are copied in from their envelopes."""

import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    ledger = op.create_table(
        "erasures",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("record_id", sa.String(32), primary_key=True),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
    )
    held = sa.table(
        "envelopes",
        sa.column("server_seq", sa.BigInteger),
        sa.column("device_id", sa.String),
        sa.column("kind", sa.String),
        sa.column("payload", sa.Text),
        sa.column("received_at", sa.DateTime(timezone=True)),
    )
    taken = op.get_bind().execute(
        sa.select(held.c.device_id, held.c.payload, held.c.received_at)
        .where(held.c.kind == "erasure.requested")
        .order_by(held.c.server_seq)
    )
    rows: dict[tuple[str, str], object] = {}
    for device_id, payload, received_at in taken:
        for record in json.loads(payload).get("records", []):
            if not isinstance(record, dict) or record.get("type") != "erasure":
                continue
            record_id = record.get("record_id")
            if isinstance(record_id, str) and len(record_id) == 32:
                rows.setdefault((device_id, record_id), received_at)
    if rows:
        op.bulk_insert(
            ledger,
            [{"device_id": d, "record_id": r, "erased_at": at} for (d, r), at in rows.items()],
        )


def downgrade() -> None:
    op.drop_table("erasures")
