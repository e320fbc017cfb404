"""At 800×600 Ctrl+1 unfolds the corpus (folding the codebook column: no room for both);
the window manager then makes the window 1600×1000. The codebook, the cards and the note
box come back (F5 of the new-user walkthrough: they stayed hidden, and the window seemed
to have lost them). F9 folding the corpus again gives the codebook back at once."""

from __future__ import annotations

import subprocess

import pytest

from tests.ui.ui_fixtures import ARMS_RACE_QUOTE, annotate

from . import reading_geometry as geo
from .window import wait_for_size, window

pytestmark = [pytest.mark.x11]


def test_the_side_column_folded_for_room_comes_back_at_1600(qtbot, project, tmp_path,
                                                             xdotool):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    with window(qtbot, project, tmp_path, (800, 600)) as main:
        geo.settle(qtbot, main)
        side = main.side_splitter
        assert side.isVisible() and not main.corpus.isVisible()
        for keys, corpus, codebook in (("ctrl+1", True, False), ("F9", False, True),
                                       ("ctrl+1", True, False)):
            subprocess.run([xdotool, "key", "--clearmodifiers", keys], check=True, timeout=10)
            qtbot.waitUntil(lambda c=corpus, s=codebook: (main.corpus.isVisible(),
                                                          side.isVisible()) == (c, s),
                            timeout=4000)
        problem = wait_for_size(qtbot, main, (1600, 1000))
        assert problem is None, problem
        qtbot.waitUntil(side.isVisible, timeout=4000)
        geo.settle(qtbot, main)
        for panel in (main.codebook, main.annotations.view, main.note_editor):
            assert panel.isVisible() and panel.width() > 200, type(panel).__name__
        assert main.annotations.model.rowCount() == 1
        assert main.corpus.isVisible()
        assert main.reading.width() >= 360
