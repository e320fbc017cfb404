"""The edit rehearsal: the window's first annotation is as quick as the next, and the
rehearsal that makes it so never reaches the file."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine.default import CACHE_HIT

from cable_annotator.services import annotating, queries
from cable_annotator.services.edit_rehearsal import rehearse_edits
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project
from tests.conftest import SAMPLE_ID


def _digest(path: Path) -> dict[str, str]:
    """What is on disk: the file and its write-ahead log, byte for byte."""
    return {name: hashlib.sha256(Path(f"{path}{name}").read_bytes()).hexdigest()
            for name in ("", "-wal") if Path(f"{path}{name}").exists()}


def _data_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA data_version").fetchone()[0]


def _theme_ids(project: Project) -> list[int]:
    return [theme.id for theme in queries.list_themes(project)]


def test_rehearsal_writes_nothing_another_program_could_see(project, project_path):
    annotating.create_annotation(project, SAMPLE_ID, "body", 10, 40, _theme_ids(project)[:1])
    before_rows = queries.annotations_of(project, SAMPLE_ID)
    counter = queries.get_setting(project, "change_counter")
    watcher = sqlite3.connect(project_path)
    version = _data_version(watcher)
    on_disk = _digest(project_path)

    rehearse_edits(project, SAMPLE_ID, _theme_ids(project))

    assert _digest(project_path) == on_disk
    assert _data_version(watcher) == version  # no commit, not even an empty one
    assert queries.annotations_of(project, SAMPLE_ID) == before_rows
    assert queries.get_setting(project, "change_counter") == counter
    assert watcher.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 0
    assert not project.changed_elsewhere()
    watcher.close()


def test_first_real_edits_after_a_rehearsal_compile_nothing(project):
    """The point of it: every statement of add, re-tag, undo and redo is in SQLAlchemy's
    cache already (a statement the rehearsal missed would be compiled here, on the key)."""
    themes = _theme_ids(project)
    rehearse_edits(project, SAMPLE_ID, themes)
    statements: list[tuple[object, str]] = []

    def seen(_conn, _cursor, statement, _params, context, _many) -> None:
        if not statement.startswith("BEGIN"):
            statements.append((context.cache_hit, statement))

    event.listen(project.engine, "after_cursor_execute", seen)
    try:
        added = annotating.create_annotation(project, SAMPLE_ID, "body", 100, 140, themes[:1])
        retagged = annotating.update_annotation(project, added.annotation.id,
                                                theme_ids=themes[1:2],
                                                expected=added.annotation)
        removed = annotating.delete_annotation(project, added.annotation.id,
                                               expected=retagged.annotation)
        annotating.restore_annotation(project, removed.before, expected=None)
    finally:
        event.remove(project.engine, "after_cursor_execute", seen)
    assert len(statements) > 10
    compiled = [statement for hit, statement in statements if hit is not CACHE_HIT]
    assert compiled == []
    assert [a.id for a in queries.annotations_of(project, SAMPLE_ID)] == [added.annotation.id]


def test_rehearsal_does_not_wait_for_another_writer(project, project_path):
    """Another program holding the write lock: refused at once, nothing changed, and the
    project's own next write waits for the lock as usual (its busy timeout is back)."""
    other = sqlite3.connect(project_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    started = time.perf_counter()
    with pytest.raises(ProjectError, match=str(project_path)):
        rehearse_edits(project, SAMPLE_ID, _theme_ids(project))
    assert time.perf_counter() - started < 1.0
    other.execute("ROLLBACK")
    other.close()
    with project.transaction() as session:
        raw = session.connection().connection.dbapi_connection
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] > 1000
    annotating.create_annotation(project, SAMPLE_ID, "body", 10, 40, _theme_ids(project)[:1])
    assert len(queries.annotations_of(project, SAMPLE_ID)) == 1


def test_a_failure_inside_a_rehearsal_rolls_everything_back(project):
    themes = _theme_ids(project)
    with pytest.raises(annotating.AnnotationError), project.rehearsal():
        annotating.create_annotation(project, SAMPLE_ID, "body", 0, 5, themes[:1])
        annotating.create_annotation(project, SAMPLE_ID, "body", 5, 10**9, themes[:1])
    assert queries.annotations_of(project, SAMPLE_ID) == []
    # and the project writes for real afterwards
    annotating.create_annotation(project, SAMPLE_ID, "body", 0, 5, themes[:1])
    assert len(queries.annotations_of(project, SAMPLE_ID)) == 1


def test_rehearsals_do_not_nest(project):
    with project.rehearsal(), pytest.raises(RuntimeError), project.rehearsal():
        pass


def test_another_threads_write_during_a_rehearsal_is_real_and_waits_its_turn(project):
    """Only the rehearsing thread's actions are rolled back: a write from another thread
    waits for the lock the rehearsal holds, then commits for real."""
    import threading

    themes = _theme_ids(project)
    written = []
    with project.rehearsal():
        annotating.create_annotation(project, SAMPLE_ID, "body", 0, 5, themes[:1])
        worker = threading.Thread(target=lambda: written.append(annotating.create_annotation(
            project, SAMPLE_ID, "body", 50, 60, themes[:1])))
        worker.start()
        worker.join(0.3)
        assert worker.is_alive() and not written, "it waits for the rehearsal's lock"
    worker.join(10)
    assert written
    assert [(a.start, a.end) for a in queries.annotations_of(project, SAMPLE_ID)] == [(50, 60)]
