"""The project file: open, create, check, migrate and back up one ``.cableproj`` file.

A project is untrusted input (it may come from a colleague), so opening checks, before
any statement that could run SQL stored in the file, that the path is a regular file
(not a device, pipe or dangling link), that it is SQLite with our application id, not from
a newer release, that its schema is exactly one we ship (``schema_check``), and that it
passes SQLite's quick check. Migrations back the file up first. Every user action runs in
its own short transaction (``Project.transaction``), so there is nothing to save and
nothing lost in a crash; rows read back are validated (``row_checks``), so a damaged row
is reported with its cable and the file instead of a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from .. import file_safety
from ..domain.annotation import now_utc
from ..resources_access import default_codebook
from . import index_state, release_stamp, row_checks, schema_check
from . import sqlite as sqlite_file
from .errors import ProjectError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

PROJECT_SUFFIX = ".cableproj"
SCHEMA_VERSION = 2
"""Schema version written to ``user_version``; bump with each Alembic revision."""
HEAD_REVISION = "0002"
"""The Alembic revision this release's models correspond to."""
KNOWN_REVISIONS = ("0001", "0002")
REVISION_TABLE_DDL = ("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                      "NOT NULL PRIMARY KEY)")
"""How a new project records its Alembic revision (the schema check derives from it)."""
CHANGE_COUNTER = "change_counter"
"""Settings key every writing action of this program increments, in its own transaction:
how a window tells its own commits from those of others (``changed_elsewhere``)."""
_SIDECARS = ("-journal", "-wal", "-shm")
_DEFAULT_THEMES = uuid.UUID("8a4f2d61-0c3e-4b7a-9e15-2f6d8c0b3a49")


def default_theme_uid(name: str) -> str:
    """The same uid for a default theme in every new project, so that two projects started
    apart still share "Arms race" when merged or exchanged through REFI-QDA."""
    return str(uuid.uuid5(_DEFAULT_THEMES, name))


def default_project_path() -> Path:
    """The default project, under the platform's user data folder (XDG_DATA_HOME on Linux)."""
    return Path(platformdirs.user_data_dir("cable-annotator", appauthor=False)) / (
        "default" + PROJECT_SUFFIX
    )


