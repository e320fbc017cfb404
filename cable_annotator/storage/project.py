"""The project file: open, create, check, migrate and back up one ``.cableproj`` file.

A project is untrusted input (it may come from a colleague), so opening checks, before
any write, that the file is SQLite, carries our application id, passes SQLite's quick
check and is not from a newer release. Migrations back the file up first. Every user
action runs in its own short transaction (``Project.transaction``), so there is nothing
to save and nothing lost in a crash.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..resources_access import default_codebook
from . import fulltext
from . import sqlite as sqlite_file
from .errors import ProjectError
from .models import Base, ThemeRow
from .release_stamp import stamp_new_project, stamp_opened_project

PROJECT_SUFFIX = ".cableproj"
SCHEMA_VERSION = 1
"""Schema version written to ``user_version``; bump with each Alembic revision."""
HEAD_REVISION = "0001"
"""The Alembic revision this release's models correspond to."""
KNOWN_REVISIONS = ("0001",)


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
        self.engine = sqlite_file.make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._watcher: sqlite_file.ChangeWatcher | None = None
        self._seen_version = 0

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, create: bool = True) -> Project:
        """Open (or create) the project at ``path``.

        Raises ProjectError, naming the file, when it is not a project, is damaged, comes
        from a newer release or cannot be written; the file is then left untouched.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise ProjectError(f"{path} is a folder, not a project file.")
        if not path.exists() or path.stat().st_size == 0:
            if not create:
                raise ProjectError(f"{path} does not exist.")
            return cls._create(path)
        cls._check_existing(path)
        project = cls(path, created=False)
        try:
            project._migrate_if_needed()
            project._ensure_search_index()
            stamp_opened_project(project.engine)
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def _create(cls, path: Path) -> Project:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProjectError(f"Cannot create the folder of {path}: {error.strerror}.") from error
        project = cls(path, created=True)
        try:
            Base.metadata.create_all(project.engine)
            with project.engine.begin() as connection:
                connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                        "NOT NULL PRIMARY KEY)"))
                connection.execute(text("INSERT INTO alembic_version VALUES (:v)"),
                                   {"v": HEAD_REVISION})
            sqlite_file.stamp(project.engine, SCHEMA_VERSION)
            with project.transaction() as session:
                for position, theme in enumerate(default_codebook()):
                    session.add(ThemeRow(name=theme["name"], color=theme["color"],
                                         description=theme.get("description", ""),
                                         position=position))
                stamp_new_project(session)
            fulltext.ensure_index(project.engine)
        except (SQLAlchemyError, OSError, ProjectError) as error:
            project.close()
            path.unlink(missing_ok=True)
            if isinstance(error, ProjectError):
                raise
            raise ProjectError(f"Cannot create the project {path}: {_reason(error)}.") from error
        return project

    @staticmethod
    def _check_existing(path: Path) -> None:
        try:
            if not sqlite_file.looks_like_sqlite(path):
                raise ProjectError(
                    f"{path} is not a Cable Annotator project (it is not an SQLite database)."
                )
            application_id, user_version = sqlite_file.read_header(path)
            if application_id != sqlite_file.APPLICATION_ID:
                raise ProjectError(
                    f"{path} is an SQLite database of another program, "
                    "not a Cable Annotator project."
                )
            check = sqlite_file.quick_check(path)
        except sqlite3.DatabaseError as error:
            raise ProjectError(f"{path} is damaged or truncated ({error}).") from error
        except OSError as error:
            raise ProjectError(f"Cannot read {path}: {error.strerror}.") from error
        if check != "ok":
            raise ProjectError(f"{path} is damaged: SQLite reports {check!r}.")
        if user_version > SCHEMA_VERSION:
            raise ProjectError(
                f"{path} was written by a newer Cable Annotator (schema {user_version}, "
                f"this release reads up to {SCHEMA_VERSION}); it was left untouched."
            )

    def _migrate_if_needed(self) -> None:
        try:
            with self.engine.connect() as connection:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")
                                              ).scalar()
        except SQLAlchemyError as error:
            raise ProjectError(f"{self.path} has no schema version: {_reason(error)}.") from error
        if revision == HEAD_REVISION:
            return
        if revision not in KNOWN_REVISIONS:
            raise ProjectError(
                f"{self.path} has schema revision {revision!r}, unknown to this release "
                "(probably a newer Cable Annotator); it was left untouched."
            )
        backup_path = self.path.with_suffix(f".before-upgrade-{revision}{PROJECT_SUFFIX}")
        sqlite_file.backup(self.path, backup_path)
        from . import migrate  # Alembic is only imported when needed.

        try:
            migrate.upgrade_to_head(self.engine)  # one transaction: all or nothing
        except Exception as error:
            raise ProjectError(
                f"Could not upgrade {self.path} from schema revision {revision} "
                f"({_reason(error)}); it was left as it was, and a copy from before the "
                f"upgrade is at {backup_path}."
            ) from error
        sqlite_file.stamp(self.engine, SCHEMA_VERSION)

    def _ensure_search_index(self) -> None:
        """Give a file of an earlier release its full-text index, or refresh a stale one
        (derived data: rebuilding it loses nothing)."""
        try:
            fulltext.ensure_index(self.engine)
        except SQLAlchemyError as error:
            raise ProjectError(f"Cannot build the search index of {self.path}: "
                               f"{_reason(error)}.") from error

    # -- using ---------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls back (leaving the file as it was)
        and raises ProjectError on any database failure such as a full disk."""
        session = self._sessions()
        try:
            yield session
            session.commit()
            self._note_own_commit()
        except DBAPIError as error:
            session.rollback()
            raise ProjectError(f"Could not save to {self.path}: {_reason(error)}.") from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (nothing is committed)."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def save_as(self, destination: Path | str) -> Path:
        """Copy the project to ``destination`` with SQLite's backup API; returns the path."""
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            return destination
        temporary = destination.with_name(destination.name + ".partial")
        try:
            sqlite_file.backup(self.path, temporary)
            os.replace(temporary, destination)
        except (OSError, sqlite3.Error) as error:
            temporary.unlink(missing_ok=True)
            raise ProjectError(f"Could not write {destination}: {error}.") from error
        return destination

    def changed_elsewhere(self) -> bool:
        """True (once) when someone else has committed to the file since the last call or
        since this object's own last commit: a window then knows to refresh its views."""
        if self._watcher is None:
            self._watcher = sqlite_file.ChangeWatcher(self.path)
            self._seen_version = self._watcher.version()
            return False
        version = self._watcher.version()
        if version == self._seen_version:
            return False
        self._seen_version = version
        return True

    def _note_own_commit(self) -> None:
        if self._watcher is not None:
            self._seen_version = self._watcher.version()

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self.engine.dispose()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _reason(error: BaseException) -> str:
    """The database's own words for a failure, without SQLAlchemy's boilerplate."""
    original = getattr(error, "orig", None)
    return str(original or error).strip().rstrip(".")

