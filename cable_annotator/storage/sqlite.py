"""Everything SQLite-specific about a project file, kept apart so the models stay portable.

A project file is marked with an ``application_id`` (so a foreign SQLite file is refused
with a clear message) and a ``user_version`` equal to the schema version. Every connection
turns foreign keys on and untrusted-schema features off, since a project may come from
someone else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

APPLICATION_ID = 0x43414E4E  # "CANN"
SQLITE_MAGIC = b"SQLite format 3\x00"


def make_engine(path: Path) -> Engine:
    """An engine on ``path`` whose every connection has our pragmas set."""
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA trusted_schema=OFF")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
        # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so DDL
        # (a migration, the search index) would commit statement by statement. Taking the
        # transaction into our own hands makes every unit of work all-or-nothing.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with SQLite's header (cheap, before any connection)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) of a SQLite file, read without changing it."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
        return application_id, user_version
    finally:
        connection.close()


def quick_check(path: Path) -> str:
    """SQLite's quick integrity check of a file: 'ok' or the first problem found."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()


def stamp(engine: Engine, schema_version: int) -> None:
    """Mark a new file as a Cable Annotator project of ``schema_version``."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version={int(schema_version)}")


class ChangeWatcher:
    """Notices commits made to a project file by other connections — the command line,
    an import worker, another window — through SQLite's ``PRAGMA data_version``, which
    changes for a connection whenever another connection has committed."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                           check_same_thread=False)

    def version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        self._connection.close()


def backup(source: Path, destination: Path) -> None:
    """Copy a live project with SQLite's online backup API (consistent even while open)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(destination)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


@contextmanager
def foreign_keys_off(connection) -> Iterator[None]:
    """Foreign keys off on ``connection`` (a SQLAlchemy Connection not yet in a
    transaction: SQLite ignores the pragma inside one) for a schema change that rebuilds
    tables, as SQLite's ALTER TABLE procedure requires; back on afterwards."""
    raw = connection.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def broken_references(connection) -> list[tuple]:
    """Rows whose foreign keys point at nothing (SQLite's foreign_key_check)."""
    return list(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


DatabaseError = sqlite3.Error
"""What the SQLite driver raises, for modules that must not speak SQLite themselves."""
