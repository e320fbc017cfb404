"""At 800×600 the notes stand below the text: they follow it, showing the notes of the
markers on screen (the trial's FRUS 1961–63 vol. XII doc. 173 showed note 7 while the text
showed its top with markers 1–4)."""

from __future__ import annotations

import pytest

from cable_annotator.services.importing import import_files

from .window_helpers import open_window

DOCUMENT = "frus1961-63v12/d173"


@pytest.fixture(scope="module")
def volume_file(shared_corpus):
    return shared_corpus / "frus" / "frus1961-63v12.xml"


def markers_on_screen(pane) -> tuple[list[str], str | None]:
    """The notes whose markers the text shows, and the last marker's above the screen."""
    text_bar = pane.cable_view.verticalScrollBar()
    top = text_bar.value()
    bottom = top + pane.cable_view.viewport().height()
    shown, above = [], None
    for key in pane.built.note_blocks:
        baseline = pane.marker_baseline(key)
        if baseline is None:
            continue
        if baseline < top:
            above = key
        elif baseline <= bottom:
            shown.append(key)
    return shown, above


def notes_in_view(pane) -> list[str]:
    bar = pane.view.verticalScrollBar()
    top, bottom = bar.value(), bar.value() + pane.view.viewport().height()
    layout = pane.built.document.documentLayout()
    keys = list(pane.built.note_blocks)
    seen = []
    for index, key in enumerate(keys):
        first = pane.note_top(key)
        last = layout.blockBoundingRect(pane._last_block(index)).bottom()
        if first < bottom and last > top:
            seen.append(key)
    return seen


def test_the_notes_below_show_the_markers_on_screen(qtbot, project, tmp_path, volume_file):
    import_files(project, [volume_file])
    window = open_window(qtbot, project, tmp_path, 800, 600)
    window.show_cable(DOCUMENT)
    reading = window.reading
    qtbot.waitUntil(reading.cable_text().layout_driver.is_finished, timeout=10000)
    pane = reading.footnote_pane()
    qtbot.waitUntil(lambda: pane.view.viewport().height() > 60)  # the notes pane is sized
    assert not reading.notes_beside(), "at 800×600 the notes go below the text"
    pane = reading.footnote_pane()
    assert len(pane.built.note_blocks) >= 7
    notes_bar = pane.view.verticalScrollBar()
    assert notes_bar.maximum() > 0, "the notes fit their pane: this proves nothing"
    text_bar = reading.cable_text().verticalScrollBar()
    notes_bar.setValue(notes_bar.maximum())  # as the trial left it: on the last note
    text_bar.setValue(text_bar.maximum())
    for fraction in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 0.5, 0.0):
        text_bar.setValue(int(text_bar.maximum() * fraction))
        qtbot.wait(10)
        shown, above = markers_on_screen(pane)
        in_view = notes_in_view(pane)
        if shown:
            assert set(shown) & set(in_view), (fraction, shown, in_view)
        elif above is not None:
            assert above in in_view, (fraction, above, in_view)
    assert text_bar.value() == 0
    assert "1" in notes_in_view(pane), "at the top of the text, its first note"
    text_bar.setValue(300)  # markers 1–4 above the screen: note 4 is the one to read
    shown, above = markers_on_screen(pane)
    assert not shown and above == "4", (shown, above)
    assert "4" in notes_in_view(pane)
    text_bar.setValue(0)  # back to the top: note 1 again, not the note 4 left in view
    assert "1" in notes_in_view(pane)


def test_notes_scrolled_to_one_on_screen_are_left_there(qtbot, project, tmp_path,
                                                        volume_file):
    import_files(project, [volume_file])
    window = open_window(qtbot, project, tmp_path, 800, 600)
    window.show_cable(DOCUMENT)
    reading = window.reading
    qtbot.waitUntil(reading.cable_text().layout_driver.is_finished, timeout=10000)
    pane = reading.footnote_pane()
    qtbot.waitUntil(lambda: pane.view.viewport().height() > 60)  # the notes pane is sized
    pane = reading.footnote_pane()
    text_bar = reading.cable_text().verticalScrollBar()
    text_bar.setValue(1)
    shown, _ = markers_on_screen(pane)
    assert len(shown) >= 2
    pane.view.verticalScrollBar().setValue(int(pane.note_top(shown[-1])))  # the reader's
    text_bar.setValue(2)  # a nudge of the text keeps a note of the screen in view
    assert shown[-1] in notes_in_view(pane)
