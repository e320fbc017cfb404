"""Alembic migrations of the project schema (batch mode, so SQLite can alter tables)."""
