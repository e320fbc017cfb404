"""Everything SQLite-specific about a project file, kept apart so the models stay portable.

A project file is marked with an ``application_id`` (so a foreign SQLite file is refused
with a clear message) and a ``user_version`` equal to the schema version. Every connection
is hardened (``hardening.py``: untrusted-schema features off, defensive mode, foreign keys,
a busy timeout), since a project may come from someone else.

**Journal mode: WAL.** The window keeps the project open while the command line, an
import worker or a second window write to it. In write-ahead-log mode readers never wait
for a writer and a writer never waits for readers, so the window's poll and a long import
do not block each other; a commit is one append to the log, and a process killed at any
moment leaves a log SQLite replays (or ignores, if uncommitted) on the next open.
``synchronous=FULL`` makes every commit durable on power loss too — months of annotations
are worth an fsync per action. A project must still be one file to mail: the last
connection to close checkpoints the log into the file and removes it (``Project.close``
asks for it explicitly), and Save As writes a copy in rollback-journal mode, a single
self-contained file any SQLite reads, even from read-only media.

Every writing transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock up
front, so a second writer waits (busy timeout) instead of failing at once with "database
is locked", which is what a deferred transaction that reads and then writes gets.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .hardening import harden

if TYPE_CHECKING:  # SQLAlchemy is imported when the first engine is made, not before:
    from sqlalchemy import Engine  # the window's first screen is read without it

APPLICATION_ID = 0x43414E4E  # "CANN"
SQLITE_MAGIC = b"SQLite format 3\x00"
WRITE = {"sqlite_begin": "IMMEDIATE"}
"""Execution options of a connection that will write: ``BEGIN IMMEDIATE``."""


class DamagedJSON:
    """What a JSON column holds when its text is not JSON: kept (not raised) so that the
    row's reader can say which cable is damaged instead of a bare JSONDecodeError."""

    def __init__(self, raw: object, problem: str) -> None:
        self.raw = raw
        self.problem = problem

    def __repr__(self) -> str:
        return f"DamagedJSON({self.problem})"


def load_json(raw: str):
    """A JSON column's value, or DamagedJSON naming why it is none."""
    try:
        return json.loads(raw)
    except (ValueError, TypeError, RecursionError) as error:
        return DamagedJSON(raw, f"not valid JSON: {error}")


JOURNAL_MODE_VARIABLE = "CABLE_ANNOTATOR_JOURNAL_MODE"


def journal_mode() -> str:
    """WAL, unless ``CABLE_ANNOTATOR_JOURNAL_MODE=delete`` asks for the rollback journal:
    the write-ahead log needs shared memory beside the file, which network drives (SMB,
    NFS) and some sync folders do not provide reliably."""
    wanted = os.environ.get(JOURNAL_MODE_VARIABLE, "").strip().lower()
    return "DELETE" if wanted in ("delete", "rollback") else "WAL"


def make_engine(path: Path) -> Engine:
    """An engine on ``path`` whose every connection has our pragmas set."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", future=True, json_deserializer=load_json)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        harden(dbapi_connection)
        dbapi_connection.execute(f"PRAGMA journal_mode={journal_mode()}")
        dbapi_connection.execute("PRAGMA synchronous=FULL")
        # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so DDL
        # (a migration, the search index) would commit statement by statement. Taking the
        # transaction into our own hands makes every unit of work all-or-nothing.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


_ANNOTATION_COLUMN_TYPES = (("id", "text"), ("cable_id", "text"), ("part", "text"),
                            ("start", "integer"), ('"end"', "integer"), ("quote", "text"),
                            ("prefix", "text"), ("suffix", "text"), ("note", "text"),
                            ("author", "text"), ("created", "text"), ("modified", "text"),
                            ("orphaned", "integer"), ("modified_by", "text"),
                            ("version", "text"), ("conflict", "text"),
                            ("conflict_of", "text"))


def annotation_types_ok(alias: str, names: list[str] | None = None) -> str:
    """An SQL expression, true when the columns ``names`` (default: all) of the annotation
    row ``alias`` have the storage types our code writes: checked by SQLite as the rows
    are read, so validating 20,000 annotations costs next to nothing in Python."""
    kinds = {column.strip('"'): (column, kind) for column, kind in _ANNOTATION_COLUMN_TYPES}
    chosen = [kinds[name] for name in names] if names else list(kinds.values())
    return "(" + " AND ".join(f"typeof({alias}.{column}) = '{kind}'"
                              for column, kind in chosen) + ")"


def connect_checked(path: Path) -> sqlite3.Connection:
    """A hardened read-write connection for examining a file before it is used.

    Read-write on purpose: after a crash the file may have a hot rollback journal or an
    unreplayed write-ahead log, which SQLite recovers on the first read of a connection
    that may write — a read-only one would report the file as unreadable.
    """
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        harden(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with SQLite's header. Never call this on a file this
    process may have open through SQLite: closing the descriptor it reads with drops the
    process's POSIX locks on the file (see ``Project._check_existing``)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def read_header(connection: sqlite3.Connection) -> tuple[int, int]:
    """(application_id, user_version) of an open file (pragmas: no trigger can fire)."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    return application_id, user_version


