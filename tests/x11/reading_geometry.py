"""What a reader sees in the reading pane, measured from the documents on screen.

Everything here is read from public Qt objects found by name — the text view
``cableText``, the notes view ``footnoteText``, the scroll bar ``readingScrollBar`` — and
from their documents' layouts, so the checks hold whatever the pane does inside. Footnote
markers in the text and note labels in the notes are anchors whose href starts with
``note:`` (``document_builder.NOTE_HREF``). Vertical positions are compared in global
(screen) coordinates, so the two views need not share an origin.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QTextEdit,
    QTreeView,
)

from cable_annotator.ui.reading.document_builder import NOTE_HREF

PARAGRAPH_ENDS = {"\u2029", "\u2028", "\n", " ", "\t", "\u00a0", "\ufffc"}


@dataclass
class Views:
    text: QTextEdit
    notes: QTextEdit
    bar: QScrollBar


def views_of(main) -> Views:
    text = main.findChild(QTextEdit, "cableText")
    notes = main.findChild(QTextEdit, "footnoteText")
    bar = main.findChild(QScrollBar, "readingScrollBar")
    assert text is not None, "no QTextEdit named cableText in the window"
    assert notes is not None, "no QTextEdit named footnoteText in the window"
    assert bar is not None, "no QScrollBar named readingScrollBar in the window"
    return Views(text, notes, bar)


def readers_scroll_bar(main) -> QScrollBar:
    """The scroll bar a reader sees and drags: the pane's own one at the far right when
    the notes stand beside the text, else (notes below, or none) the text's. The walk
    once dragged the pane's bar while it was hidden, which only worked while the hidden
    bar happened to keep the geometry of an earlier layout."""
    views = views_of(main)
    return views.bar if views.bar.isVisible() else views.text.verticalScrollBar()


# -- geometry snapshots (to wait for layout without fixed sleeps) -------------------------

def snapshot(main) -> tuple:
    """Everything whose change means the pane is still laying out or scrolling."""
    v = views_of(main)
    text_bar, notes_bar = v.text.verticalScrollBar(), v.notes.verticalScrollBar()
    return (
        main.width(), main.height(),
        v.bar.minimum(), v.bar.maximum(), v.bar.value(), v.bar.pageStep(),
        text_bar.maximum(), text_bar.value(), notes_bar.maximum(), notes_bar.value(),
        v.text.viewport().width(), v.text.viewport().height(),
        v.notes.viewport().width(), v.notes.isVisible(),
        v.text.document().blockCount(), v.notes.document().blockCount(),
        tuple(round(y) for _key, y in note_tops(v.notes)),
    )


def settle(qtbot, main, polls: int = 3, timeout: int = 5000) -> None:
    """Wait until the pane's geometry has stayed the same over ``polls`` rounds of the
    event loop (a few ms each): layout, alignment and scrolling have come to rest.

    Like ``qtbot.waitUntil`` on that condition, with shorter rounds (the walks settle a
    few thousand times)."""
    deadline = time.monotonic() + timeout / 1000
    last, same = None, 0
    while same < polls:
        QTest.qWait(3)
        now = snapshot(main)
        if now == last:
            same += 1
        else:
            last, same = now, 0
        if time.monotonic() > deadline:
            raise AssertionError(f"the reading pane did not come to rest in {timeout} ms "
                                 f"(still changing: {now})")


# -- anchors, lines, positions --------------------------------------------------------------

def note_anchors(document: QTextDocument) -> list[tuple[str, int]]:
    """``(note key, document position)`` of every ``note:`` anchor, in document order
    (each key once: its first anchor)."""
    out: list[tuple[str, int]] = []
    seen = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                href = fmt.anchorHref() if fmt.isAnchor() else ""
                if href.startswith(NOTE_HREF):
                    key = href[len(NOTE_HREF):]
                    if key not in seen:
                        seen.add(key)
                        out.append((key, fragment.position()))
            iterator += 1
        block = block.next()
    return out


def line_rect(document: QTextDocument, position: int) -> QRectF | None:
    """Document rectangle of the laid-out line holding ``position`` (None: not laid out)."""
    block = document.findBlock(position)
    if not block.isValid() or block.layout().lineCount() == 0:
        return None
    line = block.layout().lineForTextPosition(position - block.position())
    if not line.isValid():
        return None
    origin = document.documentLayout().blockBoundingRect(block).topLeft()
    return QRectF(origin.x() + line.x(), origin.y() + line.y(), line.naturalTextWidth(),
                  line.height())


def line_pitch(document: QTextDocument, position: int) -> float:
    """Distance from one line to the next in the block holding ``position``: the height
    of "one line" as a reader sees it, leading included."""
    block = document.findBlock(position)
    layout = block.layout()
    if layout.lineCount() > 1:
        return layout.lineAt(1).y() - layout.lineAt(0).y()
    if layout.lineCount() == 0:
        return 0.0
    height = layout.lineAt(0).height()
    fmt = block.blockFormat()
    if fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value:
        return height * max(fmt.lineHeight(), 100) / 100
    return height


def global_y(view: QTextEdit, document_y: float) -> float:
    """Screen y of document ``document_y`` in ``view`` as it is scrolled now."""
    top = view.viewport().mapToGlobal(QPoint(0, 0)).y()
    return top + document_y - view.verticalScrollBar().value()


def note_tops(notes: QTextEdit) -> list[tuple[str, float]]:
    """Document y of the line holding each note's label, in the notes document."""
    document = notes.document()
    out = []
    for key, position in note_anchors(document):
        rect = line_rect(document, position)
        if rect is not None:
            out.append((key, rect.top()))
    return out


