"""The reading pane as the window uses it: selections, highlights, notes, copying."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cable_annotator.domain.cable import BODY, Block, Cable, Footnote, PageBreak  # noqa: E402
from cable_annotator.ui.reading.palette import DARK, LIGHT  # noqa: E402
from cable_annotator.ui.reading.reading_pane import ReadingPane, snap_to_words  # noqa: E402

from .test_reading_pane_data import THEMES, annotation, sample_cable  # noqa: E402

pytestmark = pytest.mark.gui

ARMS_RACE = "an arms race could ensue"


@pytest.fixture
def cable() -> Cable:
    return sample_cable()


@pytest.fixture
def pane(qtbot) -> ReadingPane:
    widget = ReadingPane(dark=False)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def select_text(view, needle: str) -> QTextCursor:
    """Select ``needle`` in a view the way a reader would, through the QTextCursor."""
    cursor = view.document().find(needle)
    assert not cursor.isNull(), needle
    view.setTextCursor(cursor)
    return cursor


def point_of(view, position: int, fraction: float = 0.5) -> QPoint:
    """Viewport point inside the character at document ``position`` (same line assumed)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    left = view.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = view.cursorRect(cursor)
    assert left.top() == right.top(), "the character ends a line; probe another"
    x = left.left() + (right.left() - left.left()) * fraction
    return QPoint(int(x), left.center().y())


def astral_cable() -> Cable:
    text = "𝔘𝔫𝔦𝔱𝔢𝔡 🚢 States\n\n1. Here 🙂 an arms race could ensue, said 𝔐."
    second = text.index("1.")
    return Cable(
        id="test/d1", volume="frus1969-76ve11p2", number="1", title="Astral", text=text,
        blocks=[Block("heading", 0, second - 2), Block("paragraph", second, len(text), "1")],
        pages=[PageBreak("10", 0), PageBreak("11", text.index("could"))],
        footnotes=[Footnote("1", "1", "source", "Source: 🗄 archive 𝔄 box.", second - 2)],
    )


def test_interface_names_and_accessibility(pane: ReadingPane) -> None:
    assert pane.cable_text().objectName() == "cableText"
    assert pane.cable_text().accessibleName()
    assert pane.footnote_pane().objectName() == "footnotePane"
    assert pane.snap_to_words is True


def test_document_holds_no_page_labels_and_one_block_per_cable_block(
    pane: ReadingPane, cable: Cable
) -> None:
    pane.set_cable(cable, [], THEMES)
    document = pane.cable_text().document()
    assert "[Page" not in document.toPlainText()
    block = document.findBlockByNumber(5)  # paragraph 4
    expected = cable.text[cable.blocks[5].start:cable.blocks[5].end]
    assert block.text().replace("\t", " ") == expected


def test_selecting_through_the_cursor_gives_canonical_offsets(
    pane: ReadingPane, cable: Cable
) -> None:
    pane.set_cable(cable, [], THEMES)
    select_text(pane.cable_text(), ARMS_RACE)
    start = cable.text.index(ARMS_RACE)
    assert pane.selection() == (BODY, start, start + len(ARMS_RACE))


def test_selection_snaps_to_words_unless_switched_off(pane: ReadingPane, cable: Cable) -> None:
    pane.set_cable(cable, [], THEMES)
    select_text(pane.cable_text(), "rms race could ens")
    start = cable.text.index(ARMS_RACE) + 3
    assert pane.selection() == (BODY, start, start + len("arms race could ensue"))
    pane.snap_to_words = False
    assert pane.selection() == (BODY, start + 1, start + 1 + len("rms race could ens"))


def test_snap_to_words_keeps_apostrophes_and_trims_spaces() -> None:
    text = "Peru’s neighbors might react"
    assert snap_to_words(text, 2, 9) == (0, 16)
    assert snap_to_words(text, 6, 8) == (7, 16)


