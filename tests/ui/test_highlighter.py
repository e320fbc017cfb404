"""Offset maps, the per-block annotation index, and the highlight painter."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QScrollBar  # noqa: E402

from cable_annotator.domain.cable import BODY, Block, Cable, Footnote  # noqa: E402
from cable_annotator.ui.reading.document_builder import DocumentBuilder  # noqa: E402
from cable_annotator.ui.reading.highlighter import AnnotationLayers, AnnotationPainter  # noqa: E402
from cable_annotator.ui.reading.palette import LIGHT, blend_layers, mix  # noqa: E402
from cable_annotator.ui.reading.reading_pane import ReadingPane  # noqa: E402

from .test_reading_pane_data import (  # noqa: E402
    THEMES,
    annotation,
    sample_cable,
    spread_annotations,
    synthetic_cable,
)

pytestmark = pytest.mark.gui


def astral_cable() -> Cable:
    text = "𝔗𝔥𝔢 🙂 heading\n\n1. A 𝔣𝔦𝔰𝔥 paragraph.\n\nTail 🚢 end"
    first_end = text.index("\n\n")
    second = text.index("1.")
    return Cable(
        id="t/d1", volume="v", number="1", title="t", text=text,
        blocks=[Block("heading", 0, first_end), Block("paragraph", second,
                                                      text.index("\n\nTail"), "1")],
        footnotes=[Footnote("a", "1", "source", "Note 𝔄 text.\n\nSecond 🙂.", 5),
                   Footnote("b", "2", "editorial", "Other.", len(text))],
    )


def test_part_map_round_trips_every_offset_with_astral_text_and_markers(qapp) -> None:
    cable = astral_cable()
    built = DocumentBuilder(LIGHT).build_body(cable)
    mapping = built.parts[BODY]
    # Document positions count UTF-16 units: slice the document's text in those.
    units = built.document.toRawText().encode("utf-16-le")
    for block in built.block_spans:
        if block is None:
            continue  # the spacer blocks that open and close a document
        _, start, end = block
        for offset in range(start, end + 1):
            position = mapping.to_doc(offset)
            assert mapping.from_doc(position) == offset
        for offset in range(start, end):
            at = 2 * mapping.to_doc(offset)
            width = 4 if ord(cable.text[offset]) > 0xFFFF else 2
            shown = units[at : at + width].decode("utf-16-le")
            assert shown.replace("\t", " ") == cable.text[offset]
    # The marker of note "a" sits inside the heading, after "𝔗𝔥𝔢 🙂"; it is no offset.
    marker_position = dict((k, p) for p, k in built.markers)["a"]
    assert mapping.from_doc(marker_position) == 5
    assert mapping.from_doc(marker_position + 1) == 5
    # The uncovered tail became its own paragraph.
    assert built.block_spans[-2] == (BODY, cable.text.index("Tail"), len(cable.text))
    assert built.block_spans[-1] is None  # the tail spacer


def test_footnote_document_maps_each_note_to_its_part(qapp) -> None:
    cable = astral_cable()
    built = DocumentBuilder(LIGHT).build_footnotes(cable)
    assert set(built.parts) == {"footnote a", "footnote b"}
    second = built.parts["footnote a"]
    position = second.to_doc(cable.footnotes[0].text.index("Second"))
    assert built.part_at(position).part == "footnote a"
    assert built.part_at(built.parts["footnote b"].doc_start).part == "footnote b"
    assert built.note_blocks == {"a": 1, "b": 3}  # after the spacer block


def test_layers_file_annotations_under_the_blocks_they_touch(qapp) -> None:
    cable = sample_cable()
    built = DocumentBuilder(LIGHT).build_body(cable)
    layers = AnnotationLayers(built)
    across = annotation(cable, "End FYI.\n\nKissinger", [1], ident="across")
    inside = annotation(cable, "an arms race could ensue", [2], ident="inside")
    assert layers.add(across) == {11, 12}
    assert layers.add(inside) == {5}
    assert [a.id for a in layers.at(BODY, inside.start + 3)] == ["inside"]
    assert layers.at(BODY, cable.text.index("\n\nKissinger")) == []
    assert layers.remove("across") == {11, 12}
    bulk = AnnotationLayers(built)
    bulk.reset([across, inside])
    assert [a.id for a in bulk.on_block(12)] == ["across"]
    assert bulk.has_block(5) and not bulk.has_block(4)


def test_overlaps_split_into_segments_with_stacked_colours(qapp) -> None:
    cable = sample_cable()
    built = DocumentBuilder(LIGHT).build_body(cable)
    layers = AnnotationLayers(built)
    outer = annotation(cable, "an arms race could ensue", [1], ident="outer")
    inner = annotation(cable, "race could", [2], ident="inner")
    layers.reset([outer, inner])
    painter = AnnotationPainter(built, layers, LIGHT, THEMES)
    block = built.document.findBlockByNumber(5)
    local = built.parts[BODY].to_doc(outer.start) - block.position()
    segments = painter.segments(block, layers.on_block(5))
    red, blue = "#e4572e", "#4c9be8"
    assert segments == [
        (local, local + 8, (red,)),
        (local + 8, local + 18, (red, blue)),
        (local + 18, local + 24, (red,)),
    ]
    fills = {(s, e): fill.name() for s, e, fill, _ in painter.block_segments(5)}
    assert fills[(local + 8, local + 18)] == LIGHT.layer([red, blue]).name()
    assert not block.layout().formats(), "highlights never change the document's formats"


def test_long_annotated_cable_lays_out_to_its_end(qtbot) -> None:
    cable = synthetic_cable(120_000)
    pane = ReadingPane(dark=False)
    qtbot.addWidget(pane)
    pane.resize(1400, 900)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_cable(cable, spread_annotations(cable, 800), THEMES)
    pane.grab()
    view = pane.cable_text()
    document = view.document()
    # The layout is driven to the end in the background; the scroll range then spans
    # the whole cable, annotations or not (they are painted, never typed into it).
    qtbot.waitUntil(view.layout_driver.is_finished, timeout=10000)
    last = document.lastBlock().previous()  # the last block of text, before the spacer
    assert last.layout().lineCount() > 0
    bottom = document.documentLayout().blockBoundingRect(last).bottom()
    bar = pane.findChild(QScrollBar, "readingScrollBar")
    assert bar.maximum() + view.viewport().height() >= bottom - 1  # whole pixels
    bar.setValue(bar.maximum())
    pane.grab()
    rect = document.documentLayout().blockBoundingRect(last)
    assert rect.bottom() - view.verticalScrollBar().value() <= view.viewport().height()
    assert not any(document.findBlockByNumber(n).layout().formats()
                   for n in range(document.blockCount()))


def test_colour_arithmetic() -> None:
    paper = QColor("#ffffff")
    assert blend_layers(paper, ["#000000"], 0.5).name() == "#808080"
    assert blend_layers(paper, [], 0.5).name() == "#ffffff"
    assert mix(["#ff0000", "#0000ff"]).name() == "#800080"
    assert mix([]).name() == "#f2c94c"


def test_two_themes_paint_the_first_and_underline_the_second(qapp) -> None:
    cable = sample_cable()
    built = DocumentBuilder(LIGHT).build_body(cable)
    layers = AnnotationLayers(built)
    both = annotation(cable, "an arms race could ensue", [1, 2], ident="both")
    layers.reset([both])
    painter = AnnotationPainter(built, layers, LIGHT, THEMES)
    block = built.document.findBlockByNumber(5)
    local = built.parts[BODY].to_doc(both.start) - block.position()
    (painted,) = [s for s in painter.block_segments(5) if s[0] == local]
    red, blue = "#e4572e", "#4c9be8"
    assert painted[2].name() == LIGHT.layer([red]).name()
    assert painted[3].name() == blue


def test_opening_salutation_stands_left_and_closing_one_with_the_signature(qapp) -> None:
    from PySide6.QtCore import Qt

    text = "Dear Zbig:\n\nWhile we touched on the issue.\n\nSincerely,\n\nThomas F. Eagleton"
    blocks = [Block("salute", 0, 10), Block("paragraph", 12, 42),
              Block("salute", 44, 54), Block("signature", 56, len(text))]
    cable = Cable(id="v/d1", volume="v", number="1", title="t", text=text, blocks=blocks)
    document = DocumentBuilder(LIGHT).build_body(cable).document
    alignments = [document.findBlockByNumber(n).blockFormat().alignment()
                  & Qt.AlignmentFlag.AlignHorizontal_Mask for n in range(4)]
    right = Qt.AlignmentFlag.AlignRight
    assert [bool(a & right) for a in alignments] == [False, False, True, True]


def test_bulk_filing_matches_filing_one_by_one_at_every_edge(qapp) -> None:
    """``reset`` (opening a cable) files each passage under the same blocks as ``add``:
    passages inside a block, ending at a block's end, in the gap between two blocks,
    spanning several, empty ones, and before the first block."""
    from dataclasses import replace

    cable = sample_cable()
    built = DocumentBuilder(LIGHT).build_body(cable)
    spans = [span for span in built.block_spans if span is not None]
    base = annotation(cable, "an arms race could ensue", [1], ident="base")
    passages, seen = [], set()
    for n, (_, start, end) in enumerate(spans):
        for a, b in ((start, end), (start + 1, end - 1), (end - 2, end + 3), (end, end + 1),
                     (start, start), (max(start - 1, 0), end), (start, spans[-1][2])):
            if a >= 0 and b <= len(cable.text) and f"p{n}-{a}-{b}" not in seen:
                seen.add(f"p{n}-{a}-{b}")
                passages.append(replace(base, id=f"p{n}-{a}-{b}", start=a, end=b))
    one_by_one = AnnotationLayers(built)
    for passage in passages:
        one_by_one.add(passage)
    bulk = AnnotationLayers(built)
    bulk.reset(sorted(passages, key=lambda p: (p.start, p.end)))
    assert len(bulk) == len(one_by_one) == len(passages)
    for number in range(len(built.block_spans)):
        assert ({a.id for a in bulk.on_block(number)}
                == {a.id for a in one_by_one.on_block(number)}), number
