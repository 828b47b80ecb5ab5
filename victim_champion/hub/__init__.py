"""The Compass House hub: FastAPI on uvicorn, SQLAlchemy 2 storage (SQLite or PostgreSQL).

Imports core and sync.protocol only; never the desktop side.
"""