def test_characters_outside_the_bmp_map_exactly(pane: ReadingPane, qtbot) -> None:
    cable = astral_cable()
    themes = THEMES[:1]
    passage = annotation(cable, ARMS_RACE, [1], ident="astral")
    pane.set_cable(cable, [passage], themes)
    view = pane.cable_text()
    select_text(view, ARMS_RACE)
    start = cable.text.index(ARMS_RACE)
    assert pane.selection() == (BODY, start, start + len(ARMS_RACE))
    pane.set_selection(BODY, cable.text.index("𝔐"), len(cable.text) - 1)
    assert view.textCursor().selectedText() == "𝔐"
    assert pane.annotations_at(BODY, start) == ["astral"]
    assert pane.annotations_at(BODY, start - 1) == []
    # The highlight covers exactly the passage in UTF-16 units of the block.
    block = view.document().findBlockByNumber(1)
    segments = pane.annotation_painter(BODY).block_segments(1)
    local = view.document().find(ARMS_RACE).selectionStart() - block.position()
    assert [(s, e - s) for s, e, _, _ in segments] == [(local, len(ARMS_RACE))]
    # Footnote text with astral characters too.
    notes = pane.footnote_pane().view
    select_text(notes, "archive 𝔄")
    note = cable.footnotes[0].text
    assert pane.selection() == ("footnote 1", note.index("archive"), note.index(" box"))


def test_footnote_text_is_selectable_and_highlighted(pane: ReadingPane, cable: Cable) -> None:
    note = cable.footnotes[0]
    quote = "Nixon Presidential Materials"
    passage = annotation(cable, quote, [5], part="footnote 1", ident="note-passage")
    pane.set_cable(cable, [passage], THEMES)
    notes = pane.footnote_pane().view
    select_text(notes, "Country Files")
    start = note.text.index("Country Files")
    assert pane.selection() == ("footnote 1", start, start + len("Country Files"))
    assert pane.annotations_at("footnote 1", note.text.index(quote) + 3) == ["note-passage"]
    # Selecting in the text afterwards moves the selection there.
    select_text(pane.cable_text(), ARMS_RACE)
    assert pane.selection()[0] == BODY
    assert not notes.textCursor().hasSelection()


def test_highlight_pixels_are_the_blended_theme_colour(
    pane: ReadingPane, cable: Cable, qtbot
) -> None:
    arms = annotation(cable, ARMS_RACE, [1], ident="arms")
    overlap = annotation(cable, "could ensue. Contrary to alarmist", [2], ident="overlap")
    pane.set_cable(cable, [arms, overlap], THEMES)
    view = pane.cable_text()
    cursor = view.document().find(ARMS_RACE)
    view.scroll_to_position(cursor.selectionStart(), 0.5)
    qtbot.wait(10)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()

    def pixel_at(quote_before_space: str, fraction: float = 0.5):
        position = view.document().find(quote_before_space).selectionEnd()
        point = point_of(view, position, fraction)
        return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio)).name()

    # The longer passage lies underneath; the page-turn hairline stands mid-space.
    both = LIGHT.layer(["#4c9be8", "#e4572e"])
    assert pixel_at("an arms race") == LIGHT.layer(["#e4572e"]).name()
    assert pixel_at("Contrary to") == LIGHT.layer(["#4c9be8"]).name()
    assert pixel_at("arms race could", 0.2) == both.name()
    assert pixel_at("arms race could", 0.5) == LIGHT.margin.name()
    assert pixel_at("alarmist rumors") == LIGHT.paper.name()
    painter = pane.annotation_painter(BODY)
    assert painter.layer_color([arms, overlap]).name() == both.name()


def test_adding_one_annotation_repaints_only_its_block(
    pane: ReadingPane, cable: Cable, monkeypatch
) -> None:
    pane.set_cable(cable, [annotation(cable, "fisheries dispute", [4])], THEMES)
    painter = pane.annotation_painter(BODY)
    recomputed = []
    original = painter.invalidate
    monkeypatch.setattr(painter, "invalidate",
                        lambda blocks: (recomputed.extend(sorted(blocks)), original(blocks)))
    new = annotation(cable, ARMS_RACE, [1], ident="new")
    pane.apply_annotation_changes([new], [])
    assert recomputed == [5]
    assert pane.annotations_at(BODY, new.start) == ["new"]
    assert [fill.name() for _, _, fill, _ in painter.block_segments(5)] == [
        LIGHT.layer(["#e4572e"]).name()]
    recomputed.clear()
    pane.apply_annotation_changes([], ["new"])
    assert recomputed == [5]
    assert pane.annotations_at(BODY, new.start) == []
    assert painter.block_segments(5) == []


