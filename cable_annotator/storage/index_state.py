"""Whether a project's full-text index is current, read with the standard library alone.

Opening a project checks this before anything else touches the file: when the index is
current (the usual case) nothing needs writing, so the window can show its first screen
without SQLAlchemy, which is imported later. ``fulltext`` keeps the index and stores the
fingerprint these functions read.
"""

from __future__ import annotations

from . import dbapi

INDEX_TABLE = "cable_text_index"
STATE_TABLE = "cable_text_index_state"
INDEX_FORMAT = "1"
"""Bump when the rows or the tokenizer change: every project's index is then rebuilt."""
CREATE_STATEMENTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
    "cable_id UNINDEXED, part UNINDEXED, text, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
"""The index's tables, created when a project opens without them (an early file)."""
FINGERPRINT_SOURCE = "SELECT count(*), max(imported) FROM cables"
"""What the fingerprint is made of: the number of cables and the newest import."""
STORED_FINGERPRINT = f"SELECT value FROM {STATE_TABLE} WHERE key = 'fingerprint'"


def fingerprint(count: int, newest: str | None) -> str:
    """The index's fingerprint for ``count`` cables, the newest imported at ``newest``."""
    return f"{INDEX_FORMAT}|{count}|{newest or ''}"


def is_current(connection: dbapi.Connection) -> bool:
    """True when both index tables exist and the stored fingerprint matches the cables."""
    tables = {name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE name IN (?, ?)", (INDEX_TABLE, STATE_TABLE))}
    if tables != {INDEX_TABLE, STATE_TABLE}:
        return False
    stored = connection.execute(STORED_FINGERPRINT).fetchone()
    count, newest = connection.execute(FINGERPRINT_SOURCE).fetchone()
    return stored is not None and stored[0] == fingerprint(count, newest)
