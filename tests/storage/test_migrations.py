"""Alembic is set up: its head matches the release, and migrating an empty database gives
exactly the schema of the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from cable_annotator.storage.migrate import head_revision, upgrade_to_head
from cable_annotator.storage.models import Base
from cable_annotator.storage.project import HEAD_REVISION, KNOWN_REVISIONS


def test_head_revision_is_the_one_new_projects_are_stamped_with() -> None:
    assert head_revision() == HEAD_REVISION
    assert HEAD_REVISION in KNOWN_REVISIONS


def test_migrations_build_the_same_schema_as_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade_to_head(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
        assert context.get_current_revision() == HEAD_REVISION
    engine.dispose()
    assert differences == []
