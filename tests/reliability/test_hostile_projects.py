"""Project files from someone else are untrusted: planted SQL never runs, damaged rows give
a sentence naming the cable and the file, and a file is never changed by being refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cable_annotator.services import annotating, queries
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.hardening import is_defensive
from cable_annotator.storage.project import Project

from .hostile import SAMPLE_ID, annotation_notes, digest, run_cli, tamper


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # exports named "out.csv" land here


@pytest.fixture
def source(project, tmp_path: Path) -> Path:
    """A closed real project with the sample cable and two annotations."""
    theme = queries.list_themes(project)[0].id
    annotating.create_annotation(project, SAMPLE_ID, "body", 0, 10, [theme], note="first")
    annotating.create_annotation(project, SAMPLE_ID, "body", 20, 30, [theme], note="second")
    project.close()
    return project.path


DELETE_ALL = "DELETE FROM annotations"
PLANTED = {
    # the three cases, and more of the same kind
    "trigger on the index state (fires on open)":
        ("CREATE TRIGGER evil AFTER INSERT ON cable_text_index_state BEGIN "
         f"{DELETE_ALL}; END",),
    "trigger on the index state (update)":
        ("CREATE TRIGGER evil AFTER UPDATE ON cable_text_index_state BEGIN "
         f"{DELETE_ALL}; END",),
    "plain table with a trigger in place of the search index":
        ("DROP TABLE cable_text_index",
         "CREATE TABLE cable_text_index (cable_id, part, text)",
         "CREATE TRIGGER rewrite BEFORE DELETE ON cable_text_index BEGIN "
         "UPDATE annotations SET note = 'pwned'; END"),
    "trigger after insert on annotations":
        ("CREATE TRIGGER spy AFTER INSERT ON annotations BEGIN "
         "UPDATE annotations SET note = 'pwned'; END",),
    "trigger on settings": ("CREATE TRIGGER s AFTER INSERT ON settings BEGIN "
                            f"{DELETE_ALL}; END",),
    "view": ("CREATE VIEW everything AS SELECT * FROM annotations",),
    "extra table": ("CREATE TABLE payload (x)",),
    "extra index": ("CREATE INDEX sneaky ON annotations (note)",),
    "changed table definition (a column added)":
        ("ALTER TABLE annotations ADD COLUMN extra TEXT DEFAULT 'x'",),
    "a view in place of the revision table":
        ("DROP TABLE alembic_version",
         "CREATE VIEW alembic_version AS SELECT '0001' AS version_num"),
    "a missing table": ("DROP TABLE settings",),
    "a trigger named like one of our indexes":
        ("DROP INDEX ix_annotations_cable_part_start",
         "CREATE TRIGGER ix_annotations_cable_part_start AFTER UPDATE ON themes BEGIN "
         f"{DELETE_ALL}; END"),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
@pytest.mark.parametrize("command", [("list",), ("annotate", SAMPLE_ID, "--quote",
                                                 "arms race", "--theme", "Arms race"),
                                     ("export", "csv", "-o", "out.csv"),
                                     ("themes", "add", "Planted")])
def test_planted_sql_is_refused_before_it_can_run(source, tmp_path, capsys, case,
                                                  command) -> None:
    path = tamper(source, tmp_path / "planted.cableproj", *PLANTED[case])
    before = digest(path)
    notes = annotation_notes(path)
    status, out, err = run_cli(capsys, "--project", str(path), *command)
    assert status == 1, out
    assert str(path) in err and "refused" in err, err
    assert "Traceback" not in err
    assert digest(path) == before, "a refused file is left untouched"
    assert annotation_notes(path) == notes, "the planted SQL never ran"


def test_changed_sql_of_a_table_through_writable_schema_is_refused(source, tmp_path, capsys):
    path = tamper(source, tmp_path / "edited.cableproj",
                  "UPDATE sqlite_master SET sql = replace(sql, 'note TEXT NOT NULL', "
                  "'note TEXT NOT NULL CHECK (abs(1))') WHERE name = 'annotations'",
                  writable_schema=True)
    status, _out, err = run_cli(capsys, "--project", str(path), "list")
    assert status == 1 and "changed definition of the table 'annotations'" in err


def test_every_connection_is_defensive_and_distrusts_the_schema(project) -> None:
    with project.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert is_defensive(raw)
        assert raw.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        raw.execute("PRAGMA writable_schema=ON")
        with pytest.raises(sqlite3.DatabaseError):
            raw.execute("UPDATE sqlite_master SET sql = 'x' WHERE name = 'settings'")
        with pytest.raises(sqlite3.DatabaseError):  # shadow tables of the index are ours
            raw.execute("DELETE FROM cable_text_index_data")
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_project_of_each_shipped_revision_is_accepted(tmp_path) -> None:
    """The expected schema is derived from the migrations: a file migrated from nothing
    to each shipped revision by Alembic (then given its search index) is accepted."""
    from sqlalchemy import create_engine

    from cable_annotator.storage import migrate
    from cable_annotator.storage.sqlite import APPLICATION_ID

    for revision in migrate.all_revisions():
        path = tmp_path / f"rev-{revision}.cableproj"
        engine = create_engine(f"sqlite:///{path}")
        migrate.upgrade_to(engine, revision)
        engine.dispose()
        connection = sqlite3.connect(path)
        connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
        connection.execute("PRAGMA user_version=1")
        connection.close()
        with Project.open(path, create=False) as opened:
            assert queries.list_cables(opened) == []


DAMAGED_ROWS = {
    "structure that is not JSON": ("UPDATE cables SET structure = '{not json'", "structure"),
    "structure of the wrong shape": ("UPDATE cables SET structure = '[1, 2]'", "structure"),
    "a page break without its offset":
        ("UPDATE cables SET structure = json_set(structure, '$.pages', "
         "json('[[\"781\"]]'))", "pages"),
    "a paragraph with text for a number":
        ("UPDATE cables SET structure = json_set(structure, '$.blocks', "
         "json('[[\"paragraph\", \"x\", 3, \"1\"]]'))", "paragraphs"),
    "a footnote marker beyond the text":
        ("UPDATE cables SET structure = json_set(structure, '$.footnotes[0].offset', "
         "999999)", "footnote"),
    "binary data for the title": ("UPDATE cables SET title = X'0102'", "title"),
    "bytes that are not UTF-8 in the title":
        ("UPDATE cables SET title = CAST(X'41FF8042' AS TEXT)", "title"),
    "bytes that are not UTF-8 in the text":
        ("UPDATE cables SET text = CAST(X'41FF8042' AS TEXT) || text", "text"),
}


@pytest.mark.parametrize("case", sorted(DAMAGED_ROWS))
@pytest.mark.parametrize("command", [("show", SAMPLE_ID), ("show", SAMPLE_ID, "--json"),
                                     ("export", "csv", "-o", "out.csv"), ("search", "arms"),
                                     ("annotate", SAMPLE_ID, "--quote", "arms race",
                                      "--theme", "Arms race", "--part", "footnote:1")])
def test_a_damaged_cable_row_is_named_not_a_traceback(source, tmp_path, capsys, case,
                                                      command) -> None:
    statement, field = DAMAGED_ROWS[case]
    path = tamper(source, tmp_path / "damaged.cableproj", statement)
    status, _out, err = run_cli(capsys, "--project", str(path), *command)
    assert status == 1
    assert SAMPLE_ID in err and str(path) in err and field in err, err
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("statement, field", [
    ("UPDATE annotations SET start = 'abc'", "start"),
    ("UPDATE annotations SET note = X'07'", "note"),
    ("UPDATE annotations SET quote = CAST(X'FF' AS TEXT)", "quote"),
    ("UPDATE annotation_themes SET theme_id = 'x'", "theme"),
])
def test_a_damaged_annotation_row_is_named(source, tmp_path, capsys, statement, field):
    path = tamper(source, tmp_path / "damaged.cableproj", "PRAGMA foreign_keys=OFF",
                  statement)
    status, _out, err = run_cli(capsys, "--project", str(path), "export", "csv", "-o",
                                str(tmp_path / "out.csv"))
    assert status == 1 and "annotation" in err and field in err and str(path) in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("statement", ["UPDATE themes SET name = X'03'",
                                       "UPDATE themes SET position = 'first'",
                                       "UPDATE themes SET name = CAST(X'C0' AS TEXT)"])
def test_a_damaged_theme_row_is_named(source, tmp_path, capsys, statement):
    path = tamper(source, tmp_path / "damaged.cableproj", statement)
    status, _out, err = run_cli(capsys, "--project", str(path), "themes")
    assert status == 1 and "theme" in err and str(path) in err, err
    assert "Traceback" not in err


def test_list_names_a_cable_with_a_damaged_title(source, tmp_path, capsys):
    path = tamper(source, tmp_path / "damaged.cableproj", "UPDATE cables SET title = X'05'")
    status, _out, err = run_cli(capsys, "--project", str(path), "list")
    assert status == 1 and SAMPLE_ID in err and "title" in err


def test_a_new_project_has_the_schema_the_migrations_create() -> None:
    """A file created by this release and one migrated from nothing are the same schema
    (apart from how the revision table was made), so a file created by an earlier release
    and upgraded by Alembic is recognised as the revision it records."""
    from cable_annotator.storage import schema_check
    from cable_annotator.storage.project import HEAD_REVISION

    migrated = schema_check.migrated_schema(HEAD_REVISION)
    assert schema_check.differences(schema_check.fresh_schema(),
                                    [schema_check._with_fresh_revision_table(migrated)]) == []
    assert ("trigger", "evil") not in schema_check.fresh_schema()
    names = {name for _kind, name in schema_check.fresh_schema()}
    assert {"annotations", "cables", "themes", "cable_text_index", "alembic_version"} <= names


def test_the_refusal_names_what_is_wrong(source, tmp_path) -> None:
    path = tamper(source, tmp_path / "planted.cableproj", *PLANTED["view"],
                  *PLANTED["trigger after insert on annotations"])
    with pytest.raises(ProjectError) as refused:
        Project.open(path, create=False)
    message = str(refused.value)
    assert "a view 'everything'" in message
    assert "a trigger 'spy' on table annotations" in message
    assert "left untouched" in message


def test_a_damaged_search_index_row_is_named(source, tmp_path, capsys) -> None:
    path = tamper(source, tmp_path / "damaged.cableproj",
                  "UPDATE cable_text_index_content SET c2 = X'0102'")
    status, _out, err = run_cli(capsys, "--project", str(path), "search", "arms")
    assert status == 1 and "search index" in err and str(path) in err, err
    assert "Traceback" not in err


def test_the_rollback_journal_can_be_chosen_for_network_drives(project_path, monkeypatch):
    monkeypatch.setenv("CABLE_ANNOTATOR_JOURNAL_MODE", "delete")
    with Project.open(project_path) as opened:
        with opened.engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "delete"
        assert queries.list_themes(opened)
    assert not Path(f"{project_path}-wal").exists()
