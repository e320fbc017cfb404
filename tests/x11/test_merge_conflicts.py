"""The merge-conflict dialog in the real window, settled with real mouse clicks (xdotool
through the X server): keep mine, keep theirs or keep both for a passage both copies
changed, keep it or delete it for one deleted here and changed there — then the store is
read back to see that each choice did what its button said."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint

from cable_annotator.services import merge_conflicts, merging, queries
from cable_annotator.storage.project import Project
from tests.conftest import SAMPLE_ID
from tests.services.test_merging import QUOTES, base, two_copies  # noqa: F401 (fixtures)

from .window import wait_for_size, window

pytestmark = [pytest.mark.x11]

MINE, THEIRS = "Ana: Chile is the worry", "Ben: Chile, surely not"
EXPECTED_NOTES = {merge_conflicts.KEEP_MINE: [MINE], merge_conflicts.KEEP_THEIRS: [THEIRS],
                  merge_conflicts.KEEP_BOTH: sorted([MINE, THEIRS])}


def click(qtbot, xdotool: str, widget) -> None:
    """A real click in the middle of ``widget``, moved to and pressed by the X server."""
    qtbot.waitUntil(widget.isVisible)
    centre = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
    subprocess.run([xdotool, "mousemove", "--sync", str(centre.x()), str(centre.y())],
                   check=True, timeout=10)
    subprocess.run([xdotool, "click", "1"], check=True, timeout=10)


@pytest.mark.parametrize("keep, keep_deleted", [
    (merge_conflicts.KEEP_MINE, merge_conflicts.KEEP_ANNOTATION),
    (merge_conflicts.KEEP_THEIRS, merge_conflicts.KEEP_DELETION),
    (merge_conflicts.KEEP_BOTH, merge_conflicts.KEEP_ANNOTATION),
])
def test_conflicts_are_settled_by_clicks_in_the_real_window(
        qtbot, xdotool, two_copies, tmp_path, keep, keep_deleted):  # noqa: F811
    ana_path, ben_path, *_ = two_copies
    mine = tmp_path / "mine.cableproj"
    shutil.copyfile(ana_path, mine)
    project = Project.open(mine)
    try:
        with window(qtbot, project, tmp_path / "x11", (1024, 700)) as main:
            assert wait_for_size(qtbot, main, (1024, 700)) is None
            with qtbot.waitSignal(main.mergeFinished, timeout=60000) as merged:
                assert main.merge_project_file(ben_path, show_dialog=False)
            report = merged.args[0]
            dialog = main.build_merge_dialog(report.summary(), [], report.conflicts)
            dialog.show()
            qtbot.waitExposed(dialog, timeout=10000)
            dialog.raise_()
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=10000)
            screen = dialog.screen().availableGeometry()
            assert screen.contains(dialog.frameGeometry()), "the dialog fits the screen"
            both = next(c for c in dialog.cards if c.conflict.kind == merging.BOTH_CHANGED)
            deleted = next(c for c in dialog.cards if c is not both)
            click(qtbot, xdotool, both.buttons[keep])
            qtbot.waitUntil(lambda: both.outcome.text().startswith("Resolved"), timeout=5000)
            assert not any(b.isEnabled() for b in both.buttons.values())
            click(qtbot, xdotool, deleted.buttons[keep_deleted])
            qtbot.waitUntil(lambda: deleted.outcome.text().startswith("Resolved"),
                            timeout=5000)

            stored = queries.annotations_of(project, SAMPLE_ID)
            chile = sorted(a.note for a in stored if a.quote == QUOTES["chile"])
            assert chile == EXPECTED_NOTES[keep]
            belcher = [a for a in queries.all_annotations(project)
                       if a.quote == QUOTES["belcher"]]
            if keep_deleted == merge_conflicts.KEEP_ANNOTATION:
                assert [a.note for a in belcher] == ["Ben: who is Belcher?"]
            else:
                assert belcher == []
            assert merge_conflicts.open_conflicts(project) == []
            # The window shows what the store holds.
            qtbot.waitUntil(lambda: sorted(a.note for a in main._annotations
                                           if a.quote == QUOTES["chile"]) == chile)
            # Undo takes back the last choice, from the window's Edit menu.
            main.actions.undo.trigger()
            assert len(merge_conflicts.open_conflicts(project)) == 1
            dialog.close()
    finally:
        project.close()
