"""A project saved by the first release (schema revision 0001) opens, is backed up and is
upgraded to this release's schema with every annotation intact.

The fixture ``tests/fixtures/projects/release-0001.cableproj`` was made by the command line
of main at 9f9c19d (revision 0001): the sample cable, two added themes (one a sub-theme),
and four annotations, one in footnote 1, one with a note holding a character outside the
Basic Multilingual Plane. Keep one such file for every revision from now on
(``revision-0002.cableproj``, below).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cable_annotator.storage.migrate import include_object
from cable_annotator.storage.models import Base
from cable_annotator.storage.project import HEAD_REVISION, SCHEMA_VERSION, Project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / "release-0001.cableproj"

EXPECTED = {  # id: (part, start, end, quote, theme paths, note)
    "341369a9-e4d1-4c0f-af1f-1160c0b27249": ("body", 1795, 1819, "an arms race could ensue",
                                             ["Arms race"], "Key fear — 𝔸 non-BMP note"),
    "e70b79ca-8f0b-4312-9d48-0ede3754e182": ("body", 110, 122, "Soviet Tanks",
                                             ["Arms sales", "Soviet influence"], ""),
    "ab1ddd4f-1a63-4a0e-8a60-3d24e34ec9eb": ("body", 4614, 4619, "Chile", ["Arms race/Chile"],
                                             ""),
    "98c7067e-3dd2-4eea-9525-e5367295e60d": ("footnote 1", 35, 42, "Belcher",
                                             ["Bilateral relations"], "footnote passage"),
}


def _rows_0001(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT id, cable_id, part, start, \"end\", quote, prefix, suffix, note, author, "
            "created, modified, orphaned FROM annotations ORDER BY id").fetchall()


def test_release_0001_project_upgrades_with_every_annotation_intact(tmp_path: Path) -> None:
    from cable_annotator.domain.annotation import theme_path
    from cable_annotator.services.queries import all_annotations, list_themes

    path = tmp_path / "colleague.cableproj"
    shutil.copyfile(FIXTURE, path)
    before = _rows_0001(path)
    assert len(before) == 4

    with Project.open(path, create=False) as project:
        backup = tmp_path / "colleague.before-upgrade-0001.cableproj"
        assert backup.exists() and _rows_0001(backup) == before
        themes = list_themes(project)
        by_id = {t.id: t for t in themes}
        annotations = {a.id: a for a in all_annotations(project)}
        with project.engine.connect() as connection:
            context = MigrationContext.configure(connection,
                                                 opts={"include_object": include_object})
            assert context.get_current_revision() == HEAD_REVISION
            assert compare_metadata(context, Base.metadata) == []
    assert set(annotations) == set(EXPECTED)
    for annotation_id, (part, start, end, quote, paths, note) in EXPECTED.items():
        annotation = annotations[annotation_id]
        assert (annotation.part, annotation.start, annotation.end) == (part, start, end)
        assert annotation.quote == quote and annotation.note == note
        assert [theme_path(by_id[t], by_id) for t in annotation.theme_ids] == paths
        assert annotation.author == "root" and annotation.modified_by == "root"
        assert annotation.version and not annotation.orphaned and not annotation.conflict
    row = {r[0]: r for r in before}
    assert all(annotations[i].created == row[i][10] for i in EXPECTED)
    uids = [t.uid for t in themes]
    assert all(uids) and len(set(uids)) == len(uids)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 0


def test_two_copies_upgraded_apart_agree_on_identities(tmp_path: Path) -> None:
    """A colleague's copy of the same old project, upgraded on their machine, must merge as
    a copy: the same theme uids and annotation versions."""
    seen = []
    for name in ("mine", "theirs"):
        path = tmp_path / f"{name}.cableproj"
        shutil.copyfile(FIXTURE, path)
        with Project.open(path, create=False) as project, project.reading() as session:
            seen.append((
                sorted(session.execute(Base.metadata.tables["themes"].select()
                                       .with_only_columns(Base.metadata.tables["themes"].c.uid))
                       .scalars()),
                sorted(session.execute(Base.metadata.tables["annotations"].select()
                                       .with_only_columns(
                                           Base.metadata.tables["annotations"].c.version))
                       .scalars())))
    assert seen[0] == seen[1]


REVISION_0002 = FIXTURE.with_name("revision-0002.cableproj")


def test_revision_0002_project_opens_as_it_is(tmp_path: Path) -> None:
    """The schema of this work (revision 0002), kept for the next revision to upgrade: made
    by the services (Ana and Ben, a deletion, a merge with a conflict left open)."""
    from cable_annotator.services.merge_conflicts import open_conflicts
    from cable_annotator.services.merging import BOTH_CHANGED
    from cable_annotator.services.queries import all_annotations

    path = tmp_path / "ana.cableproj"
    shutil.copyfile(REVISION_0002, path)
    with Project.open(path, create=False) as project:
        annotations = all_annotations(project)
        [conflict] = open_conflicts(project)
    assert not list(tmp_path.glob("*.before-upgrade-*"))
    assert len(annotations) == 4 and conflict.kind == BOTH_CHANGED
    notes = sorted(a.note for a in annotations if a.quote == "Chile")
    assert notes == ["Ana's view", "Ben's view"]
    by_id = {a.id: a for a in annotations}
    assert by_id[conflict.mine_id].note == "Ana's view"  # the file's own version
    assert by_id[conflict.theirs_id].note == "Ben's view"
    assert {a.author for a in annotations} == {"Ana Ruiz"}
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 1
