"""Is this file's schema exactly one we ship? Checked before any statement runs on it.

A project from a colleague is untrusted: a trigger planted on a table we write, a view or
plain table put where the full-text index should be, or a changed table definition would
run the sender's SQL as soon as we read or write. So the file's ``sqlite_master`` — every
table, index, view and trigger with its SQL — is compared with what our own code creates,
before anything else touches it (reading ``sqlite_master`` fires nothing).

The expected schemas are derived, never hand-copied: for the newest revision, by creating
a project the way ``Project`` does (the models, the revision table, the search index) in
an in-memory database; for every revision we ship — the newest included — by running the
Alembic migrations up to it in memory, plus the search index. A file created by any
release and migrated by later ones mixes the two origins (its revision table comes from
its creation, its tables from migrations), so each object is matched against what any
route creates under that name at that revision, and the set of names must be exactly the
revision's. The search index is derived data and may be absent (an early file): it is
created on open.

The newest schema as this release's own SQLAlchemy writes it is also shipped, in
``resources/project_schema.json``: a file matching it is known good without importing
SQLAlchemy (a third of a second of every start). Any other file is compared with the
schemas derived at run time, as before — another SQLAlchemy may word its DDL otherwise. A
test fails when the models and that file part; ``python -m
cable_annotator.storage.schema_check`` writes it again.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..resources_access import resource_text
from . import index_state
from .errors import ProjectError

SHIPPED_SCHEMA = "project_schema.json"
"""The resource holding ``sqlite_master`` of a project this release creates."""

_SQLITE_INTERNAL = {
    # ANALYZE writes these; they hold statistics, no SQL of anyone's.
    ("table", "sqlite_stat1"): "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    ("table", "sqlite_stat4"): "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
    ("table", "sqlite_sequence"): "CREATE TABLE sqlite_sequence(name,seq)",
}
_OPTIONAL_PREFIXES = (index_state.INDEX_TABLE, index_state.STATE_TABLE)


@dataclass(frozen=True)
class SchemaObject:
    type: str
    name: str
    table: str
    sql: str  # normalised; "" for SQLite's automatic indexes


def normalise_sql(sql: str | None) -> str:
    """SQL text with layout differences removed (whitespace, spaces around punctuation),
    so that two releases' pretty-printing of the same DDL compare equal."""
    if not sql:
        return ""
    collapsed = re.sub(r"\s+", " ", sql.strip())
    # A table rebuilt by a migration (Alembic's batch mode: copy, drop, rename) has its
    # name quoted by SQLite's RENAME: ``CREATE TABLE "themes"`` is ``CREATE TABLE themes``.
    collapsed = _QUOTED_TABLE.sub(r"\1\2", collapsed)
    return re.sub(r"\s*([(),])\s*", r"\1", collapsed)


_QUOTED_TABLE = re.compile(r'^(CREATE TABLE )"([A-Za-z_][A-Za-z0-9_]*)"')


def read_schema(connection: sqlite3.Connection) -> dict[tuple[str, str], SchemaObject]:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return _schema_of(rows)


def _schema_of(rows) -> dict[tuple[str, str], SchemaObject]:
    return {(row[0], row[1]): SchemaObject(str(row[0]), str(row[1]), str(row[2]),
                                           normalise_sql(row[3])) for row in rows}


def _in_memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None)


def _add_search_index(connection: sqlite3.Connection) -> None:
    for statement in index_state.CREATE_STATEMENTS:
        connection.execute(statement)


@cache
def shipped_schema() -> dict[tuple[str, str], SchemaObject]:
    """The schema of a project this release creates, as its build wrote it."""
    return _schema_of(json.loads(resource_text(SHIPPED_SCHEMA)))


@cache
def fresh_schema() -> dict[tuple[str, str], SchemaObject]:
    """The schema of a project this release creates (``Project._create``), derived now."""
    return _schema_of(fresh_schema_rows())


def fresh_schema_rows() -> list[list[str]]:
    """``sqlite_master`` rows (type, name, table, SQL) of a project made as
    ``Project._create`` makes one, derived from the models now."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from .models import Base
    from .project import REVISION_TABLE_DDL

    memory = _in_memory()
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    Base.metadata.create_all(engine)
    memory.execute(REVISION_TABLE_DDL)
    _add_search_index(memory)
    rows = memory.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                          "ORDER BY type, name").fetchall()
    engine.dispose()
    return [list(row) for row in rows]


@cache
def migrated_schema(revision: str) -> dict[tuple[str, str], SchemaObject]:
    """The schema the shipped migrations create up to ``revision``, with the index."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from . import migrate

    memory = _in_memory()
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    migrate.upgrade_to(engine, revision)
    _add_search_index(memory)
    schema = read_schema(memory)
    engine.dispose()
    return schema


def shipped_revisions() -> list[str]:
    """Every revision of the shipped migrations, oldest first."""
    from . import migrate

    return migrate.all_revisions()


