"""The hub's database: engine, tables, signing keys and Alembic migrations."""