def block_bottom_before(document: QTextDocument, position: int) -> float | None:
    """Document y of the bottom of the block before the one holding ``position``."""
    block: QTextBlock = document.findBlock(position).previous()
    if not block.isValid():
        return None
    return document.documentLayout().blockBoundingRect(block).bottom()


def last_character(document: QTextDocument) -> int:
    """Position of the document's last visible character."""
    position = document.characterCount() - 2
    while position > 0 and document.characterAt(position) in PARAGRAPH_ENDS:
        position -= 1
    return position


def last_character_rect(text: QTextEdit):
    cursor = QTextCursor(text.document())
    cursor.setPosition(last_character(text.document()))
    return text.cursorRect(cursor)


def body_font_metrics(text: QTextEdit) -> QFontMetricsF:
    """Metrics of the body font, read from a character in the middle of the text."""
    document = text.document()
    cursor = QTextCursor(document)
    cursor.setPosition(max(document.characterCount() // 2, 1))
    return QFontMetricsF(cursor.charFormat().font())


# -- real mouse and keys ---------------------------------------------------------------------

def slider_rect(bar: QScrollBar):
    """The scroll bar's handle, where a reader grabs it."""
    option = QStyleOptionSlider()
    option.initFrom(bar)
    option.orientation = bar.orientation()
    option.minimum, option.maximum = bar.minimum(), bar.maximum()
    option.sliderPosition, option.sliderValue = bar.sliderPosition(), bar.value()
    option.singleStep, option.pageStep = bar.singleStep(), bar.pageStep()
    option.upsideDown = bar.invertedAppearance()
    option.subControls = QStyle.SubControl.SC_All
    if bar.orientation() == Qt.Orientation.Horizontal:
        option.state |= QStyle.StateFlag.State_Horizontal
    return bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                      QStyle.SubControl.SC_ScrollBarSlider, bar)


def drag_scroll_bar_to_bottom(bar: QScrollBar) -> None:
    """Press the handle, pull it past the bottom of the bar, let go (QTest mouse events)."""
    handle = slider_rect(bar)
    start = handle.center()
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for y in (start.y() + 5, bar.height() // 2, bar.height() + 40):
        QTest.mouseMove(bar, QPoint(start.x(), y))
    QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(start.x(), bar.height() + 40))


def click_in_corpus(main, cable_id: str) -> None:
    """Click the document's row in the corpus tree, as a reader picks a document."""
    from cable_annotator.ui.corpus.corpus_model import CABLE_ID_ROLE

    tree = main.findChild(QTreeView, "corpusTree")
    assert tree is not None, "no QTreeView named corpusTree"
    model = tree.model()
    found = None
    for volume_row in range(model.rowCount()):
        volume = model.index(volume_row, 0)
        for row in range(model.rowCount(volume)):
            index = model.index(row, 0, volume)
            if index.data(CABLE_ID_ROLE) == cable_id:
                found = index
                break
        if found is not None:
            break
    assert found is not None, f"{cable_id} is not listed in the corpus"
    tree.scrollTo(found)
    rect = tree.visualRect(found)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