def test_clicking_a_highlight_emits_its_id(pane: ReadingPane, cable: Cable, qtbot) -> None:
    arms = annotation(cable, ARMS_RACE, [1], ident="arms")
    pane.set_cable(cable, [arms], THEMES)
    view = pane.cable_text()
    cursor = view.document().find(ARMS_RACE)
    view.scroll_to_position(cursor.selectionStart(), 0.5)
    point = point_of(view, cursor.selectionStart() + 5)
    with qtbot.waitSignal(pane.annotationClicked) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == ["arms"]
    assert "Arms race" in view.tooltip_for(view.annotations_under(point))


def test_clicking_a_marker_brings_its_note_and_flashes_it(
    pane: ReadingPane, cable: Cable, qtbot
) -> None:
    pane.set_cable(cable, [], THEMES)
    view = pane.cable_text()
    notes = pane.footnote_pane().view
    marker = pane._body.markers[0][0]
    notes.verticalScrollBar().setValue(notes.verticalScrollBar().maximum())
    point = point_of(view, marker)
    assert view.anchorAt(point) == "note:1"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: bool(notes.extraSelections()), timeout=2000)  # the note flashes

    def note_in_view() -> bool:
        top = pane.footnote_pane().note_top("1") - notes.verticalScrollBar().value()
        return 0 <= top < notes.viewport().height()

    qtbot.waitUntil(note_in_view, timeout=2000)


def test_note_is_level_with_its_marker(pane: ReadingPane, cable: Cable, qtbot) -> None:
    pane.set_cable(cable, [], THEMES)
    footnotes = pane.footnote_pane()
    qtbot.waitUntil(lambda: footnotes.placed_keys() == ["1"])
    baseline = footnotes.marker_baseline("1")
    block = footnotes.built.document.findBlockByNumber(footnotes.built.note_blocks["1"])
    note_baseline = footnotes.note_top("1") + block.layout().lineAt(0).ascent()
    assert abs(note_baseline - baseline) < 2


def test_clicking_a_note_label_scrolls_the_text_to_its_marker(qtbot) -> None:
    from .test_reading_pane_data import synthetic_cable

    cable = synthetic_cable(60_000)
    widget = ReadingPane(dark=False)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_cable(cable, [], THEMES)
    key = cable.footnotes[3].key
    notes = widget.footnote_pane().view
    label_position = widget._notes.parts[f"footnote {key}"].doc_start - 2
    notes.scroll_to_position(label_position, 0.5)
    point = point_of(notes, label_position)
    assert notes.anchorAt(point) == f"note:{key}"
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton, pos=point)
    view = widget.cable_text()
    marker = dict((k, p) for p, k in widget._body.markers)[key]
    cursor = QTextCursor(view.document())
    cursor.setPosition(marker)
    assert 0 <= view.cursorRect(cursor).top() < view.viewport().height()


def test_cross_reference_click_emits_its_target(pane: ReadingPane, cable: Cable, qtbot) -> None:
    pane.set_cable(cable, [], THEMES)
    notes = pane.footnote_pane().view
    cursor = notes.document().find("telegram 193548")
    notes.scroll_to_position(cursor.selectionStart(), 0.5)
    point = point_of(notes, cursor.selectionStart() + 3)
    with qtbot.waitSignal(pane.referenceActivated) as signal:
        qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == ["telegram 193548"]


def test_copy_puts_canonical_text_without_markers(pane: ReadingPane, cable: Cable) -> None:
    pane.set_cable(cable, [], THEMES)
    view = pane.cable_text()
    start_text = "Embassy in Peru"
    cursor = view.document().find(start_text)
    end = view.document().find("Subject").selectionEnd()
    cursor.setPosition(cursor.selectionStart())
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.copy()
    start = cable.text.index(start_text)
    expected = cable.text[start:cable.text.index("Subject") + len("Subject")]
    assert QGuiApplication.clipboard().text() == expected
    assert "\n\n" in expected


def test_copy_with_citation_adds_the_pages(pane: ReadingPane, cable: Cable) -> None:
    pane.set_cable(cable, [], THEMES)
    select_text(pane.cable_text(), ARMS_RACE)
    pane.copy_with_citation_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"\u201c{ARMS_RACE}\u201d\n\u201cTelegram")  # on a line of its own
    assert "doc. 293, pp. 780\u2013781." in copied


