"""Build the QTextDocuments of a cable, and remember where every canonical offset landed.

The document is built once per cable with undo off, one QTextBlock per block of the
cable. It is *not* a copy of ``cable.text``: the blank lines between paragraphs are block
boundaries, and the footnote markers are inserted as superscript link characters so that
Qt draws, wraps and hit-tests them natively. Page turns are not in the document at all;
the view paints them in its margin from :attr:`BuiltDocument.pages`.

Because the document holds characters the canonical text does not (and lacks some it
has), every conversion goes through a :class:`PartMap`: a list of *runs*, each a verbatim
copy of ``text[start:end]`` at a document position. Inside a run positions differ only by
the UTF-16 arithmetic of :class:`~cable_annotator.domain.offsets.Utf16Map`; positions
outside every run (a marker, a note's label, a block separator) snap to the nearest run
edge, so selections and highlights always come back as canonical code-point offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from ...domain.cable import BODY, Block, Cable, CrossReference, Footnote, Span
from ...domain.offsets import Utf16Map
from .palette import ReadingPalette

SERIF_FAMILIES = [
    "Charter", "Iowan Old Style", "Source Serif 4", "Source Serif Pro", "Literata",
    "Georgia", "Noto Serif", "Libertinus Serif", "DejaVu Serif", "serif",
]
LINE_HEIGHT = 155
"""Proportional line height (percent) of body text: generous, for long reading."""
NOTE_LINE_HEIGHT = 140
NOTE_HREF = "note:"
REF_HREF = "ref:"
LINE_SEPARATOR = "\u2028"
VERBATIM_KIND = "text"
"""The kind of a text imported verbatim (``importers.plaintext.verbatim.TEXT_KIND``)."""
VERBATIM_LINE = "verbatim line"
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_LABEL = re.compile(r"\(?([^\s.):]{1,8})[.):]? ")
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.S)


class _Bmp:
    """The identity map of a text without astral characters (most texts): no scan needed."""

    @staticmethod
    def to_utf16(offset: int) -> int:
        return offset

    @staticmethod
    def from_utf16(offset: int) -> int:
        return offset


def reading_font(point_size: float = 12.0) -> QFont:
    """The serif text face, falling back through common book faces to any serif."""
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return font


class PartMap:
    """Code-point offsets of one part's text ↔ positions in the document that shows it."""

    def __init__(self, part: str, text: str) -> None:
        self.part = part
        self.text = text
        self._utf16 = Utf16Map(text) if _ASTRAL.search(text) else _Bmp()
        self._doc_starts: list[int] = []
        self._cp_starts: list[int] = []
        self._cp_ends: list[int] = []

    def add_run(self, doc_start: int, start: int, end: int) -> None:
        """Record that ``text[start:end]`` was inserted verbatim at ``doc_start`` (in order)."""
        self._doc_starts.append(doc_start)
        self._cp_starts.append(start)
        self._cp_ends.append(end)

    @property
    def doc_start(self) -> int:
        return self._doc_starts[0] if self._doc_starts else 0

    @property
    def doc_end(self) -> int:
        return self._run_doc_end(len(self._doc_starts) - 1) if self._doc_starts else 0

    def _run_doc_end(self, i: int) -> int:
        length = self._utf16.to_utf16(self._cp_ends[i]) - self._utf16.to_utf16(self._cp_starts[i])
        return self._doc_starts[i] + length

    def to_doc(self, offset: int, *, end: bool = False) -> int:
        """Document position of code point ``offset``.

        Offsets between runs (the blank lines between paragraphs) go to the next run's
        start, or with ``end`` to the previous run's end, so a passage never swallows a
        block separator or a marker it does not contain.
        """
        if not self._doc_starts:
            return 0
        i = bisect_right(self._cp_starts, offset) - 1
        if end and i > 0 and offset == self._cp_starts[i] and self._cp_ends[i - 1] == offset:
            i -= 1
        if i < 0:
            return self._doc_starts[0]
        if offset > self._cp_ends[i]:
            if end or i + 1 >= len(self._doc_starts):
                return self._run_doc_end(i)
            return self._doc_starts[i + 1]
        utf16 = self._utf16
        return self._doc_starts[i] + utf16.to_utf16(offset) - utf16.to_utf16(self._cp_starts[i])

    def from_doc(self, position: int) -> int:
        """Code-point offset of document ``position``; inserted characters snap to a run edge."""
        if not self._doc_starts:
            return 0
        i = bisect_right(self._doc_starts, position) - 1
        if i < 0:
            return self._cp_starts[0]
        utf16 = self._utf16
        run_start16 = utf16.to_utf16(self._cp_starts[i])
        inside = position - self._doc_starts[i]
        if inside >= utf16.to_utf16(self._cp_ends[i]) - run_start16:
            return self._cp_ends[i]
        return utf16.from_utf16(run_start16 + inside)


