"""The first hub schema: devices, enrolment codes, the hub key, envelopes, certificates,
bundles, down items and settings."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

Serial = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("enrolled_at", When, nullable=False),
        sa.Column("revoked_at", When),
        sa.Column("last_seen_at", When),
    )
    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.Column("expires_at", When, nullable=False),
        sa.Column("used_at", When),
        sa.Column("device_id", sa.String(64)),
    )
    op.create_table(
        "hub_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("private_key", sa.LargeBinary, nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("created_at", When, nullable=False),
    )
    op.create_table(
        "envelopes",
        sa.Column("server_seq", Serial, primary_key=True, autoincrement=True),
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.device_id"), nullable=False),
        sa.Column("device_seq", sa.BigInteger, nullable=False),
        sa.Column("mutation_id", sa.String(64), nullable=False, unique=True),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("base_version", sa.BigInteger),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("received_at", When, nullable=False),
        sa.UniqueConstraint("device_id", "device_seq", name="uq_envelopes_device_seq"),
    )
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(12), primary_key=True),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("course", sa.String(200), nullable=False),
        sa.Column("course_date", sa.String(10), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
    )
    op.create_table(
        "bundles",
        sa.Column("id", Serial, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("published_at", When, nullable=False),
        sa.UniqueConstraint("kind", "version", name="uq_bundles_kind_version"),
    )
    op.create_table(
        "down_items",
        sa.Column("server_seq", Serial, primary_key=True, autoincrement=True),
        sa.Column("device_id", sa.String(64)),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", When, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "settings",
        "down_items",
        "bundles",
        "certificates",
        "envelopes",
        "hub_key",
        "enrolment_codes",
        "devices",
    ):
        op.drop_table(table)