def test_position_reports_page_and_paragraph(pane: ReadingPane, cable: Cable, qtbot) -> None:
    pane.set_cable(cable, [], THEMES)
    view = pane.cable_text()
    cursor = view.document().find("ensue")
    cursor.setPosition(cursor.selectionStart() + 1)
    with qtbot.waitSignal(pane.positionChanged) as signal:
        view.setTextCursor(cursor)
    assert signal.args == ["781", "4"]


def test_show_annotation_selects_and_scrolls(pane: ReadingPane, cable: Cable) -> None:
    late = annotation(cable, "End FYI", [1], ident="late")
    pane.set_cable(cable, [late], THEMES)
    pane.show_annotation("late")
    assert pane.selection() == (BODY, late.start, late.end)
    view = pane.cable_text()
    assert 0 <= view.cursorRect().top() < view.viewport().height()


def test_empty_and_dark(pane: ReadingPane, cable: Cable) -> None:
    pane.set_cable(None, [], [])
    assert pane.selection() is None
    assert pane.annotations_at(BODY, 0) == []
    pane.set_cable(cable, [annotation(cable, ARMS_RACE, [1], ident="arms")], THEMES)
    pane.set_dark(True)
    view = pane.cable_text()
    assert view.palette().color(view.palette().ColorRole.Base) == DARK.paper
    assert pane.annotations_at(BODY, cable.text.index(ARMS_RACE)) == ["arms"]
    pane.set_themes([THEMES[1].__class__(1, "Arms race", "#000000")])
    assert pane.annotation_painter(BODY).color_of(pane.cable_text().layers.get("arms")) == "#000000"
    QApplication.processEvents()


