"""Mouse and keyboard paths through the real reading pane: clicking a highlight, clicking
a footnote marker, the find box, accessible names, starting the application."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from cable_annotator.services import queries

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import cable_text, open_window


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


def point_of(text: QTextEdit, position: int) -> QPoint:
    """A point just right of document ``position``, scrolled into view."""
    cursor = QTextCursor(text.document())
    cursor.setPosition(position)
    text.setTextCursor(cursor)
    text.ensureCursorVisible()
    rect = text.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def test_clicking_a_highlight_selects_its_annotation(window, project, qtbot):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window._cable = None
    window.show_cable(SAMPLE_ID)
    [annotation] = queries.annotations_of(project, SAMPLE_ID)
    text = cable_text(window)
    found = text.document().find(ARMS_RACE_QUOTE)
    point = point_of(text, found.selectionStart() + 3)
    window.annotations.view.setCurrentIndex(window.annotations.model.index(-1))
    assert window.annotations.current_annotation_id() is None
    with qtbot.waitSignal(window.reading.annotationClicked, timeout=2000):
        qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.annotations.current_annotation_id() == annotation.id
    assert window.note_editor.annotation_id() == annotation.id


def first_link(text: QTextEdit, prefix: str) -> int | None:
    """Document position of the first link whose href starts with ``prefix``."""
    block = text.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref().startswith(prefix):
                return fragment.position()
            iterator += 1
        block = block.next()
    return None


def test_clicking_the_footnote_marker_flashes_the_note(window, qtbot):
    text = cable_text(window)
    marker = first_link(text, "note:")
    assert marker is not None, "no footnote marker link in the cable text"
    pane = window.findChild(QWidget, "footnotePane")
    notes = pane.findChild(QTextEdit)
    notes.setExtraSelections([])
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=point_of(text, marker))
    qtbot.waitUntil(lambda: bool(notes.extraSelections()), timeout=2000)


def test_clicking_a_reference_outside_the_project_says_so(window, qtbot):
    text = window.reading.footnote_pane().view  # "Document 299" in the source note
    link = first_link(text, "ref:")
    assert link is not None
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=point_of(text, link + 2))
    assert "is not in this project" in window.statusBar().currentMessage()
    assert window.current_cable().id == SAMPLE_ID


def test_find_box_filters_the_corpus(window, qtbot):
    qtbot.keyClicks(window.actions.find_box, "peru")
    qtbot.waitUntil(lambda: window.search.query == "peru")
    assert window.corpus.visible_cable_ids() == [SAMPLE_ID]
    window.actions.find_box.clear()
    qtbot.keyClicks(window.actions.find_box, "zeppelin")
    qtbot.waitUntil(lambda: window.search.query == "zeppelin")
    assert window.corpus.visible_cable_ids() == []


def test_main_widgets_have_accessible_names(window):
    for name in ("corpusTree", "codebook", "annotationList", "cableText", "noteEditor",
                 "corpusFilter", "findBox"):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        if name != "cableText":  # the reading pane names its own widgets
            assert widget.accessibleName(), name


def test_start_app_opens_the_default_project_and_remembers_it(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from cable_annotator.storage.project import default_project_path
    from cable_annotator.ui.window.app import start_app
    from cable_annotator.ui.window.settings import AppSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    window = start_app(None)
    qtbot.addWidget(window)
    assert window.current_cable().id == SAMPLE_ID
    assert default_project_path().exists()
    assert AppSettings().last_project == default_project_path()
    window.close()
    window.workspace.project.close()


def test_context_menu_applies_a_theme_in_a_footnote(window, project, qtbot):
    notes = window.findChild(QWidget, "footnotePane").findChild(QTextEdit)
    cable = window.current_cable()
    note = cable.footnotes[0]
    word = note.text.split()[2]
    found = notes.document().find(word)
    assert not found.isNull()
    notes.setTextCursor(found)
    notes.setFocus()
    assert window.reading.selection()[0] == note.part
    menu = window.build_text_menu()
    apply_menu = next(action.menu() for action in menu.actions()
                      if action.menu() is not None)
    assert apply_menu.isEnabled()
    delete = next(a for a in menu.actions() if "Delete" in a.text())
    assert not delete.isEnabled(), "no annotation under a plain selection"
    sales = next(action for action in apply_menu.actions() if "Arms sales" in action.text())
    sales.trigger()
    [annotation] = queries.annotations_of(project, SAMPLE_ID)
    assert annotation.part == note.part and annotation.quote == word
    assert window.annotations.model.index(0).data().count("fn. 1") == 1
    menu = window.build_text_menu()
    delete = next(a for a in menu.actions() if "Delete" in a.text())
    assert delete.isEnabled()
    delete.trigger()
    assert queries.annotations_of(project, SAMPLE_ID) == []


def test_a_reference_to_a_footnote_opens_its_cable_and_note(window, qtbot):
    notes = window.findChild(QWidget, "footnotePane").findChild(QTextEdit)
    notes.setExtraSelections([])
    window._reference_activated(f"{SAMPLE_ID}#footnote 1")
    assert window.current_cable().id == SAMPLE_ID
    qtbot.waitUntil(lambda: bool(notes.extraSelections()), timeout=2000)
