"""The models stay portable: their schema compiles for PostgreSQL, the server a team would
share, and nothing SQLite-specific hides in them (that lives in sqlite.py/fulltext.py)."""

from __future__ import annotations

import ast
import re

from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from cable_annotator.storage.models import Base
from tests.conftest import REPO_ROOT


def test_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()
    for table in Base.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "AUTOINCREMENT" not in ddl.upper()
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))
    annotations = str(CreateTable(Base.metadata.tables["annotations"]).compile(dialect=dialect))
    assert '"end" INTEGER NOT NULL' in annotations
    themes = str(CreateTable(Base.metadata.tables["themes"]).compile(dialect=dialect))
    assert "id SERIAL NOT NULL" in themes


def test_only_the_sqlite_modules_speak_sqlite() -> None:
    storage = REPO_ROOT / "cable_annotator" / "storage"
    # project.py only opens the file; hardening.py and schema_check.py guard every
    # connection and compare sqlite_master before anything runs; index_state.py is the
    # part of fulltext.py read before SQLAlchemy is imported.
    allowed = {"sqlite.py", "fulltext.py", "index_state.py", "project.py", "hardening.py",
               "schema_check.py"}
    for path in storage.rglob("*.py"):
        if path.name in allowed or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        assert "sqlite3" not in imported, path
        statements = re.findall(r"""["'](?:PRAGMA|CREATE VIRTUAL TABLE)""", source, re.I)
        assert not statements, path
