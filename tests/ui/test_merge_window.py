"""File → Merge Project… in the window: one undo step, the report, and the conflict
dialog's keep mine / theirs / both (each choice undoable)."""

from __future__ import annotations

import shutil

from cable_annotator.services import merge_conflicts, merging, queries
from cable_annotator.storage.project import Project
from tests.services.test_merging import base, two_copies  # noqa: F401 (fixtures)

from .window_helpers import open_window


def test_merge_in_the_window_is_one_undo_step_with_a_conflict_dialog(
        qtbot, two_copies, tmp_path):  # noqa: F811 (the fixture imported above)
    ana_path, ben_path, ids, new_a, new_b = two_copies
    mine = tmp_path / "mine.cableproj"
    shutil.copyfile(ana_path, mine)
    project = Project.open(mine)
    window = open_window(qtbot, project, tmp_path)
    before = set(window.annotations.model.ids())
    with qtbot.waitSignal(window.mergeFinished, timeout=60000) as merged:
        assert window.merge_project_file(ben_path, show_dialog=False)
    report = merged.args[0]
    assert report is not None and len(report.conflicts) == 2
    assert window.workspace.undo_stack.count() == 1
    shown = set(window.annotations.model.ids())
    assert new_b in shown and before < shown
    # The merge's own writes are not taken for another program's at the next poll.
    assert window.outside_changes.check() is False

    dialog = window.build_merge_dialog(report.summary(), [], report.conflicts)
    qtbot.addWidget(dialog)
    assert len(dialog.cards) == 2
    both = next(c for c in dialog.cards if c.conflict.kind == merging.BOTH_CHANGED)
    both.buttons[merge_conflicts.KEEP_THEIRS].click()
    assert both.outcome.text() == "Resolved: Keep theirs"
    chile = [a for a in queries.annotations_of(project, "frus1969-76ve11p2/d293")
             if a.quote == "Chile"]
    assert [a.note for a in chile] == ["Ben: Chile, surely not"]
    window.actions.undo.trigger()  # the resolution
    assert len([a for a in queries.annotations_of(project, "frus1969-76ve11p2/d293")
                if a.quote == "Chile"]) == 2
    window.actions.undo.trigger()  # the merge
    assert set(window.annotations.model.ids()) == before
    assert new_b not in {a.id for a in queries.all_annotations(project)}
    window.actions.redo.trigger()
    assert new_b in set(window.annotations.model.ids())
    assert window.actions.merge_project.text() == "&Merge Project…"


def test_merging_a_damaged_file_shows_a_message_and_changes_nothing(qtbot, project, tmp_path,
                                                                    monkeypatch):
    window = open_window(qtbot, project, tmp_path)
    bogus = tmp_path / "broken.cableproj"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    messages = []
    monkeypatch.setattr(window, "_show_refusal", messages.append)
    with qtbot.waitSignal(window.mergeFinished, timeout=60000) as merged:
        assert window.merge_project_file(bogus, show_dialog=False)
    assert merged.args[0] is None
    assert messages and "broken.cableproj" in messages[0]
    assert window.workspace.undo_stack.count() == 0
