"""The passage at the top of the screen stays there when the window is resized and a
column unfolds: the trial's reader at p. 393, para. 5 of vol. XXI doc. 125 found
themselves at p. 392, para. 3 after a resize to 1024×700 and F9."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cable_annotator.services.importing import import_files

from .window_helpers import open_window

DOCUMENT = "frus1977-80v21/d125"


@pytest.mark.parametrize("fraction", [0.3, 0.55, 0.8])
def test_resizing_and_unfolding_keep_the_line_at_the_top(qtbot, project, tmp_path,
                                                         shared_corpus, fraction):
    import_files(project, [shared_corpus / "frus" / "frus1977-80v21.xml"])
    window = open_window(qtbot, project, tmp_path, 800, 600)
    window.show_cable(DOCUMENT)
    text = window.reading.cable_text()
    qtbot.waitUntil(text.layout_driver.is_finished, timeout=10000)
    bar = text.verticalScrollBar()
    bar.setValue(int(bar.maximum() * fraction))
    qtbot.wait(50)
    part, before = window.reading.reading_place()
    line = text.document().findBlock(text.first_visible_position(whole=True)).layout()
    longest = max(line.lineAt(n).textLength() for n in range(line.lineCount()))
    window.resize(1024, 700)
    qtbot.wait(100)
    QTest.keyClick(window, Qt.Key.Key_F9)  # the corpus unfolds: the text narrows again
    qtbot.wait(100)
    QTest.keyClick(window, Qt.Key.Key_F9)
    qtbot.wait(100)
    after_part, after = window.reading.reading_place()
    assert after_part == part
    # The line that holds the passage is the top one: at most a line's length earlier.
    assert before - longest <= after <= before, (before, after, longest)