def test_zoom_keeps_the_passage_highlights_and_whole_scroll_range(pane: ReadingPane,
                                                                  qtbot) -> None:
    from PySide6.QtWidgets import QScrollBar

    from .test_reading_pane_data import spread_annotations, synthetic_cable

    cable = synthetic_cable(40_000)
    annotations = spread_annotations(cable, 60)
    pane.set_cable(cable, annotations, THEMES)
    view = pane.cable_text()
    qtbot.waitUntil(view.layout_driver.is_finished)
    middle = view.document().findBlockByNumber(view.document().blockCount() // 2).position()
    view.scroll_to_position(middle, 0.0)
    size = view.document().defaultFont().pointSizeF()
    zoom_in = next(a for a in pane.zoom_actions if a.objectName() == "zoomIn")
    zoom_in.trigger()
    assert view.document().defaultFont().pointSizeF() > size * 1.1
    qtbot.waitUntil(view.layout_driver.is_finished)
    # The same passage stands at the top of the screen, highlights kept, and the reading
    # scroll bar still reaches the last line of the (now longer) text.
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    assert abs(view.document().findBlock(top).blockNumber()
               - view.document().findBlock(middle).blockNumber()) <= 1
    assert len(view.layers) == len(annotations)
    bar = pane.findChild(QScrollBar, "readingScrollBar")
    last = view.document().lastBlock()
    bottom = view.document().documentLayout().blockBoundingRect(last).bottom()
    assert bar.maximum() + view.viewport().height() >= bottom - 1  # whole pixels
    next(a for a in pane.zoom_actions if a.objectName() == "zoomReset").trigger()
    assert pane.zoom() == 1.0


def test_narrow_pane_puts_notes_below_and_never_clips_a_line(pane: ReadingPane,
                                                            cable: Cable, qtbot) -> None:
    pane.set_cable(cable, [], THEMES)
    view = pane.cable_text()
    for width in (1400, 900, 600, 420):
        pane.resize(width, 700)
        qtbot.waitUntil(view.layout_driver.is_finished)
        QApplication.processEvents()
        assert pane.notes_beside() == (width >= pane.notes_beside_min_width())
        visible = view.viewport().width()
        assert view.column_width() <= visible
        document = view.document()
        for number in range(document.blockCount()):
            block = document.findBlockByNumber(number)
            left = document.documentLayout().blockBoundingRect(block).left()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                right = left + line.x() + line.naturalTextWidth()
                assert right <= visible + 1, (width, number)
    assert not pane.notes_beside()


def test_scrolling_reports_the_page_on_screen(pane: ReadingPane, qtbot) -> None:
    from .test_reading_pane_data import synthetic_cable

    cable = synthetic_cable(60_000)
    pane.set_cable(cable, [], THEMES)
    view = pane.cable_text()
    qtbot.waitUntil(view.layout_driver.is_finished)
    assert len(cable.pages) > 2
    turn = cable.pages[2]
    position = view.built.parts[BODY].to_doc(turn.offset + 40)
    with qtbot.waitSignal(pane.positionChanged) as signal:
        view.scroll_to_position(position, 0.0)
    page = signal.args[0]
    assert page.split("\u2013")[-1] == turn.label, (page, turn.label)


def test_a_long_last_note_lengthens_the_text_yet_the_bottom_shows_its_end(
    pane: ReadingPane, qtbot
) -> None:
    from PySide6.QtWidgets import QScrollBar

    text = "1. A short telegram.\n\n2. Its last paragraph carries the note."
    note = "Source: " + " ".join(f"Folder {i}, box {i * 7}, memoranda." for i in range(150))
    cable = Cable(id="t/d9", volume="v", number="9", title="t", text=text,
                  blocks=[Block("paragraph", 0, 20, "1"), Block("paragraph", 22, len(text), "2")],
                  footnotes=[Footnote("1", "1", "source", note, len(text))])
    pane.resize(1400, 500)
    pane.set_cable(cable, [], THEMES)
    view, notes = pane.cable_text(), pane.footnote_pane().view
    qtbot.waitUntil(view.layout_driver.is_finished)
    text_bar, notes_bar = view.verticalScrollBar(), notes.verticalScrollBar()
    # The text, shorter than the screen, scrolls on past its end beside the note, until
    # only its last lines are in view.
    qtbot.waitUntil(lambda: text_bar.maximum() > 20)
    reading = pane.findChild(QScrollBar, "readingScrollBar")
    reading.setValue(text_bar.maximum())
    QApplication.processEvents()
    document = view.document()
    last = document.lastBlock().previous()
    bottom = document.documentLayout().blockBoundingRect(last).bottom() - text_bar.value()
    assert 0 < bottom <= view.viewport().height()
    footnotes = pane.footnote_pane()
    marker_y = footnotes.marker_baseline("1") - text_bar.value()
    block = footnotes.built.document.findBlockByNumber(footnotes.built.note_blocks["1"])
    note_y = footnotes.note_top("1") + block.layout().lineAt(0).ascent() - notes_bar.value()
    assert abs(note_y - marker_y) <= 4, (note_y, marker_y)
    # The rest of the note: the reading bar goes on, the text rests at its end.
    assert reading.maximum() == notes_bar.maximum() > text_bar.maximum()
    reading.setValue(reading.maximum())
    assert notes_bar.value() == notes_bar.maximum()
    assert text_bar.value() == text_bar.maximum()
    bottom = document.documentLayout().blockBoundingRect(last).bottom() - text_bar.value()
    assert 0 < bottom <= view.viewport().height()


def test_resizing_keeps_the_place_the_notes_level_and_wide_enough(pane: ReadingPane,
                                                                  qtbot) -> None:
    from .test_reading_pane_data import synthetic_cable

    cable = synthetic_cable(40_000)
    pane.resize(1300, 800)
    pane.set_cable(cable, [], THEMES)
    view, notes = pane.cable_text(), pane.footnote_pane().view
    qtbot.waitUntil(view.layout_driver.is_finished)
    middle = view.document().findBlockByNumber(view.document().blockCount() // 2)
    view.scroll_to_position(middle.position(), 0.0)
    pane.set_zoom(1.5)
    for width in (900, 1300, 1000):
        pane.resize(width, 800)
        qtbot.waitUntil(view.layout_driver.is_finished)
        QApplication.processEvents()
        top = view.document().findBlock(view.first_visible_position(whole=True)).blockNumber()
        assert abs(top - middle.blockNumber()) <= 1, (width, top, middle.blockNumber())
        if pane.notes_beside():
            assert pane.footnote_pane().width() >= pane.notes_min_width() - 6
            assert notes.verticalScrollBar().value() == view.verticalScrollBar().value()
