"""View → Appearance: a reader chooses light or dark (or the system's), for the whole
window, and the choice is kept for the next start."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from cable_annotator.ui.reading.palette import DARK, LIGHT
from cable_annotator.ui.window.appearance import SCHEMES

from .ui_fixtures import ARMS_RACE_QUOTE, annotate, settings_file
from .window_helpers import SAMPLE_PAGE, open_window


@pytest.fixture(autouse=True)
def _palette_back(qapp):
    started = QPalette(qapp.palette())
    yield
    qapp.setPalette(started)


def window_is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5


def test_dark_then_light_for_the_whole_window_and_kept(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    assert window.appearance.actions["system"].isChecked()
    assert not window_is_dark() and window.reading._palette is LIGHT  # offscreen: light
    menu = window.appearance.menu
    assert [a.text() for a in menu.actions()] == list(SCHEMES.values())

    window.appearance.actions["dark"].trigger()
    assert window_is_dark()
    assert window.reading._palette is DARK
    tree = window.codebook.tree
    assert tree.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5, (
        "the codebook stayed light")
    assert window.settings.appearance == "dark"

    window.close()  # the next start is dark too
    again = open_window(qtbot, project, tmp_path)
    assert again.appearance.actions["dark"].isChecked() and window_is_dark()
    assert again.reading._palette is DARK

    again.appearance.actions["light"].trigger()
    assert not window_is_dark() and again.reading._palette is LIGHT
    assert again.settings.appearance == "light"
    again.appearance.actions["system"].trigger()
    assert not window_is_dark() and again.settings.appearance == "system"


def test_closing_a_dark_window_gives_the_application_its_palette_back(qtbot, project,
                                                                      tmp_path):
    window = open_window(qtbot, project, tmp_path)
    window.appearance.actions["dark"].trigger()
    window.close()
    assert not window_is_dark()


def page_colour(view) -> QColor:
    """The colour painted at the foot of ``view``'s page (below the text: bare paper)."""
    image = view.viewport().grab().toImage()
    return image.pixelColor(image.width() - 4, image.height() - 4)


def test_a_start_with_dark_kept_paints_the_text_and_the_notes_dark(qtbot, project, tmp_path):
    """F7: Dark chosen, quit, started again: the text page and the footnote column came
    back light (the views' light page put back by the style sheet's polish at the first
    show), under the dark scheme's highlight colours."""
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    saved = settings_file(tmp_path)
    saved.appearance = "dark"
    saved.sync()
    window = open_window(qtbot, project, tmp_path)
    reading = window.reading
    assert reading._palette is DARK
    text, notes = reading._text, reading._footnotes.view
    assert notes.isVisible(), "the sample has notes beside the text"
    for view, paper in ((text, DARK.paper), (notes, DARK.apparatus)):
        painted = page_colour(view)
        assert painted.lightnessF() < 0.3, f"{view.objectName()} painted {painted.name()}"
        assert painted == paper, (view.objectName(), painted.name(), paper.name())

    window.appearance.actions["dark"].trigger()  # chosen again: still dark, the same
    for view, paper in ((text, DARK.paper), (notes, DARK.apparatus)):
        assert page_colour(view) == paper
    window.appearance.actions["light"].trigger()
    assert page_colour(text) == LIGHT.paper and page_colour(notes) == LIGHT.apparatus


def test_dark_kept_and_the_first_document_imported_into_an_empty_project(qtbot,
                                                                         empty_project,
                                                                         tmp_path):
    """Started dark on an empty project (the reading pane hidden behind the empty state),
    the first document imported came up on a light page too."""
    saved = settings_file(tmp_path)
    saved.appearance = "dark"
    saved.sync()
    window = open_window(qtbot, empty_project, tmp_path)
    assert window.current_cable() is None
    with qtbot.waitSignal(window.importFinished, timeout=60_000):
        assert window.import_paths([SAMPLE_PAGE])
    reading = window.reading
    assert window.centre.currentWidget() is reading
    assert page_colour(reading._text) == DARK.paper
    assert page_colour(reading._footnotes.view) == DARK.apparatus
