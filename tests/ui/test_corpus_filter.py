"""Typing in the corpus filter narrows the list and opens nothing; a document opens when
the reader chooses it: Enter, a click, or the arrow keys in the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files

from .ui_fixtures import SAMPLE_ID
from .window_helpers import open_window

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"
OTHER_VOLUME = "frus1964-68v28"


def renumbered(tmp_path: Path, number: str) -> Path:
    path = tmp_path / f"doc-{number}.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "293. Telegram", f"{number}. Telegram", 1), encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, project, tmp_path):
    """The sample volume plus doc. 35 in it, and docs 3 and 359 of another volume."""
    import_files(project, [renumbered(tmp_path, "35")], volume="frus1969-76ve11p2")
    import_files(project, [renumbered(tmp_path, "3"), renumbered(tmp_path, "359")],
                 volume=OTHER_VOLUME)
    queries.set_setting(project, "last_cable", SAMPLE_ID)
    return open_window(qtbot, project, tmp_path)


def test_typing_in_the_filter_opens_nothing_and_enter_opens_the_match(window, qtbot):
    assert window.current_cable().id == SAMPLE_ID
    opened: list[str] = []
    window.cableShown.connect(opened.append)
    box = window.corpus.filter_box
    box.setFocus()
    qtbot.keyClicks(box, "359")
    assert window.corpus.visible_cable_ids() == [f"{OTHER_VOLUME}/d359"]
    assert opened == [], "typing opened a document"
    assert window.current_cable().id == SAMPLE_ID
    assert box.hasFocus() and box.text() == "359"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert opened == [f"{OTHER_VOLUME}/d359"]
    assert window.current_cable().id == f"{OTHER_VOLUME}/d359"


def test_deleting_filter_text_opens_nothing_either(window, qtbot):
    opened: list[str] = []
    window.cableShown.connect(opened.append)
    box = window.corpus.filter_box
    qtbot.keyClicks(box, "35")
    for _ in range(2):
        qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, "telegram 3")
    box.clear()
    assert opened == []
    assert window.current_cable().id == SAMPLE_ID
    assert window.corpus.tree.selectionModel().isSelected(
        window.corpus.proxy.mapFromSource(window.corpus.model.index_of(SAMPLE_ID)))


def test_arrow_keys_and_clicks_in_the_list_open_documents(window, qtbot):
    box = window.corpus.filter_box
    qtbot.keyClicks(box, "35")
    assert window.current_cable().id == SAMPLE_ID
    qtbot.keyClick(box, Qt.Key.Key_Down)  # into the list
    tree = window.corpus.tree
    assert tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # the first volume's heading: opens nothing
    assert window.current_cable().id == SAMPLE_ID
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # its first document
    first = window.corpus.visible_cable_ids()[0]
    assert first != SAMPLE_ID
    assert window.current_cable().id == first
    last = window.corpus.visible_cable_ids()[-1]
    index = window.corpus.proxy.mapFromSource(window.corpus.model.index_of(last))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(index).center())
    assert window.current_cable().id == last


def test_clearing_the_filter_brings_the_open_document_back_into_view(qtbot, shared_corpus,
                                                                      tmp_path) -> None:
    from cable_annotator.services.importing import import_files
    from cable_annotator.storage.project import Project

    from .window_helpers import open_window

    project = Project.open(tmp_path / "volume.cableproj")
    import_files(project, [shared_corpus / "frus" / "frus1964-68v28.xml"])
    window = open_window(qtbot, project, tmp_path, width=1600, height=700)
    window.show_cable("frus1964-68v28/d380")
    tree = window.corpus.tree
    window.corpus.filter_box.setText("d380")
    window.corpus.filter_box.clear()
    index = tree.currentIndex()
    assert index.isValid()
    assert tree.viewport().rect().intersects(tree.visualRect(index)), "scrolled to it"
    project.close()


def test_a_number_is_not_found_inside_the_volume_id(window, qtbot):
    """"12" listed every document of vol. XII (its id frus1961-63v12/…): a number is
    looked for in what the row shows, at the start of a number there."""
    box = window.corpus.filter_box
    box.setText("11")  # in every id of frus1969-76ve11p2, in no number, title or date
    assert window.corpus.visible_cable_ids() == []
    box.setText("28")  # frus1964-68v28 likewise
    assert window.corpus.visible_cable_ids() == []
    box.setText("35")  # as typed on the way to 359: doc. 35 and doc. 359
    assert sorted(window.corpus.visible_cable_ids()) == sorted(
        ["frus1969-76ve11p2/d35", f"{OTHER_VOLUME}/d359"])


def test_typing_in_the_list_types_into_the_filter_and_opens_nothing(window, qtbot):
    """Ctrl+1, then "359": the tree's own type-ahead opened documents 3, 35 and 359 in
    turn, one per letter."""
    opened: list[str] = []
    window.cableShown.connect(opened.append)
    tree = window.corpus.tree
    qtbot.keyClick(window.reading.cable_text(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tree.hasFocus()
    qtbot.keyClicks(tree, "359")
    box = window.corpus.filter_box
    assert box.hasFocus() and box.text() == "359"
    assert opened == [], "typing in the list opened a document"
    assert window.corpus.visible_cable_ids() == [f"{OTHER_VOLUME}/d359"]
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Backspace)  # Backspace too edits the filter
    assert box.text() == "35" and opened == []
    tree.setFocus()
    for _ in range(3):  # the arrows still move in the list (past a volume's row), and open
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.hasFocus() and opened and opened[-1] in window.corpus.visible_cable_ids()


def test_digits_are_a_document_number_being_typed(window, qtbot, project, tmp_path):
    """"35" listed docs 135 and 235 of every volume too, and "18" every document of an
    18th; digits beside a word still match anywhere ("peru 35", a date "Feb 18")."""
    import_files(project, [renumbered(tmp_path, "135"), renumbered(tmp_path, "235")],
                 volume=OTHER_VOLUME)
    window._reload_corpus()  # (imported behind the window's back)
    box = window.corpus.filter_box
    qtbot.keyClicks(box, "35")
    listed = window.corpus.visible_cable_ids()
    assert f"{OTHER_VOLUME}/d359" in listed and "frus1969-76ve11p2/d35" in listed
    assert f"{OTHER_VOLUME}/d135" not in listed and f"{OTHER_VOLUME}/d235" not in listed
    box.clear()
    qtbot.keyClicks(box, "16696")  # the telegram number in the sample's title
    assert "frus1969-76ve11p2/d293" in window.corpus.visible_cable_ids()
    box.clear()
    qtbot.keyClicks(box, "peru 35")  # with a word: anywhere, as before
    assert f"{OTHER_VOLUME}/d135" in window.corpus.visible_cable_ids()