def shipped_or_head() -> set[str]:
    """The revisions a file may record: the newest without Alembic, all others with it."""
    from .project import HEAD_REVISION, KNOWN_REVISIONS

    return {HEAD_REVISION, *KNOWN_REVISIONS}


def _optional(items: set[SchemaObject]) -> bool:
    """Objects of the search index (derived data, created on open when missing)."""
    return all(item.table.startswith(_OPTIONAL_PREFIXES) for item in items)


def _describe(key: tuple[str, str], found: SchemaObject) -> str:
    kind, name = key
    on = f" on table {found.table}" if kind in ("trigger", "index") and found.table else ""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} {name!r}{on}"


def differences(found: dict[tuple[str, str], SchemaObject],
                routes: list[dict[tuple[str, str], SchemaObject]]) -> list[str]:
    """What keeps ``found`` from being the schema the ``routes`` (one revision's possible
    origins) create; empty when it conforms."""
    accepted: dict[tuple[str, str], set[SchemaObject]] = {}
    for route in routes:
        for key, item in route.items():
            accepted.setdefault(key, set()).add(item)
    problems = []
    for key, item in sorted(found.items()):
        if key in _SQLITE_INTERNAL:
            if item.sql != normalise_sql(_SQLITE_INTERNAL[key]):
                problems.append(f"SQLite's table {key[1]!r} has been altered")
            continue
        if key not in accepted:
            problems.append(f"{_describe(key, item)} that Cable Annotator never creates")
        elif item not in accepted[key]:
            problems.append(f"a changed definition of the {key[0]} {key[1]!r}")
    for key in sorted(set(accepted) - set(found)):
        if not _optional(accepted[key]):
            problems.append(f"no {key[0]} {key[1]!r}")
    return problems


def checked_revision(path: Path, connection: sqlite3.Connection) -> str:
    """The revision the file records, once its schema is shown to be exactly what that
    revision creates; ProjectError (naming the file and what is wrong) otherwise."""
    from .project import HEAD_REVISION

    found = read_schema(connection)
    revision = _recorded_revision(path, connection, found)
    if revision == HEAD_REVISION and not differences(found, [shipped_schema()]):
        return revision  # the everyday case, decided without SQLAlchemy or Alembic
    routes = [fresh_schema()] if revision == HEAD_REVISION else []
    if routes and not differences(found, routes):
        return revision
    migrated = migrated_schema(revision)
    routes += [migrated, _with_fresh_revision_table(migrated)]
    problems = differences(found, routes)
    if not problems:
        return revision
    listed = "; ".join(problems[:4])
    if len(problems) > 4:
        listed += f"; and {len(problems) - 4} more"
    raise ProjectError(
        f"{path} was refused: its schema is not one Cable Annotator writes ({listed}). "
        "A file changed by another program could run its own SQL when opened, so it was "
        "left untouched.")


def _recorded_revision(path: Path, connection: sqlite3.Connection,
                       found: dict[tuple[str, str], SchemaObject]) -> str:
    """The revision in the file's ``alembic_version`` table — read only after making sure
    it is that plain table (a view there could run anything)."""
    key = ("table", "alembic_version")
    table = found.get(key)
    expected = {shipped_schema()[key].sql}
    if table is not None and table.sql not in expected:
        expected |= {fresh_schema()[key].sql,
                     *(migrated_schema(r)[key].sql for r in shipped_revisions())}
    if table is None or table.sql not in expected:
        what = "no schema revision table" if table is None and ("view", "alembic_version") \
            not in found else "a changed schema revision table"
        raise ProjectError(f"{path} was refused: it has {what}, so it is not a file Cable "
                           "Annotator wrote; it was left untouched.")
    rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise ProjectError(f"{path} was refused: it records {len(rows)} schema revisions "
                           "instead of one; it was left untouched.")
    revision = rows[0][0]
    if revision not in shipped_or_head():
        raise ProjectError(
            f"{path} has schema revision {revision!r}, unknown to this release "
            "(probably a newer Cable Annotator); it was left untouched.")
    return revision


def _with_fresh_revision_table(schema: dict[tuple[str, str], SchemaObject]
                               ) -> dict[tuple[str, str], SchemaObject]:
    """A migrated schema whose revision table was made by ``Project._create`` (a file
    created by a release and upgraded by a later one)."""
    fresh = fresh_schema()
    mixed = {key: item for key, item in schema.items() if item.table != "alembic_version"}
    mixed.update({key: item for key, item in fresh.items() if item.table == "alembic_version"})
    return mixed


def write_shipped_schema(path: Path) -> None:
    """Write the derived schema of a new project to ``path`` (the shipped resource)."""
    path.write_text(json.dumps(fresh_schema_rows(), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python -m cable_annotator.storage.schema_check
    target = Path(__file__).resolve().parents[2] / "resources" / SHIPPED_SCHEMA
    write_shipped_schema(target)
    print(f"wrote {target}", file=sys.stderr)
