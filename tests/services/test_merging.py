"""Merging two people's copies of one project: every annotation once, conflicts listed,
idempotent, symmetric, one undoable transaction.

The project files are real: made by the command line (import, annotate), copied as a
colleague would receive them, then edited through the same services the window uses
(notes, deletions, themes), and merged both ways.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cable_annotator.cli import main
from cable_annotator.domain.annotation import theme_path
from cable_annotator.services import preferences
from cable_annotator.services.annotating import (
    ChangedElsewhere,
    annotate_quote,
    delete_annotation,
    update_annotation,
)
from cable_annotator.services.codebook import add_theme
from cable_annotator.services.merge_conflicts import open_conflicts, resolve_conflict
from cable_annotator.services.merging import (
    BOTH_CHANGED,
    DELETED_VS_CHANGED,
    merge_project,
    undo_merge,
)
from cable_annotator.services.queries import (
    all_annotations,
    find_theme,
    list_themes,
    load_cable,
)
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME

QUOTES = {"race": "an arms race could ensue", "tanks": "Soviet Tanks", "chile": "Chile",
          "belcher": "Belcher"}


def cli(project: Path, *args: str) -> None:
    assert main(["--project", str(project), *args]) == 0


@pytest.fixture
def base(tmp_path: Path, capsys) -> tuple[Path, dict[str, str]]:
    """A project made by the command line: the sample cable and four annotations."""
    path = tmp_path / "base.cableproj"
    cli(path, "import", "--volume", SAMPLE_VOLUME, str(SAMPLE_TEXT))
    ids = {}
    for key, theme, extra in (("race", "Arms race", ()), ("tanks", "Arms sales", ()),
                              ("chile", "Regional stability", ()),
                              ("belcher", "Bilateral relations", ("--part", "footnote:1"))):
        capsys.readouterr()
        cli(path, "annotate", SAMPLE_ID, "--quote", QUOTES[key], "--theme", theme, *extra)
        ids[key] = capsys.readouterr().out.split("\t")[0]
    return path, ids


def content(project: Project) -> dict[str, tuple]:
    """Every annotation as the reader sees it, themes by path (case aside: a theme both
    made, "Guano" here and "guano" there, keeps each side's spelling, reported)."""
    themes = {t.id: t for t in list_themes(project)}
    return {a.id: (a.cable_id, a.part, a.start, a.end, a.quote, a.note, a.author,
                   tuple(theme_path(themes[t], themes).casefold() for t in a.theme_ids),
                   a.orphaned,
                   a.version, a.conflict != "")
            for a in all_annotations(project)}


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [line for line in connection.iterdump()
                if not line.startswith(('INSERT INTO "cable_search', "INSERT INTO cable_search"))]


@pytest.fixture
def two_copies(base, tmp_path: Path):
    """Ana and Ben each annotate a copy: new work, the same passage edited on both sides,
    a deletion on one side of a passage the other changed, and the same new theme."""
    path, ids = base
    ana_path, ben_path = tmp_path / "ana.cableproj", tmp_path / "ben.cableproj"
    shutil.copyfile(path, ana_path)
    shutil.copyfile(path, ben_path)
    preferences.set_author("Ana")
    with Project.open(ana_path) as ana:
        guano = add_theme(ana, "Guano", color="#112233").theme
        new_a = annotate_quote(ana, SAMPLE_ID, "Peruvian Purchase", [guano.id]).annotation
        update_annotation(ana, ids["race"], note="Ana: the key fear")
        update_annotation(ana, ids["chile"], note="Ana: Chile is the worry")
        delete_annotation(ana, ids["belcher"])
    preferences.set_author("Ben")
    with Project.open(ben_path) as ben:
        guano = add_theme(ben, "guano", color="#445566").theme
        new_b = annotate_quote(ben, SAMPLE_ID, "For Ambassador", [guano.id]).annotation
        annotate_quote(ben, SAMPLE_ID, "Peruvian Purchase", [guano.id])  # as Ana did
        update_annotation(ben, ids["chile"], note="Ben: Chile, surely not")
        update_annotation(ben, ids["belcher"], note="Ben: who is Belcher?")
        sub = add_theme(ben, "Tanks", parent_id=find_theme(ben, "Arms sales").id).theme
        update_annotation(ben, ids["tanks"],
                          theme_ids=[find_theme(ben, "Arms sales").id, sub.id])
    return ana_path, ben_path, ids, new_a.id, new_b.id


def merged(tmp_path: Path, into: Path, other: Path, name: str):
    target = tmp_path / name
    shutil.copyfile(into, target)
    project = Project.open(target)
    return project, merge_project(project, other)


def test_merge_both_ways_keeps_every_annotation_once_and_lists_conflicts(
        two_copies, tmp_path: Path) -> None:
    ana_path, ben_path, ids, new_a, new_b = two_copies
    ana, report_a = merged(tmp_path, ana_path, ben_path, "ana+ben.cableproj")
    ben, report_b = merged(tmp_path, ben_path, ana_path, "ben+ana.cableproj")
    with ana, ben:
        seen_a, seen_b = content(ana), content(ben)
        assert seen_a == seen_b, "merging A into B and B into A gives the same annotations"
        assert new_a in seen_a and new_b in seen_a
        assert seen_a[ids["race"]][5] == "Ana: the key fear"  # changed on one side: taken
        assert seen_a[ids["tanks"]][7] == ("arms sales", "arms sales/tanks")
        notes = sorted(v[5] for v in seen_a.values() if v[4] == "Chile")
        assert notes == ["Ana: Chile is the worry", "Ben: Chile, surely not"]
        assert seen_a[ids["belcher"]][5] == "Ben: who is Belcher?"  # deleted vs changed
        # the 4 of the base, 3 new (Ana's and Ben's on one passage: both kept), 1 copy
        assert len(seen_a) == 4 + 3 + 1
        assert report_a.same_passage == 1 and "lie on passages annotated here" in \
            report_a.summary()
        for report in (report_a, report_b):
            kinds = sorted(c.kind for c in report.conflicts)
            assert kinds == [BOTH_CHANGED, DELETED_VS_CHANGED]
        assert (report_a.added, report_a.updated) == (2, 1)  # Ben's new ones; tanks
        assert (report_b.added, report_b.updated) == (1, 1)  # Ana's new one; race
        guanos = [t for t in list_themes(ana) if t.name.lower() == "guano"]
        assert len(guanos) == 1 and guanos[0].color == "#112233"  # ours wins, reported
        assert any("colour #445566" in d for d in report_a.theme_differences)
        assert report_a.themes_matched_by_name == ["guano"]
        deletion = next(c for c in report_a.conflicts if c.kind == DELETED_VS_CHANGED)
        assert deletion.deleted_by == "mine"
        # rebuilt from the store (a later session, the command line), each side still
        # knows which version is its own
        for project, report in ((ana, report_a), (ben, report_b)):
            key = lambda c: c.kind  # noqa: E731
            assert sorted(open_conflicts(project), key=key) == sorted(report.conflicts,
                                                                      key=key)
        assert next(c for c in report_b.conflicts
                    if c.kind == DELETED_VS_CHANGED).deleted_by == "theirs"


def test_merging_the_same_file_twice_changes_nothing_the_second_time(
        two_copies, tmp_path: Path) -> None:
    ana_path, ben_path, *_ = two_copies
    ana, first = merged(tmp_path, ana_path, ben_path, "twice.cableproj")
    with ana:
        assert first.changed_anything
        before = dump(ana.path)
        again = merge_project(ana, ben_path)
        assert not again.changed_anything and again.conflicts == []
        assert (again.added, again.updated, again.deleted) == (0, 0, 0)
        assert dump(ana.path) == before


def test_merge_is_one_step_that_undo_takes_back_whole(two_copies, tmp_path: Path) -> None:
    ana_path, ben_path, *_ = two_copies
    target = tmp_path / "undo.cableproj"
    shutil.copyfile(ana_path, target)
    with Project.open(target) as ana:
        before = content(ana), [(t.name, t.color) for t in list_themes(ana)]
        report = merge_project(ana, ben_path)
        assert content(ana) != before[0]
        undo_merge(ana, report.snapshot)
        assert (content(ana), [(t.name, t.color) for t in list_themes(ana)]) == before
        redo = merge_project(ana, ben_path)
        assert len(redo.conflicts) == 2
        # another window edits an annotation the merge wrote: the undo is refused
        changed = next(iter(i for i, v in redo.snapshot.written.items() if v))
        update_annotation(ana, changed, note="written in another window")
        with pytest.raises(ChangedElsewhere):
            undo_merge(ana, redo.snapshot)
        assert content(ana)[changed][5] == "written in another window"


def test_resolved_conflicts_stay_resolved_at_the_next_merge(two_copies, tmp_path) -> None:
    ana_path, ben_path, ids, *_ = two_copies
    ana, report = merged(tmp_path, ana_path, ben_path, "resolve.cableproj")
    with ana:
        both = next(c for c in report.conflicts if c.kind == BOTH_CHANGED)
        deletion = next(c for c in report.conflicts if c.kind == DELETED_VS_CHANGED)
        with pytest.raises(ValueError, match="mine or theirs or both"):
            resolve_conflict(ana, both, "keep")
        resolve_conflict(ana, both, "theirs")
        resolve_conflict(ana, deletion, "keep")
        assert open_conflicts(ana) == []
        seen = content(ana)
        chile = [v for v in seen.values() if v[4] == "Chile"]
        assert [v[5] for v in chile] == ["Ben: Chile, surely not"]
        assert seen[ids["chile"]][5] == "Ben: Chile, surely not"  # under the shared UUID
        assert seen[ids["belcher"]][5] == "Ben: who is Belcher?"
        again = merge_project(ana, ben_path)
        assert again.conflicts == [] and again.added == again.updated == 0
        resolved_path = ana.path
    # and Ben, merging Ana's resolved project, takes her resolutions without conflict
    ben, back = merged(tmp_path, ben_path, resolved_path, "ben-after.cableproj")
    with ben:
        assert back.conflicts == []
        assert [v[5] for v in content(ben).values() if v[4] == "Chile"] == [
            "Ben: Chile, surely not"]


def test_deleted_on_one_side_and_unchanged_on_the_other_is_deleted(base, tmp_path) -> None:
    path, ids = base
    mine, theirs = tmp_path / "mine.cableproj", tmp_path / "theirs.cableproj"
    shutil.copyfile(path, mine)
    shutil.copyfile(path, theirs)
    with Project.open(theirs) as other:
        delete_annotation(other, ids["tanks"])
    with Project.open(mine) as project:
        report = merge_project(project, theirs)
        assert report.deleted == 1 and report.conflicts == []
        assert ids["tanks"] not in content(project)
    with Project.open(theirs) as other:  # the other way: our deletion stays
        report = merge_project(other, mine)
        assert ids["tanks"] not in content(other) and report.added == 0


def test_a_cable_whose_text_differs_keeps_ours_and_reanchors_theirs(base, tmp_path,
                                                                      capsys) -> None:
    path, ids = base
    theirs = tmp_path / "theirs.cableproj"
    shutil.copyfile(path, theirs)
    with Project.open(theirs) as other:
        update_annotation(other, ids["race"], note="theirs, on the old text")
        update_annotation(other, ids["tanks"], note="theirs too")
    corrected = tmp_path / SAMPLE_TEXT.name
    corrected.write_text(SAMPLE_TEXT.read_text("utf-8")
                         .replace("You should seek", "You should, as soon as possible, seek")
                         .replace(", and an arms race could", ","), encoding="utf-8")
    cli(path, "import", "--volume", SAMPLE_VOLUME, str(corrected))  # ours is corrected
    with Project.open(path) as project:
        ours_before = content(project)
        report = merge_project(project, theirs)
        assert report.cables_differing == [SAMPLE_ID]
        after = {a.id: a for a in all_annotations(project)}
        assert set(after) == set(ours_before) and report.updated == 2
        assert report.orphaned == 1  # "an arms race could ensue" has no place in ours
        race, tanks = after[ids["race"]], after[ids["tanks"]]
        assert race.orphaned and race.note == "theirs, on the old text"
        text = load_cable(project, SAMPLE_ID).text
        assert text[tanks.start:tanks.end] == "Soviet Tanks" and tanks.note == "theirs too"
    capsys.readouterr()
    cli(path, "merge", str(theirs))
    out = capsys.readouterr().out
    assert out.startswith("Merged ") and f"text differs\t{SAMPLE_ID}" in out


def test_merge_reads_a_release_0001_file_without_changing_it(project, tmp_path) -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / (
        "release-0001.cableproj")
    old = tmp_path / "old.cableproj"
    shutil.copyfile(fixture, old)
    before = old.read_bytes()
    report = merge_project(project, old)
    assert report.added == 4 and old.read_bytes() == before
    assert not list(tmp_path.glob("old.before-upgrade-*"))
    assert {"Arms race/Chile"} <= {theme_path(t, {x.id: x for x in list_themes(project)})
                                   for t in list_themes(project)}


def test_merging_something_that_is_not_a_project_names_the_file(project, tmp_path) -> None:
    bogus = tmp_path / "notes.cableproj"
    bogus.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectError, match="notes.cableproj"):
        merge_project(project, bogus)
    assert bogus.read_text(encoding="utf-8") == "not a database"


def test_command_line_merges_lists_and_resolves_conflicts(two_copies, tmp_path, capsys) -> None:
    import json

    ana_path, ben_path, ids, *_ = two_copies
    capsys.readouterr()
    cli(ana_path, "merge", str(ben_path))
    out = capsys.readouterr()
    assert "2 added, 1 updated" in out.out and "2 in conflict" in out.out
    assert "resolve ID --keep" in out.err
    cli(ana_path, "conflicts", "--json")
    listed = json.loads(capsys.readouterr().out)
    assert sorted(c["kind"] for c in listed) == [BOTH_CHANGED, DELETED_VS_CHANGED]
    cli(ana_path, "resolve", ids["chile"], "--keep", "both")
    cli(ana_path, "resolve", ids["belcher"], "--keep", "delete")
    capsys.readouterr()
    cli(ana_path, "conflicts")
    assert capsys.readouterr().out == ""
    assert main(["--project", str(ana_path), "resolve", ids["race"], "--keep", "mine"]) == 1
    assert "is in no merge conflict" in capsys.readouterr().err
    with Project.open(ana_path) as ana:
        seen = content(ana)
        assert ids["belcher"] not in seen
        assert len([v for v in seen.values() if v[4] == "Chile"]) == 2
