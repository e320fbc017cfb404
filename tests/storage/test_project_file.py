"""The project file: creation, marks, refusal of foreign/damaged/newer files, full disk."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from cable_annotator.services.annotating import create_annotation
from cable_annotator.services.queries import annotations_of, list_themes
from cable_annotator.storage import sqlite as sqlite_file
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import (
    HEAD_REVISION,
    SCHEMA_VERSION,
    Project,
    default_project_path,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_is_marked_and_has_default_codebook(project_path: Path) -> None:
    with Project.open(project_path) as project:
        assert project.created
        names = [theme.name for theme in list_themes(project)]
    assert names[:8] == ["Arms race", "Arms sales", "Soviet influence", "Fisheries",
                         "Investment disputes", "Congress and public opinion",
                         "Regional stability", "Bilateral relations"]
    connection = sqlite3.connect(project_path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == sqlite_file.APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision == HEAD_REVISION
    connection.close()


def test_reopening_keeps_everything(project_path: Path) -> None:
    Project.open(project_path).close()
    with Project.open(project_path) as project:
        assert not project.created
        assert len(list_themes(project)) == 8


def test_foreign_keys_are_enforced(empty_project: Project) -> None:
    with empty_project.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0


def test_default_project_follows_xdg_data_home(isolated_user_dirs: Path) -> None:
    assert default_project_path().is_relative_to(isolated_user_dirs / "data")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Hello, this is a letter, not a project.\n", "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 80, "damaged"),
    ],
)
def test_non_project_files_are_refused_untouched(tmp_path: Path, content: bytes,
                                                 words: str) -> None:
    path = tmp_path / "foreign.cableproj"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(ProjectError) as raised:
        Project.open(path)
    assert str(path) in str(raised.value) and words in str(raised.value)
    assert digest(path) == before


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(ProjectError, match="another program"):
        Project.open(path)
    assert digest(path) == before


def test_truncated_project_is_refused(project: Project, tmp_path: Path) -> None:
    data = project.path.read_bytes()
    truncated = tmp_path / "truncated.cableproj"
    truncated.write_bytes(data[: len(data) // 3])
    before = digest(truncated)
    with pytest.raises(ProjectError) as raised:
        Project.open(truncated)
    assert str(truncated) in str(raised.value)
    assert digest(truncated) == before


def test_newer_project_is_refused_untouched(project_path: Path) -> None:
    Project.open(project_path).close()
    connection = sqlite3.connect(project_path)
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = digest(project_path)
    with pytest.raises(ProjectError, match="newer Cable Annotator"):
        Project.open(project_path)
    assert digest(project_path) == before


def test_unknown_revision_is_refused(project_path: Path) -> None:
    Project.open(project_path).close()
    connection = sqlite3.connect(project_path)
    connection.execute("UPDATE alembic_version SET version_num='9999'")
    connection.commit()
    connection.close()
    with pytest.raises(ProjectError, match="unknown to this release"):
        Project.open(project_path)


def test_full_disk_leaves_project_unchanged(project: Project) -> None:
    """SQLite's 'database or disk is full' becomes a ProjectError and a rolled-back action."""
    cable_id = "frus1969-76ve11p2/d293"
    theme = list_themes(project)[0]

    with project.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    project.engine.dispose()

    @event.listens_for(project.engine, "connect")
    def _cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    big_note = "x" * 200_000
    with pytest.raises(ProjectError, match="full"):
        create_annotation(project, cable_id, "body", 0, 10, [theme.id], note=big_note)
    assert annotations_of(project, cable_id) == []


def test_save_as_copies_a_consistent_project(project: Project, tmp_path: Path) -> None:
    theme = list_themes(project)[0]
    create_annotation(project, "frus1969-76ve11p2/d293", "body", 0, 4, [theme.id])
    copy = project.save_as(tmp_path / "copy.cableproj")
    with Project.open(copy, create=False) as reopened:
        assert len(annotations_of(reopened, "frus1969-76ve11p2/d293")) == 1


def test_missing_project_with_create_false(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nothing.cableproj", create=False)


def test_changes_by_another_program_are_noticed_once(project: Project) -> None:
    """The window polls this to refresh after the command line (or a colleague's import
    worker) changed the same file; its own changes do not count."""
    theme = list_themes(project)[0]
    assert not project.changed_elsewhere()  # starts watching
    create_annotation(project, "frus1969-76ve11p2/d293", "body", 0, 4, [theme.id])
    assert not project.changed_elsewhere(), "own commits are not someone else's"
    with Project.open(project.path) as other:
        create_annotation(other, "frus1969-76ve11p2/d293", "body", 5, 9, [theme.id])
    assert project.changed_elsewhere()
    assert not project.changed_elsewhere(), "reported once"


def dump(path: Path) -> list[str]:
    """The SQL content of a database file (a backup copies content, not bytes)."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _project_of_release_0001(path: Path) -> None:
    """A project file as the first release (revision 0001) saved it."""
    import shutil

    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "projects"
                    / "release-0001.cableproj", path)


def test_upgrade_backs_the_file_up_first(project_path: Path, monkeypatch) -> None:
    import cable_annotator.storage.migrate as migrate

    _project_of_release_0001(project_path)
    before = dump(project_path)

    def upgrade(engine) -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE memos (id INTEGER PRIMARY KEY)")
            connection.exec_driver_sql("UPDATE alembic_version SET version_num='0002'")

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    Project.open(project_path).close()
    backup = project_path.with_suffix(".before-upgrade-0001.cableproj")
    assert dump(backup) == before, "the copy holds the project as it was before"
    connection = sqlite3.connect(project_path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    connection.close()


def test_failed_upgrade_leaves_the_file_as_it_was(project_path: Path, monkeypatch) -> None:
    import cable_annotator.storage.migrate as migrate

    _project_of_release_0001(project_path)
    # The content, not the bytes: a file of release 0001 is in rollback-journal mode, and
    # opening it switches it to write-ahead logging (a header flag) before any upgrade.
    before = dump(project_path)

    def upgrade(engine) -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE memos (id INTEGER PRIMARY KEY)")
            raise RuntimeError("disk unplugged")

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    with pytest.raises(ProjectError, match="left as it was") as raised:
        Project.open(project_path)
    assert "before-upgrade-0001" in str(raised.value)
    assert dump(project_path) == before
