"""The toolbar search driven as a reader: type, see the corpus narrow and the hits marked,
walk them with Enter and F3 across documents, clear with Escape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTextEdit

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files

from .ui_fixtures import SAMPLE_ID
from .window_helpers import cable_text, open_window

OTHER_ID = "frus1969-76ve11p2/d299"


@pytest.fixture
def two_cables(project, sample_copy):
    """The sample and a second document (doc. 299) that mentions Velasco once."""
    text = sample_copy.read_text("utf-8")
    text = text.replace("293. Telegram 16696", "299. Telegram 8043", 1)
    sample_copy.write_text(text, encoding="utf-8")
    renamed = sample_copy.with_name("frus1969-76ve11p2-d299.txt")
    sample_copy.rename(renamed)
    import_files(project, [renamed], volume="frus1969-76ve11p2")
    return project


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


def type_search(qtbot, window, text: str) -> QLineEdit:
    box = window.findChild(QLineEdit, "findBox")
    assert box.placeholderText() == "Search documents…"
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: window.search.query == text.strip(), timeout=3000)
    return box


def marked_texts(view: QTextEdit) -> list[str]:
    """The characters each search mark covers, read from the view's own document."""
    document = view.document()
    out = []
    for start, end in view.search_marks():
        cursor = view.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
        out.append(cursor.selectedText())
    del document
    return out


def test_typing_is_debounced_and_marks_every_hit_in_text_and_notes(window, qtbot):
    box = window.findChild(QLineEdit, "findBox")
    qtbot.keyClicks(box, "Vel")
    assert window.search.query == ""  # nothing runs per keystroke
    qtbot.keyClicks(box, "asco")
    qtbot.waitUntil(lambda: window.search.query == "Velasco", timeout=3000)
    body = cable_text(window)
    notes = window.reading.footnote_pane().view
    assert marked_texts(body) and set(marked_texts(body)) == {"Velasco"}
    assert set(marked_texts(notes)) == {"Velasco"}
    cable = queries.load_cable(window.project, SAMPLE_ID)
    expected = cable.text.count("Velasco") + cable.footnote("1").text.count("Velasco")
    assert len(window.search.hits()) == expected
    assert "Velasco" in window.status_line.text() and "1 document" in window.status_line.text()


def test_marks_sit_on_the_right_characters_after_astral_text(qtbot, empty_project, sample_copy,
                                                              tmp_path):
    text = sample_copy.read_text("utf-8").replace(
        "You should seek", "You 𝔰𝔥𝔬𝔲𝔩𝔡 😀 should seek", 1)
    sample_copy.write_text(text, encoding="utf-8")
    import_files(empty_project, [sample_copy], volume="frus1969-76ve11p2")
    window = open_window(qtbot, empty_project, tmp_path)
    type_search(qtbot, window, '"seek an appointment"')
    assert set(marked_texts(cable_text(window))) == {"seek an appointment"}


def test_phrase_hits_and_diacritics_in_a_footnote(window, qtbot):
    type_search(qtbot, window, "demarche")
    [hit] = window.search.hits()
    assert hit.part == "footnote 1"
    assert marked_texts(window.reading.footnote_pane().view) == ["démarche"]
    assert marked_texts(cable_text(window)) == []
    qtbot.keyClick(window.findChild(QLineEdit, "findBox"), Qt.Key.Key_Return)
    assert window.reading.selection() == ("footnote 1", hit.start, hit.end)


def test_enter_and_f3_walk_hits_then_the_next_document(qtbot, two_cables, tmp_path):
    window = open_window(qtbot, two_cables, tmp_path)
    window.show_cable(SAMPLE_ID)
    box = type_search(qtbot, window, '"Greene mission"')
    assert window.corpus.visible_cable_ids() == [SAMPLE_ID, OTHER_ID]
    count = len(window.search.hits())
    assert count >= 1
    qtbot.keyClick(box, Qt.Key.Key_Return)
    first = window.search.hits()[0]
    assert window.reading.selection() == (first.part, first.start, first.end)
    assert "1 of" in window.status_line.text()
    for _ in range(count - 1):
        qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.current_cable().id == SAMPLE_ID
    qtbot.keyClick(window, Qt.Key.Key_F3)  # no more here: the next document opens
    assert window.current_cable().id == OTHER_ID
    assert window.search.current_index() == 0
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_cable().id == SAMPLE_ID
    assert window.search.current_index() == count - 1


def test_title_matches_stay_and_escape_clears(window, qtbot):
    box = type_search(qtbot, window, "d293")  # in the document's id, not in its text
    assert window.corpus.visible_cable_ids() == [SAMPLE_ID]
    assert window.search.hits() == []
    box.clear()
    type_search(qtbot, window, "zeppelin")
    assert window.corpus.visible_cable_ids() == []
    assert "No document matches" in window.corpus.search_note.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and window.search.query == ""
    assert window.corpus.visible_cable_ids() == [SAMPLE_ID]
    assert cable_text(window).search_marks() == []
    assert "“" not in window.status_line.text()


def test_hostile_input_is_just_a_search(window, qtbot):
    for typed in ('"', "U.S.-", "NEAR(", "*"):
        box = window.findChild(QLineEdit, "findBox")
        box.clear()
        qtbot.waitUntil(lambda: window.search.query == "", timeout=3000)
        type_search(qtbot, window, typed)
        assert window.isVisible()


def test_a_digit_after_reaching_a_hit_tags_it(window, project, qtbot):
    from cable_annotator.services import queries

    box = type_search(qtbot, window, '"arms race"')
    qtbot.keyClick(box, Qt.Key.Key_Return)
    first = window.search.hits()[0]
    focused = window.focusWidget()
    assert focused is not box, "the keyboard moves to the text when a hit is reached"
    qtbot.keyClick(focused, Qt.Key.Key_1)
    assert box.text() == '"arms race"'
    (stored,) = queries.annotations_of(project, SAMPLE_ID)
    assert (stored.part, stored.start, stored.end) == (first.part, first.start, first.end)
    assert stored.theme_ids == [queries.find_theme(project, "Arms race").id]
    qtbot.keyClick(focused, Qt.Key.Key_F3)
    assert window.search.current_index() == 1
