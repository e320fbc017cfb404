"""A long document's background layout waits for the view's first paint of it: the reader
waits for that paint, and the rest of the document lies below the screen."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextEdit

from cable_annotator.ui.reading.layout_driver import AT_ONCE_CHARACTERS, LayoutDriver


def _long_document() -> QTextDocument:
    document = QTextDocument()
    paragraph = "A long telegram paragraph about fisheries and tanks. " * 12
    document.setPlainText("\n".join([paragraph] * (3 * AT_ONCE_CHARACTERS // len(paragraph))))
    return document


def test_slices_start_after_the_first_paint(qtbot):
    view = QTextEdit()
    qtbot.addWidget(view)
    view.resize(600, 400)
    document = _long_document()
    view.setDocument(document)
    driver = LayoutDriver(view, view.viewport())
    driver.start(document)
    qtbot.wait(30)  # event-loop turns, but no paint: the view is not shown
    assert driver.laid_out_blocks() == 0
    view.show()
    qtbot.waitUntil(driver.is_finished, timeout=10000)
    assert driver.laid_out_blocks() == document.blockCount()
    driver.stop()


def test_a_view_that_never_paints_is_laid_out_all_the_same(qtbot):
    view = QTextEdit()
    qtbot.addWidget(view)
    document = _long_document()
    view.setDocument(document)
    driver = LayoutDriver(view, view.viewport())
    driver.start(document)
    qtbot.waitUntil(driver.is_finished, timeout=10000)
    driver.stop()


def test_without_a_viewport_it_starts_at_once(qtbot):
    document = _long_document()
    driver = LayoutDriver()
    driver.start(document)
    qtbot.wait(30)
    assert driver.laid_out_blocks() > 0
    driver.stop()
