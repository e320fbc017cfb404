"""The page follows the colour scheme in the real window, viewport and all."""

from __future__ import annotations

from cable_annotator.ui.reading.palette import DARK, LIGHT

from .window_helpers import open_window


def _page_pixel(view) -> str:
    """The colour of blank paper at the bottom right of a view's viewport."""
    image = view.viewport().grab().toImage()
    return image.pixelColor(image.width() - 3, image.height() - 3).name()


def test_dark_scheme_darkens_the_text_and_notes_pages(qtbot, project, tmp_path) -> None:
    window = open_window(qtbot, project, tmp_path)
    window.reading.set_dark(False)
    text = window.reading.cable_text()
    notes = window.reading.footnote_pane().view
    assert _page_pixel(text) == LIGHT.paper.name()
    assert _page_pixel(notes) == LIGHT.apparatus.name()
    window.reading.set_dark(True)
    assert _page_pixel(text) == DARK.paper.name()
    assert _page_pixel(notes) == DARK.apparatus.name()
    qtbot.waitUntil(text.layout_driver.is_finished)
    window.reading.set_dark(False)
    assert _page_pixel(text) == LIGHT.paper.name()