@dataclass
class BuiltDocument:
    """A built document with its maps.

    ``block_spans[n]`` is ``(part, start, end)``: the code points shown by block ``n``,
    the per-block index the highlight painter uses (None for a spacer block). ``pages``
    and ``markers`` are document positions of page turns and footnote markers;
    ``note_blocks`` the first block number of each footnote (footnote document only).
    """

    document: QTextDocument
    parts: dict[str, PartMap]
    block_spans: list[tuple[str, int, int] | None]
    pages: list[tuple[int, str]] = field(default_factory=list)
    markers: list[tuple[int, str]] = field(default_factory=list)
    note_blocks: dict[str, int] = field(default_factory=dict)
    _part_starts: list[tuple[int, str]] = field(default_factory=list)

    def part_at(self, position: int) -> PartMap | None:
        """The part shown at document ``position``."""
        if not self._part_starts:
            return None
        i = bisect_right([start for start, _ in self._part_starts], position) - 1
        return self.parts[self._part_starts[max(i, 0)][1]]


def _segments(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks to show: the cable's own, plus a paragraph for any text they leave out."""
    out: list[Block] = []
    cursor = 0
    for block in sorted(blocks, key=lambda b: (b.start, b.end)):
        if block.start < cursor or block.end <= block.start:
            continue
        out.extend(_paragraphs(text, cursor, block.start))
        out.append(block)
        cursor = block.end
    out.extend(_paragraphs(text, cursor, len(text)))
    return out


def _verbatim_lines(text: str) -> list[Block]:
    """A verbatim text (kind ``text``: a transcript, a memoir chapter) line by line, the
    blank ones too, with no space between paragraphs but its own blank lines: the reader
    sees every line and character as stored. Read as paragraphs, runs of blank lines and
    the spaces around them vanished."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append(Block(VERBATIM_LINE, start, start + len(line)))
        start += len(line) + 1
    return out


def _paragraphs(text: str, start: int, end: int) -> list[Block]:
    """Split uncovered text into paragraphs at blank lines, trimming surrounding whitespace."""
    out = []
    for match in _PARAGRAPH.finditer(text[start:end]):
        out.append(Block("paragraph", start + match.start(), start + match.end()))
    return out


@lru_cache(maxsize=256)
def _style_kind(kind: str) -> str:
    kind = kind.lower().replace("_", " ").replace("-", " ")
    if kind in {"heading", "head", "title", "document title"}:
        return "heading"
    if kind in {"dateline", "date"}:
        return "dateline"
    if kind in {"signature", "closer", "signed", "closing salute", "signed by"}:
        return "signature"
    if kind in {"salute", "salutation"}:
        return "salutation"
    if kind in {"subject", "opener", "address", "addressee", "from", "to", "docimprint"}:
        return "opener"
    if kind in {"list", "item", "list item", "listitem", "li"}:
        return "item"
    if kind in {"table", "row", "table row", "cell"}:
        return "row"
    if kind in {"quote", "blockquote", "block quote"}:
        return "quote"
    if kind == VERBATIM_LINE:
        return "verbatim"
    if kind == "telegram header":  # DTG, FM/TO/INFO, E.O., TAGS of a raw telegram
        return "header line"
    return "paragraph"


class DocumentBuilder:
    """Builds body and footnote documents with one consistent typography."""

    def __init__(self, palette: ReadingPalette, point_size: float = 12.0) -> None:
        self.palette = palette
        self.font = reading_font(point_size)
        self.note_font = reading_font(point_size * 0.86)
        self._em = QFontMetricsF(self.font).horizontalAdvance("M")
        self._block_formats: dict[tuple[str, bool], QTextBlockFormat] = {}
        self._char_formats: dict[tuple[str, str], QTextCharFormat] = {}
        self._font_keys: dict[int, tuple[QFont, str]] = {}
        self._label_width = QFontMetricsF(self.font).horizontalAdvance("10.\u2002")

    # -- formats -------------------------------------------------------------------

    def block_format(self, kind: str, hanging: bool, copy: bool = True) -> QTextBlockFormat:
        """The paragraph format of a block of ``kind`` (a copy: callers may change it;
        ``copy=False``: the shared one, for a caller that only hands it to Qt, which
        copies it).

        Made once per kind: a long cable has thousands of blocks of a handful of kinds."""
        key = (_style_kind(kind), hanging)
        fmt = self._block_formats.get(key)
        if fmt is None:
            fmt = self._block_formats[key] = self._make_block_format(kind, hanging)
        return QTextBlockFormat(fmt) if copy else fmt

    def _make_block_format(self, kind: str, hanging: bool) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(self._em * 0.7)
        style = _style_kind(kind)
        if style == "heading":
            fmt.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            fmt.setBottomMargin(self._em * 1.1)
        elif style in {"dateline", "signature"}:
            fmt.setAlignment(Qt.AlignmentFlag.AlignRight)
            fmt.setTopMargin(self._em * 0.4 if style == "signature" else 0)
        elif style == "verbatim":
            fmt.setBottomMargin(0)  # its own blank lines part its paragraphs
        elif style == "header line":
            fmt.setBottomMargin(self._em * 0.05)  # the header's lines stand as one block
        elif style == "item":
            fmt.setLeftMargin(self._label_width + self._em)
        elif style == "quote":
            fmt.setLeftMargin(self._em * 2)
            fmt.setRightMargin(self._em * 2)
        elif style == "row":
            fmt.setBottomMargin(self._em * 0.15)
            fmt.setTabPositions(
                [QTextOption.Tab(self._em * 12 * (i + 1), QTextOption.TabType.LeftTab)
                 for i in range(6)]
            )
        if hanging:
            indent = fmt.leftMargin() + self._label_width
            fmt.setLeftMargin(indent)
            fmt.setTextIndent(-self._label_width)
            fmt.setTabPositions([QTextOption.Tab(indent, QTextOption.TabType.LeftTab)])
        return fmt

    def block_char_format(self, kind: str, font: QFont) -> QTextCharFormat:
        """The character format of a block of ``kind`` in ``font`` (made once per kind)."""
        font_key = self._font_keys.get(id(font))
        if font_key is None or font_key[0] is not font:  # QFont.key() is a C++ call a block
            font_key = self._font_keys[id(font)] = (font, font.key())
        key = (_style_kind(kind), font_key[1])
        fmt = self._char_formats.get(key)
        if fmt is None:
            fmt = self._char_formats[key] = self._make_block_char_format(kind, font)
        return fmt

    def _make_block_char_format(self, kind: str, font: QFont) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(font)
        style = _style_kind(kind)
        if style == "heading":
            heading = QFont(font)
            heading.setPointSizeF(font.pointSizeF() * 1.3)
            heading.setWeight(QFont.Weight.DemiBold)
            fmt.setFont(heading)
        elif style in {"dateline", "opener", "header line"}:
            fmt.setForeground(self.palette.muted)
        return fmt

    def span_format(self, base: QTextCharFormat, styles: set[str]) -> QTextCharFormat:
        fmt = QTextCharFormat(base)
        if "italic" in styles:
            fmt.setFontItalic(True)
        if "bold" in styles:
            fmt.setFontWeight(QFont.Weight.Bold)
        if "underline" in styles:
            fmt.setFontUnderline(True)
        if "smallcaps" in styles:
            fmt.setFontCapitalization(QFont.Capitalization.SmallCaps)
        if "superscript" in styles:
            fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        if "editorial" in styles:
            fmt.setForeground(self.palette.muted)
        return fmt

    def reference_format(self, base: QTextCharFormat, target: str) -> QTextCharFormat:
        fmt = QTextCharFormat(base)
        fmt.setAnchor(True)
        fmt.setAnchorHref(REF_HREF + target)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(self.palette.link)
        fmt.setToolTip(target)
        return fmt

    def marker_format(self, base: QTextCharFormat, key: str) -> QTextCharFormat:
        fmt = QTextCharFormat(base)
        fmt.setAnchor(True)
        fmt.setAnchorHref(NOTE_HREF + key)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        fmt.setForeground(self.palette.marker)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontItalic(False)
        fmt.setProperty(QTextFormat.Property.FontLetterSpacing, 104.0)
        return fmt

    # -- documents -----------------------------------------------------------------

    def _new_document(self, font: QFont) -> QTextDocument:
        document = QTextDocument()
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(font)
        # Air around the page, not growing past 20 px with the zoom: a narrow window
        # zoomed in keeps its width for the words.
        document.setDocumentMargin(min(self._em * 1.2, 20.0))
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        return document

    def build_body(self, cable: Cable) -> BuiltDocument:
        """The document of the cable's body, with page turns and markers located."""
        document = self._new_document(self.font)
        part = PartMap(BODY, cable.text)
        built = BuiltDocument(document, {BODY: part}, [], _part_starts=[(0, BODY)])
        markers = sorted(cable.footnotes, key=lambda n: n.offset)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        segments = (_verbatim_lines(cable.text) if cable.kind == VERBATIM_KIND
                    else _segments(cable.text, cable.blocks))
        self._insert_blocks(
            cursor, built, part, cable.text, segments,
            cable.spans, cable.references, markers, self.font, first=True,
        )
        self._append_tail(cursor, built)
        cursor.endEditBlock()
        built.pages = [(part.to_doc(page.offset), page.label) for page in cable.pages]
        return built

    def build_footnotes(self, cable: Cable) -> BuiltDocument:
        """One document holding every note, each opening with its marker as a hanging label."""
        document = self._new_document(self.note_font)
        built = BuiltDocument(document, {}, [])
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        # An empty first block of no height: Qt ignores the top margin of a document's
        # first block, and the apparatus moves every note, the first too, by its margin.
        cursor.setBlockFormat(self._spacer_format())
        built.block_spans.append(None)
        for note in cable.footnotes:
            part = PartMap(note.part, note.text)
            built.parts[note.part] = part
            block_number, position = self._insert_note(cursor, built, part, note, False)
            built.note_blocks[note.key] = block_number
            built._part_starts.append((position, note.part))
        self._append_tail(cursor, built)
        cursor.endEditBlock()
        return built

    @staticmethod
    def _spacer_format() -> QTextBlockFormat:
        """An empty block of no height: it holds a margin and nothing else."""
        spacer = QTextBlockFormat()
        spacer.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        return spacer

    def _append_tail(self, cursor: QTextCursor, built: BuiltDocument) -> None:
        """End the document with a spacer block, whose top margin the reading pane sets so
        that text and notes scroll equally far (Qt ignores a last block's bottom margin,
        and a frame margin would make it lay the whole document out again)."""
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(self._spacer_format(), QTextCharFormat())
        built.block_spans.append(None)

    def _insert_note(
        self, cursor: QTextCursor, built: BuiltDocument, part: PartMap, note: Footnote,
        first: bool,
    ) -> tuple[int, int]:
        segments = _segments(note.text, note.blocks) or [Block("paragraph", 0, 0)]
        label = self.marker_format(self.block_char_format("paragraph", self.note_font), note.key)
        label.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
        return self._insert_blocks(
            cursor, built, part, note.text, segments, note.spans, note.references, [],
            self.note_font, first=first, label=(note.marker, label),
        )

    def _insert_blocks(
        self,
        cursor: QTextCursor,
        built: BuiltDocument,
        part: PartMap,
        text: str,
        segments: list[Block],
        spans: list[Span],
        references: list[CrossReference],
        markers: list[Footnote],
        font: QFont,
        first: bool,
        label: tuple[str, QTextCharFormat] | None = None,
    ) -> tuple[int, int]:
        """Insert ``segments`` of ``text``; return the first block's number and position."""
        opening = (0, 0)
        spans = sorted(spans, key=lambda s: s.start)
        references = sorted(references, key=lambda r: r.start)
        marker_i = 0
        seen_paragraph = False
        for index, block in enumerate(segments):
            body = text[block.start : block.end]
            kind = block.kind
            if _style_kind(kind) == "salutation" and seen_paragraph:
                kind = "closing salute"  # "Sincerely yours," stands with the signature
            seen_paragraph = seen_paragraph or _style_kind(kind) == "paragraph"
            hang = _hanging_label(body, block.label) if label is None else 0
            note_label = label is not None and index == 0
            block_fmt = self.block_format(kind, hanging=bool(hang) or note_label,
                                          copy=label is not None)
            if label is not None:
                block_fmt.setLineHeight(
                    NOTE_LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
                )
                block_fmt.setBottomMargin(self._em * 0.45)
                if not note_label:
                    indent = self._label_width
                    block_fmt.setLeftMargin(indent)
            char_fmt = self.block_char_format(kind, font)
            if first and index == 0:
                cursor.setBlockFormat(block_fmt)
                cursor.setBlockCharFormat(char_fmt)
            else:
                cursor.insertBlock(block_fmt, char_fmt)
            if index == 0:
                opening = (cursor.block().blockNumber(), cursor.block().position())
            built.block_spans.append((part.part, block.start, block.end))
            if note_label:
                cursor.insertText(label[0] + "\t", label[1])
            shown = body.replace("\n", LINE_SEPARATOR)
            if hang:
                shown = shown[: hang - 1] + "\t" + shown[hang:]
            # Boundaries where the character format changes, and the markers this block
            # carries (a marker in the gap after a block is shown at the block's end).
            limit = segments[index + 1].start if index + 1 < len(segments) else len(text) + 1
            block_markers = []
            while marker_i < len(markers) and markers[marker_i].offset < limit:
                block_markers.append(markers[marker_i])
                marker_i += 1
            cuts = {block.start, block.end}
            cuts.update(min(max(n.offset, block.start), block.end) for n in block_markers)
            for span in spans:
                if span.start < block.end and span.end > block.start:
                    cuts.update((max(span.start, block.start), min(span.end, block.end)))
            for ref in references:
                if ref.start < block.end and ref.end > block.start:
                    cuts.update((max(ref.start, block.start), min(ref.end, block.end)))
            edges = sorted(cuts)
            for a, b in zip(edges, edges[1:], strict=False):
                self._insert_markers(cursor, built, char_fmt, block_markers, block, a)
                fmt = self._format_at(char_fmt, a, b, spans, references)
                part.add_run(cursor.position(), a, b)
                cursor.insertText(shown[a - block.start : b - block.start], fmt)
            if len(edges) == 1:
                part.add_run(cursor.position(), block.start, block.end)
            self._insert_markers(cursor, built, char_fmt, block_markers, block, block.end)
        return opening

    def _insert_markers(
        self, cursor: QTextCursor, built: BuiltDocument, char_fmt: QTextCharFormat,
        notes: list[Footnote], block: Block, at: int,
    ) -> None:
        for note in notes:
            if min(max(note.offset, block.start), block.end) == at:
                built.markers.append((cursor.position(), note.key))
                cursor.insertText(note.marker, self.marker_format(char_fmt, note.key))

    def _format_at(
        self, base: QTextCharFormat, start: int, end: int,
        spans: list[Span], references: list[CrossReference],
    ) -> QTextCharFormat:
        styles = {s.style for s in spans if s.start <= start and s.end >= end}
        fmt = self.span_format(base, styles) if styles else base
        for ref in references:
            if ref.start <= start and ref.end >= end:
                return self.reference_format(fmt, ref.target)
        return fmt


def _hanging_label(text: str, label: str) -> int:
    """Length of a printed label such as ``4. `` opening ``text`` (0 if none).

    The space after the label is shown as a tab so the paragraph's lines align past a
    hanging number; a tab has the same length, so offsets stay linear.
    """
    if not label:
        return 0
    match = _LABEL.match(text)
    return match.end() if match and match.group(1) == label else 0