def quick_check(connection: sqlite3.Connection) -> str:
    """SQLite's quick integrity check of a file: 'ok' or the first problem found."""
    return connection.execute("PRAGMA quick_check").fetchone()[0]


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
        # Read-write (though it only reads a pragma): a read-only connection cannot replay
        # the log another process left after a crash, and would fail until someone did.
        self._connection = connect_checked(path)
        # The file in the journal mode the engine will give it, before the first reading:
        # the engine is made only at the first write, and its switch of a copy saved with
        # a rollback journal (Save As) to the write-ahead log rewrote the header after
        # that reading — "Updated with changes made outside this window" a second after
        # every Save As. (Unchanged where the file is in that mode already.)
        with contextlib.suppress(sqlite3.OperationalError):
            self._connection.execute(f"PRAGMA journal_mode={journal_mode()}")
        self._last = self._read()

    def _read(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def version(self) -> int:
        """The connection's data version; while the file is briefly unreadable (another
        process is recovering it, or holds an exclusive lock) the last value seen."""
        with contextlib.suppress(sqlite3.OperationalError):
            self._last = self._read()
        return self._last

    def setting(self, key: str) -> str | None:
        """A value of the settings table as committed now (None if unreadable)."""
        try:
            row = self._connection.execute("SELECT value FROM settings WHERE key = ?",
                                           (key,)).fetchone()
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def close(self) -> None:
        self._connection.close()


def backup(source: Path, destination: Path) -> None:
    """Copy a live project with SQLite's online backup API (consistent even while open)
    into a new file ``destination``, left as one self-contained file in rollback-journal
    mode (the copy is what gets mailed)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = connect_checked(source)
    dst = sqlite3.connect(destination, isolation_level=None)
    try:
        harden(dst)
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the file (best effort: what another process still
    reads stays in the log, and its own close folds it in). The last connection to close
    then deletes the log, as SQLite does, leaving one file.

    PASSIVE, not TRUNCATE: resetting the log changes ``PRAGMA data_version`` for every
    other connection, so each close of a command-line run or an export worker looked to an
    open window like another program's change ("Updated with changes made outside this
    window", and a needless reload of everything)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    except Exception:  # noqa: BLE001 - closing must never fail over this
        pass


def checkpoint_file(path: Path) -> None:
    """``checkpoint`` for a project whose engine was never made (it was only read)."""
    try:
        connection = connect_checked(path)
    except sqlite3.Error:
        return
    try:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error:
        pass
    finally:
        connection.close()


# -- finding text that is not UTF-8 ---------------------------------------------------------

_TEXT_TABLES = (
    ("cables", "id", "cable"),
    ("annotations", "id", "annotation"),
    ("themes", "id", "theme"),
    ("volumes", "id", "volume"),
    ("settings", "key", "setting"),
)


def locate_undecodable_text(path: Path) -> str:
    """One sentence naming the row and column of ``path`` that holds bytes that are not
    UTF-8 (SQLite's own error names only the column)."""
    connection = sqlite3.connect(path)
    try:
        harden(connection)
        for table, key, label in _TEXT_TABLES:
            connection.text_factory = str
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            connection.text_factory = bytes  # the raw bytes, to find the ones that fail
            quoted = ", ".join(f'"{column}"' for column in columns)
            for row in connection.execute(f'SELECT "{key}", {quoted} FROM "{table}"'):
                for column, value in zip(columns, row[1:], strict=True):
                    if isinstance(value, bytes) and not _decodes(value):
                        name = row[0].decode("utf-8", "replace") \
                            if isinstance(row[0], bytes) else row[0]
                        return (f"The {label} {name!r} in {path} is damaged: its {column} "
                                "holds bytes that are not UTF-8 text.")
    except sqlite3.Error as error:
        return f"{path} is damaged: some of its text is not UTF-8 ({error})."
    finally:
        connection.close()
    return f"{path} is damaged: some of its text is not UTF-8."


def _decodes(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