class Project:
    """An open project file. Use ``Project.open``; close with ``close()`` or ``with``."""

    def __init__(self, path: Path, created: bool) -> None:
        self.path = path
        self.created = created
        # The engine (and with it SQLAlchemy, a third of a second to import) is made when
        # first used: the window's first screen is read through ``raw_reading`` without it.
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._raw = threading.local()
        # Each plain connection with the lock its reads hold: ``close`` (on the GUI thread)
        # waits for a worker's read in flight instead of closing the connection under it,
        # which crashed the process inside SQLite.
        self._raw_connections: list[tuple[sqlite3.Connection, threading.RLock]] = []
        self._raw_idle: list[tuple[sqlite3.Connection, threading.RLock]] = []  # lendable
        self._raw_registry = threading.Lock()
        self._watcher: sqlite_file.ChangeWatcher | None = None
        self._seen_version = 0
        self._known_counter: str | None = None
        self._outside_pending = False
        self._own_commit_since_poll = False
        self._rehearsal: Session | None = None
        self._rehearsal_thread: int | None = None  # only its own thread joins a rehearsal
        self._rehearsal_running = threading.Lock()  # ``close`` waits for a rehearsal

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine on the file, made on first use (from any thread)."""
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    from sqlalchemy.orm import sessionmaker

                    engine = sqlite_file.make_engine(self.path)
                    self._write_engine = engine.execution_options(**sqlite_file.WRITE)
                    self._sessions = sessionmaker(engine, expire_on_commit=False)
                    self._write_sessions = sessionmaker(self._write_engine,
                                                        expire_on_commit=False)
                    self._engine = engine
        return self._engine

    @property
    def write_engine(self) -> Engine:
        """The engine whose transactions begin IMMEDIATE (they will write)."""
        self.engine  # noqa: B018 - made with it
        return self._write_engine

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, create: bool = True, adopt_empty: bool = False
             ) -> Project:
        """Open (or create) the project at ``path``.

        Raises ProjectError, naming the file, when it is not a project, is damaged, comes
        from a newer release or cannot be written; the file is then left untouched. A new
        project is created only where nothing exists (``create``); an existing empty file
        becomes one only when the caller says the user asked for it (``adopt_empty``).
        """
        path = Path(path).expanduser()
        problem = file_safety.describe_non_regular(path)
        if problem:
            raise ProjectError(f"{path} is not a project file: {problem}; it was left "
                               "untouched.")
        file_safety.clean_stale_partials(path.parent)
        if not file_safety.exists_at_all(path):
            if not create:
                raise ProjectError(f"{path} does not exist.")
            return cls._create(path)
        names = path.stat().st_nlink
        if names > 1:
            # SQLite names the write-ahead log after the path it was opened by: opened under
            # two names, one file gets two logs, and a later open through one name replays
            # its stale log over work saved through the other (a walkthrough lost four
            # annotations that way).
            raise ProjectError(
                f"{path} has {names} names on disk (hard links to one file). SQLite keeps a "
                "project's log beside the name it is opened by, so work saved under one name "
                "could be lost under another; it was left untouched. Open a copy of it "
                "instead (cp, or Save As from the other name), and remove the extra names.")
        if path.stat().st_size == 0 and not _has_sidecar(path):
            if not adopt_empty:
                raise ProjectError(
                    f"{path} is an empty file, not a Cable Annotator project; it was left "
                    "untouched (choose a new name to start a project).")
            return cls._create(path, adopt_empty=True)
        revision = cls._check_existing(path)
        project = cls(path, created=False)
        try:
            if revision != HEAD_REVISION or project._needs_preparing():
                project._migrate_if_needed(revision)
                project._ensure_search_index()
                release_stamp.stamp_opened_project(project.engine)
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def _create(cls, path: Path, adopt_empty: bool = False) -> Project:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProjectError(f"Cannot create the folder of {path}: {error.strerror}.") from error
        existing_sidecars = {s for s in _SIDECARS if os.path.lexists(f"{path}{s}")}
        if existing_sidecars:
            # SQLite would take it for this new file's journal (and apply or delete it).
            stray = f"{path}{sorted(existing_sidecars)[0]}"
            raise ProjectError(f"Cannot create the project {path}: {stray} already exists "
                               "beside it (left by another program or an earlier file); "
                               "move it away first.")
        try:
            # Claim the name atomically: should anything appear there meanwhile (a link,
            # a pipe), this fails rather than writing through it.
            flags = os.O_WRONLY | (0 if adopt_empty else os.O_CREAT | os.O_EXCL)
            descriptor = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
            identity = os.fstat(descriptor)
            os.close(descriptor)
        except OSError as error:
            raise ProjectError(f"Cannot create the project {path}: "
                               f"{error.strerror or error}.") from error
        project = cls(path, created=True)
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        from . import fulltext
        from .models import Base, ThemeRow

        try:
            Base.metadata.create_all(project.write_engine)
            with project.write_engine.begin() as connection:
                connection.execute(text(REVISION_TABLE_DDL))
                connection.execute(text("INSERT INTO alembic_version VALUES (:v)"),
                                   {"v": HEAD_REVISION})
            sqlite_file.stamp(project.write_engine, SCHEMA_VERSION)
            stamp = now_utc()
            with project.transaction() as session:
                for position, theme in enumerate(default_codebook()):
                    session.add(ThemeRow(name=theme["name"], color=theme["color"],
                                         description=theme.get("description", ""),
                                         position=position, created=stamp, modified=stamp,
                                         uid=default_theme_uid(theme["name"])))
                release_stamp.stamp_new_project(session)
            fulltext.ensure_index(project.write_engine)
        except (SQLAlchemyError, OSError, ProjectError) as error:
            project.close()
            _remove_if_ours(path, identity, existing_sidecars, keep_file=adopt_empty)
            if isinstance(error, ProjectError):
                raise
            raise ProjectError(f"Cannot create the project {path}: {_reason(error)}.") from error
        return project

    @staticmethod
    def _check_existing(path: Path) -> str:
        """Everything that can be known about the file without running anything stored in
        it; returns its schema revision."""
        try:
            # The header is read by SQLite, never with a plain open(): closing any other
            # descriptor of a file drops every POSIX lock this process holds on it, so a
            # second project object opened on a file the window has open (an import job)
            # let another process take the file for its last user and delete the log the
            # window was still writing to. SQLite says itself when a file is no database.
            connection = sqlite_file.connect_checked(path)
            try:
                application_id, user_version = sqlite_file.read_header(connection)
                if application_id != sqlite_file.APPLICATION_ID:
                    raise ProjectError(
                        f"{path} is an SQLite database of another program, "
                        "not a Cable Annotator project."
                    )
                if user_version > SCHEMA_VERSION:
                    raise ProjectError(
                        f"{path} was written by a newer Cable Annotator (schema "
                        f"{user_version}, this release reads up to {SCHEMA_VERSION}); it was "
                        "left untouched.")
                revision = schema_check.checked_revision(path, connection)
                check = sqlite_file.quick_check(connection)
            finally:
                connection.close()
        except sqlite3.OperationalError as error:  # locked, unreadable, no space for -shm
            raise ProjectError(f"{path} could not be opened ({error}); it was left "
                               "untouched.") from error
        except sqlite3.DatabaseError as error:
            # Only now is the header read directly: a file SQLite cannot read is none this
            # process has open, so no lock of ours is lost by closing it.
            if "not a database" in str(error) and not sqlite_file.looks_like_sqlite(path):
                raise ProjectError(f"{path} is not a Cable Annotator project (it is not an "
                                   "SQLite database).") from error
            raise ProjectError(f"{path} is damaged or truncated ({error}).") from error
        except UnicodeError:
            raise ProjectError(f"{path} is damaged: its schema holds text that is not "
                               "UTF-8.") from None
        except OSError as error:
            raise ProjectError(f"Cannot read {path}: {error.strerror}.") from error
        if check != "ok":
            raise ProjectError(f"{path} is damaged: SQLite reports {check!r}.")
        return revision

    def _needs_preparing(self) -> bool:
        """Whether opening must write to the file (a stale search index, another release's
        stamp): read with the standard library, so a file needing nothing needs no engine."""
        try:
            with self.raw_reading() as connection:
                return (not index_state.is_current(connection)
                        or release_stamp.needs_stamp(connection))
        except ProjectError:
            return True  # the engine's path says what is wrong, in its words

    def _migrate_if_needed(self, revision: str) -> None:
        if revision == HEAD_REVISION:
            return
        if revision not in KNOWN_REVISIONS:
            raise ProjectError(
                f"{self.path} has schema revision {revision!r}, unknown to this release "
                "(probably a newer Cable Annotator); it was left untouched."
            )
        backup_path = self.path.with_suffix(f".before-upgrade-{revision}{PROJECT_SUFFIX}")
        if not file_safety.exists_at_all(backup_path):
            sqlite_file.backup(self.path, backup_path)
        from . import migrate  # Alembic is only imported when needed.

        try:
            migrate.upgrade_to_head(self.write_engine)  # one transaction: all or nothing
        except Exception as error:
            raise ProjectError(
                f"Could not upgrade {self.path} from schema revision {revision} "
                f"({_reason(error)}); it was left as it was, and a copy from before the "
                f"upgrade is at {backup_path}."
            ) from error
        sqlite_file.stamp(self.write_engine, SCHEMA_VERSION)

    def _ensure_search_index(self) -> None:
        """Give a file of an earlier release its full-text index, or refresh a stale one
        (derived data: rebuilding it loses nothing)."""
        from sqlalchemy.exc import SQLAlchemyError

        from . import fulltext

        try:
            fulltext.ensure_index(self.write_engine)
        except row_checks.DamagedRow as error:
            raise ProjectError(f"{error.subject} in {self.path} is damaged: {error.problem}"
                               ".") from None
        except SQLAlchemyError as error:
            raise ProjectError(f"Cannot build the search index of {self.path}: "
                               f"{_reason(error)}.") from error

    # -- using ---------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls back (leaving the file as it was)
        and raises ProjectError on any database failure such as a full disk.

        The write lock is taken up front (``BEGIN IMMEDIATE``), so another program's
        transaction is waited for (busy timeout) instead of failing the action.
        """
        if self._rehearsal is not None and self._rehearsal_thread == threading.get_ident():
            yield from self._rehearsed_transaction()
            return
        from sqlalchemy.exc import DBAPIError

        self.engine  # noqa: B018 - made on first use
        session = self._write_sessions()
        try:
            try:
                raw = session.connection().connection.dbapi_connection
            except DBAPIError as error:
                raise ProjectError(f"Could not save to {self.path}: {_reason(error)}."
                                   ) from error
            changes_before = raw.total_changes
            self._notice_outside_commits()  # under the lock: nobody can commit now
            yield session
            session.flush()
            counter = None
            if raw.total_changes != changes_before:
                counter = self._bump_counter(session)
            session.commit()
            if counter is not None:
                self._known_counter = counter
                self._own_commit_since_poll = True
        except row_checks.DamagedRow as error:
            session.rollback()
            raise ProjectError(f"{error.subject} in {self.path} is damaged: {error.problem}"
                               ".") from None
        except UnicodeError:
            session.rollback()
            raise ProjectError(sqlite_file.locate_undecodable_text(self.path)) from None
        except (DBAPIError, sqlite3.DatabaseError) as error:
            session.rollback()
            damaged = _damage_from(error, self.path)
            if damaged:
                raise ProjectError(damaged) from None
            raise ProjectError(f"Could not save to {self.path}: {_reason(error)}.") from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def rehearsal(self) -> Iterator[None]:
        """Run writing actions for what they leave in memory, never in the file.

        A process pays once for SQLAlchemy compiling each statement and for the modules
        an edit imports — about 8 ms of the first annotation added after a start, which
        the reader feels. Inside a rehearsal every ``transaction()`` shares one
        transaction that is always rolled back: nothing is committed, the change counter is
        not touched, other programs see nothing. The write lock is tried once and never
        waited for; when another program holds it this raises ProjectError at the first
        write, and the caller simply rehearses later.
        """
        if not self._rehearsal_running.acquire(blocking=False):
            raise RuntimeError("rehearsals do not nest")
        try:
            with self._rehearsed_session():
                yield
        finally:
            self._rehearsal_running.release()

    @contextmanager
    def _rehearsed_session(self) -> Iterator[None]:
        """The body of ``rehearsal``, run while it holds its lock (``close`` waits)."""
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session

        connection = self.write_engine.connect()
        try:
            raw = connection.connection.dbapi_connection
            timeout = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
            raw.execute("PRAGMA busy_timeout = 0")  # before BEGIN IMMEDIATE: never wait
        except (DBAPIError, sqlite3.Error) as error:
            connection.close()
            raise ProjectError(f"Could not prepare {self.path}: {_reason(error)}.") from error
        session = Session(bind=connection, expire_on_commit=False)
        self._rehearsal, self._rehearsal_thread = session, threading.get_ident()
        try:
            yield
            self._bump_counter(session, notice=False)  # its statements too; rolled back
        except (DBAPIError, sqlite3.DatabaseError) as error:
            raise ProjectError(f"Could not prepare {self.path}: {_reason(error)}.") from error
        finally:
            self._rehearsal = self._rehearsal_thread = None
            try:
                session.rollback()
                session.close()
                connection.rollback()
                raw.execute(f"PRAGMA busy_timeout = {timeout}")
            finally:
                connection.close()

    def _rehearsed_transaction(self) -> Iterator[Session]:
        """``transaction()`` inside a rehearsal: the shared session, flushed (so the
        statements run) and emptied after each action, as a fresh session would be."""
        session = self._rehearsal
        assert session is not None
        yield session
        session.flush()
        session.expunge_all()

    @contextmanager
    def raw_reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction on a plain ``sqlite3`` connection (hardened, kept until
        ``close``): for reads written in SQL, which need no engine — the window's first
        screen is read this way while SQLAlchemy is still being imported. Errors are
        reported as ``reading`` reports them.

        Connections are lent from a pool, not kept per thread: a worker thread that Qt
        made gets a new Python thread state for each call, and with it an empty
        ``threading.local`` — each reference lookup after an open made one more
        connection (with its page cache) until the project closed. Only a read inside a
        read on the same thread finds its connection in the thread-local, and shares it.
        """
        local = self._raw
        lent = getattr(local, "lent", None)
        outer = lent is None
        if outer:
            with self._raw_registry:
                lent = self._raw_idle.pop() if self._raw_idle else None
            if lent is None:
                try:
                    lent = (sqlite_file.connect_checked(self.path), threading.RLock())
                except sqlite3.Error as error:
                    raise ProjectError(f"Could not read {self.path}: {error}.") from error
                with self._raw_registry:
                    self._raw_connections.append(lent)
            local.lent = lent
        connection, lock = lent
        try:
            with lock:
                try:
                    outermost = not connection.in_transaction  # a read inside a read shares it
                    if outermost:
                        connection.execute("BEGIN")
                except sqlite3.Error as error:  # closed meanwhile by ``close``, locked…
                    raise ProjectError(f"Could not read {self.path}: {error}.") from error
                yield from self._raw_transaction(connection, outermost)
        finally:
            if outer:
                local.lent = None
                with self._raw_registry:
                    if lent in self._raw_connections:  # not closed meanwhile
                        self._raw_idle.append(lent)

    def _raw_transaction(self, connection: sqlite3.Connection, outermost: bool
                         ) -> Iterator[sqlite3.Connection]:
        """The body of ``raw_reading``: errors in the caller's reads reported, the read
        transaction ended."""
        try:
            with self._read_errors_reported((sqlite3.DatabaseError,)):
                yield connection
        finally:
            if outermost:
                with suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (nothing is committed)."""
        from sqlalchemy.exc import DBAPIError

        self.engine  # noqa: B018 - made on first use
        session = self._sessions()
        try:
            with self._read_errors_reported((DBAPIError, sqlite3.DatabaseError)):
                yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def _read_errors_reported(self, database_errors: tuple[type[BaseException], ...]
                              ) -> Iterator[None]:
        """A failed read as ProjectError naming the file: a damaged row, text that is not
        UTF-8, or one of ``database_errors`` (the driver's, or SQLAlchemy's too)."""
        try:
            yield
        except row_checks.DamagedRow as error:
            raise ProjectError(f"{error.subject} in {self.path} is damaged: {error.problem}"
                               ".") from None
        except UnicodeError:
            raise ProjectError(sqlite_file.locate_undecodable_text(self.path)) from None
        except database_errors as error:
            damaged = _damage_from(error, self.path)
            if damaged:
                raise ProjectError(damaged) from None
            raise ProjectError(f"Could not read {self.path}: {_reason(error)}.") from error

    def save_as(self, destination: Path | str) -> Path:
        """Copy the project to ``destination`` with SQLite's backup API; returns the path.

        The copy is written beside the destination under a temporary name and renamed
        over it when complete, so a crash or a full disk never leaves half a project
        there; it is one self-contained file (rollback-journal mode) to mail as it is.
        """
        destination = Path(destination).expanduser()
        if destination.resolve() == self.path.resolve():
            return destination
        try:
            file_safety.refuse_non_regular_destination(destination)
        except file_safety.NotARegularFile as error:
            raise ProjectError(f"Could not write {destination}: {error}; it was left "
                               "untouched.") from None
        journals = [f"{destination}{suffix}" for suffix in ("-wal", "-journal")
                    if os.path.lexists(f"{destination}{suffix}")]
        if journals:
            # A new file renamed into place would be paired with that log or journal by
            # SQLite, which would replay it into the copy and damage it.
            raise ProjectError(f"Could not write {destination}: {journals[0]} beside it "
                               "shows the file is open in another program or was not "
                               "closed after a crash; open it once (or close that program), "
                               "or choose another name. It was left untouched.")
        file_safety.clean_stale_partials(destination.parent)
        temporary = file_safety.partial_path(destination)
        file_safety.remove_own_partial(temporary)
        try:
            sqlite_file.backup(self.path, temporary)
            os.replace(temporary, destination)
            file_safety.fsync_folder(destination.parent)
        except (OSError, sqlite3.Error) as error:
            file_safety.remove_own_partial(temporary)
            raise ProjectError(f"Could not write {destination}: {error}.") from error
        return destination

    def is_own_file(self, path: Path | str) -> bool:
        """Whether ``path`` is this project's file or one of SQLite's files beside it (its
        log, shared memory, journal): never to be read as a document — closing the
        descriptor a read opened would drop every lock this process holds on the project
        (found by its name and by ``stat``; the file itself is not opened)."""
        candidate = Path(path).expanduser()
        try:
            resolved = candidate.resolve()
        except OSError:
            return False
        own = self.path.resolve()
        if resolved in {own, *(Path(f"{own}{suffix}") for suffix in _SIDECARS)}:
            return True
        try:
            return os.path.samefile(candidate, own)  # another name for it (a hard link)
        except OSError:
            return False

    # -- noticing other writers ------------------------------------------------------------
    def changed_elsewhere(self) -> bool:
        """True (once) when someone else has committed to the file since the last call:
        a window then knows to refresh its views. Its own commits do not count, but an
        outside commit made just before one of its own still does."""
        if self._watcher is None:
            try:
                self._watcher = sqlite_file.ChangeWatcher(self.path)
            except sqlite3.Error:
                return False  # unreadable for the moment (being recovered): next time
            self._seen_version = self._watcher.version()
            self._known_counter = self._read_counter()
            self._own_commit_since_poll = False
            return False
        self._notice_outside_commits()
        outside, self._outside_pending = self._outside_pending, False
        self._own_commit_since_poll = False
        return outside

    def _notice_outside_commits(self) -> None:
        """Compare the file's state with what this object knows; remember an outside
        commit for the next ``changed_elsewhere``."""
        if self._watcher is None:
            return
        version = self._watcher.version()
        if version == self._seen_version:
            return
        self._seen_version = version
        counter = self._read_counter()
        if counter != self._known_counter or not self._own_commit_since_poll:
            # Another process of ours counted a commit; or the file changed while this
            # object committed nothing (a writer that does not count, e.g. an old release).
            self._outside_pending = True
        self._known_counter = counter

    def _read_counter(self) -> str | None:
        if self._watcher is None:
            return None
        return self._watcher.setting(CHANGE_COUNTER)

    def _bump_counter(self, session: Session, notice: bool = True) -> str:
        """Count this commit (inside its transaction). Returns the new value; when the
        value before was not the one this object last knew, someone else committed
        first, and that is remembered as an outside change (unless not ``notice``: a
        rehearsal, in another thread, never touches what the GUI thread's poll reads)."""
        from sqlalchemy import text

        before = session.execute(text("SELECT value FROM settings WHERE key = :k"),
                                 {"k": CHANGE_COUNTER}).scalar()
        if notice and self._watcher is not None and before != self._known_counter:
            self._outside_pending = True
        try:
            value = str(int(before or 0) + 1)
        except (TypeError, ValueError):
            value = "1"
        session.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                        {"k": CHANGE_COUNTER, "v": value})
        return value

    def close(self) -> None:
        """Close every connection; the write-ahead log is folded into the file first, so
        the closed project is a single file again. A rehearsal in another thread is
        waited for (it is rolled back within tens of milliseconds)."""
        with self._rehearsal_running:
            self._close()

    def _close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        with self._raw_registry:
            connections, self._raw_connections = self._raw_connections, []
            self._raw_idle = []  # a read after this opens a new connection
        for connection, lock in connections:
            with lock, suppress(sqlite3.Error):  # after any read in flight on it
                connection.close()
        if self._engine is not None:
            sqlite_file.checkpoint(self._engine)
            self._engine.dispose()
        else:
            sqlite_file.checkpoint_file(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _has_sidecar(path: Path) -> bool:
    """An empty main file with a journal or log beside it is a project whose first
    transaction never reached the file (a crash right after creation): SQLite recovers it."""
    return any(os.path.isfile(f"{path}{suffix}") and os.path.getsize(f"{path}{suffix}") > 0
               for suffix in _SIDECARS)


def _remove_if_ours(path: Path, identity: os.stat_result, existing_sidecars: set[str],
                    keep_file: bool) -> None:
    """Undo a failed creation: remove the file only if it is still the one we created in
    this run (same device and inode), and only the SQLite sidecars that we made."""
    try:
        now = os.lstat(path)
    except OSError:
        return
    if (now.st_dev, now.st_ino) != (identity.st_dev, identity.st_ino):
        return
    for suffix in _SIDECARS:
        sidecar = Path(f"{path}{suffix}")
        if suffix not in existing_sidecars and sidecar.is_file() and not sidecar.is_symlink():
            sidecar.unlink(missing_ok=True)
    if keep_file:
        with open(path, "r+b") as handle:  # the user's empty file, empty again
            handle.truncate(0)
    else:
        path.unlink(missing_ok=True)


def _damage_from(error: Exception, path: Path) -> str | None:
    """A sentence naming the damaged row when ``error`` is SQLite failing to decode text
    stored in the file (bytes that are not UTF-8); None for other errors."""
    message = str(getattr(error, "orig", error))
    if "Could not decode to UTF-8" not in message:
        return None
    return sqlite_file.locate_undecodable_text(path)


def _reason(error: BaseException) -> str:
    """The database's own words for a failure, without SQLAlchemy's boilerplate."""
    original = getattr(error, "orig", None)
    return str(original or error).strip().rstrip(".")

