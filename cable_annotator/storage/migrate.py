"""Running Alembic migrations on a project file (imported only when a file needs it)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .fulltext import INDEX_TABLE, STATE_TABLE
from .sqlite import broken_references, foreign_keys_off

MIGRATIONS = Path(__file__).with_name("migrations")
_DERIVED_TABLES = (INDEX_TABLE, STATE_TABLE)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the full-text index (derived data kept by fulltext.py) out of migrations."""
    return not (type_ == "table" and bool(name) and name.startswith(_DERIVED_TABLES))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision among the shipped migration scripts."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


class ForeignKeysBroken(RuntimeError):
    """A migration left rows pointing at rows that do not exist; nothing was committed."""


def all_revisions() -> list[str]:
    """Every shipped revision, oldest first (the expected schemas are built from these)."""
    script = ScriptDirectory.from_config(alembic_config())
    return [item.revision for item in reversed(list(script.walk_revisions()))]


def upgrade_to_head(engine: Engine) -> None:
    """Apply every pending migration in one transaction (batch mode for SQLite)."""
    upgrade_to(engine, "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Apply the pending migrations up to ``revision`` in one transaction (batch mode for
    SQLite).

    Foreign keys are off meanwhile, as SQLite's ALTER TABLE procedure requires: batch mode
    rebuilds a table by copying it and dropping the old one, and with them on, dropping
    ``themes`` cascaded to every annotation's theme links (the first test of an upgrade of
    a release-0001 file caught it). The references are checked before the commit."""
    config = alembic_config()
    with engine.connect() as connection, foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        broken = broken_references(connection)
        if broken:
            raise ForeignKeysBroken(f"the upgrade would leave {len(broken)} broken "
                                    f"reference(s), first in table {broken[0][0]}")
