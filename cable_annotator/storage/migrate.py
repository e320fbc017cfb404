"""Running Alembic migrations on a project file (imported only when a file needs it)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .fulltext import INDEX_TABLE, STATE_TABLE

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


def all_revisions() -> list[str]:
    """Every shipped revision, oldest first (the expected schemas are built from these)."""
    script = ScriptDirectory.from_config(alembic_config())
    return [item.revision for item in reversed(list(script.walk_revisions()))]


def upgrade_to_head(engine: Engine) -> None:
    """Apply every pending migration in one transaction (batch mode for SQLite)."""
    upgrade_to(engine, "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Apply the pending migrations up to ``revision`` in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
