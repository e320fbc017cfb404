"""Annotation highlights painted from the store, line by line, under the text.

Highlights are never typed into the document (no ``mergeCharFormat`` per annotation, as
QualCoder does), and not set as formats by a ``QSyntaxHighlighter`` either: any format
change makes Qt lay the changed block out again, and Qt's lazy layout of a long document
does not survive such changes (the scroll range froze part-way down an annotated cable).
Instead the view paints, before Qt draws the glyphs, a rectangle per line of each
segment of the :class:`AnnotationLayers` of the blocks on screen. The document never
changes after it is built, so its layout — height, scroll range, marker and page
positions — is the layout of the text alone. Overlaps are split into segments, each
painted with the theme colours composited in order, so a passage tagged twice reads as a
deeper mix. Adding or removing one annotation recomputes only the blocks it touches and
repaints the screen: no layout at all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock, QTextDocument

from ...domain.annotation import Annotation, Theme
from .document_builder import BuiltDocument
from .palette import ReadingPalette, mix

Segment = tuple[int, int, QColor, "QColor | None"]
"""``(start, end, fill, underline)``: UTF-16 positions within a block and its colours."""
Piece = tuple[QRectF, QColor, "QColor | None", float]
"""``(rect, fill, underline, baseline)``: one line's part of a segment, in block coordinates."""

class AnnotationLayers:
    """Which annotations lie on which block of one built document.

    The document's ``block_spans`` give each block's part and code-point range; each
    annotation is filed under every block it overlaps, so a block's layers are a lookup
    and a change touches only the blocks of the annotations changed.
    """

    def __init__(self, built: BuiltDocument) -> None:
        self._spans = built.block_spans
        self._by_part: dict[str, tuple[list[int], list[int]]] = {}
        for number, span in enumerate(built.block_spans):
            if span is None:
                continue
            starts, numbers = self._by_part.setdefault(span[0], ([], []))
            starts.append(span[1])
            numbers.append(number)
        self._blocks: dict[int, dict[str, Annotation]] = {}
        self._annotations: dict[str, Annotation] = {}

    def __len__(self) -> int:
        return len(self._annotations)

    def __contains__(self, annotation_id: str) -> bool:
        return annotation_id in self._annotations

    def get(self, annotation_id: str) -> Annotation | None:
        return self._annotations.get(annotation_id)

    def annotations(self) -> Iterable[Annotation]:
        return self._annotations.values()

    def blocks_of(self, part: str, start: int, end: int) -> list[int]:
        """Numbers of the blocks of ``part`` that a passage ``start:end`` overlaps."""
        entry = self._by_part.get(part)
        if entry is None:
            return []
        starts, numbers = entry
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_left(starts, max(end, start + 1)), first + 1)
        out = []
        for i in range(first, min(last, len(numbers))):
            span = self._spans[numbers[i]]
            if span is not None and span[1] < max(end, start + 1) and span[2] > start:
                out.append(numbers[i])
        return out

    def reset(self, annotations: Iterable[Annotation]) -> None:
        """File many annotations at once (opening a cable): no per-annotation bookkeeping.

        Most passages lie inside one block, so that case is a bisection and one insert;
        the rest walk the blocks they span.
        """
        self._blocks.clear()
        self._annotations.clear()
        spans = self._spans
        blocks = self._blocks
        filed = self._annotations
        by_part = self._by_part
        entry_part = None
        entry = None
        for annotation in annotations:
            part = annotation.part
            if part is not entry_part:
                entry_part, entry = part, by_part.get(part)
            if entry is None or annotation.orphaned:
                continue
            identifier = annotation.id
            filed[identifier] = annotation
            starts, numbers = entry
            start = annotation.start
            end = annotation.end if annotation.end > start else start + 1
            i = bisect_right(starts, start) - 1
            if i < 0:
                i = 0
            number = numbers[i]
            block_end = spans[number][2]
            if block_end >= end:  # inside one block, as most are: the blocks of a part
                # do not overlap, so the next one starts at or after ``end``
                if starts[i] < end and block_end > start:
                    layer = blocks.get(number)
                    if layer is None:
                        blocks[number] = {identifier: annotation}
                    else:
                        layer[identifier] = annotation
                continue
            count = len(numbers)
            while i < count and starts[i] < end:
                number = numbers[i]
                if spans[number][2] > start:
                    layer = blocks.get(number)
                    if layer is None:
                        blocks[number] = {identifier: annotation}
                    else:
                        layer[identifier] = annotation
                i += 1

    def add(self, annotation: Annotation) -> set[int]:
        """File ``annotation`` (replacing a previous version); return the blocks touched."""
        touched = self.remove(annotation.id)
        if annotation.orphaned or annotation.part not in self._by_part:
            return touched
        self._annotations[annotation.id] = annotation
        for number in self.blocks_of(annotation.part, annotation.start, annotation.end):
            self._blocks.setdefault(number, {})[annotation.id] = annotation
            touched.add(number)
        return touched

    def remove(self, annotation_id: str) -> set[int]:
        old = self._annotations.pop(annotation_id, None)
        if old is None:
            return set()
        touched = set()
        for number in self.blocks_of(old.part, old.start, old.end):
            layer = self._blocks.get(number)
            if layer is not None and layer.pop(annotation_id, None) is not None:
                touched.add(number)
                if not layer:
                    del self._blocks[number]
        return touched

    def on_block(self, number: int) -> list[Annotation]:
        layer = self._blocks.get(number)
        return list(layer.values()) if layer else []

    def has_block(self, number: int) -> bool:
        return number in self._blocks

    def at(self, part: str, offset: int) -> list[Annotation]:
        """Annotations of ``part`` covering the character at ``offset``, shortest first."""
        found = []
        for number in self.blocks_of(part, offset, offset + 1):
            for annotation in self.on_block(number):
                if annotation.start <= offset < annotation.end and annotation not in found:
                    found.append(annotation)
        found.sort(key=lambda a: (a.end - a.start, a.start))
        return found


class AnnotationPainter:
    """Paints the layers of :class:`AnnotationLayers` under the text of a built document.

    Segments are computed per block on first paint and cached until an annotation on
    that block, or the codebook's colours, change.
    """

    def __init__(
        self, built: BuiltDocument, layers: AnnotationLayers, palette: ReadingPalette,
        themes: list[Theme],
    ) -> None:
        self.built = built
        self.layers = layers
        self.palette = palette
        self._colors: dict[int | None, str] = {}
        self._fills: dict[tuple[str, ...], QColor] = {}
        self._segments: dict[int, list[Segment]] = {}
        self._pieces: dict[int, list[Piece]] = {}
        self.set_themes(themes)

    # -- colours -------------------------------------------------------------------

    def set_themes(self, themes: list[Theme]) -> None:
        """New theme colours: every cached segment is recomputed on the next paint."""
        self._colors = {theme.id: theme.color for theme in themes}
        self._fills.clear()
        self._segments.clear()
        self._pieces.clear()

    def color_of(self, annotation: Annotation) -> str:
        """One annotation's colour: its first theme's (the others are underlined, since
        averaging two theme colours gives a muddy tone that matches neither)."""
        colors = [self._colors[t] for t in annotation.theme_ids if t in self._colors]
        return colors[0] if colors else mix([]).name()

    def underline_of(self, annotation: Annotation) -> str | None:
        """The second theme's colour of an annotation with several themes, else None."""
        colors = [self._colors[t] for t in annotation.theme_ids if t in self._colors]
        return colors[1] if len(colors) > 1 else None

    def fill_for(self, colors: tuple[str, ...]) -> QColor:
        fill = self._fills.get(colors)
        if fill is None:
            fill = self._fills[colors] = self.palette.layer(colors)
        return fill

    def layer_color(self, annotations: list[Annotation]) -> QColor:
        """The painted colour where exactly ``annotations`` overlap (for tests and swatches)."""
        ordered = sorted(annotations, key=_layer_order)
        return self.fill_for(tuple(self.color_of(a) for a in ordered))

    # -- changes -------------------------------------------------------------------

    def invalidate(self, numbers: Iterable[int]) -> None:
        """Forget the segments of blocks ``numbers`` (their annotations changed)."""
        for number in numbers:
            self._segments.pop(number, None)
            self._pieces.pop(number, None)

    def block_segments(self, number: int) -> list[Segment]:
        """The painted segments of block ``number`` (cached)."""
        segments = self._segments.get(number)
        if segments is None:
            segments = []
            annotations = self.layers.on_block(number)
            if annotations:
                block = self.built.document.findBlockByNumber(number)
                for start, end, colors, top in self._layered_segments(block, annotations):
                    underline = self.underline_of(top)
                    segments.append((start, end, self.fill_for(colors),
                                     QColor(underline) if underline else None))
            self._segments[number] = segments
        return segments

    # -- painting ------------------------------------------------------------------

    def forget_geometry(self) -> None:
        """The document was laid out anew (another width): line pieces are measured again."""
        self._pieces.clear()

    def _block_pieces(self, block: QTextBlock) -> list[Piece]:
        """The rectangles to paint on ``block``, in the block's own coordinates (cached:
        a block's lines change only when the document is laid out anew)."""
        number = block.blockNumber()
        pieces = self._pieces.get(number)
        if pieces is None:
            segments = self.block_segments(number)
            pieces = list(_segment_rects(block, segments)) if segments else []
            if block.layout().lineCount() == 0:
                return pieces  # not laid out yet: measure again once it is
            self._pieces[number] = pieces
        return pieces

    def paint(self, painter: QPainter, scroll: QPointF, first: int, last: int) -> None:
        """Paint the highlights of blocks ``first..last`` onto a viewport scrolled by
        ``scroll``; blocks not laid out yet have no lines and paint nothing."""
        document: QTextDocument = self.built.document
        layout = document.documentLayout()
        has_block = self.layers.has_block
        for number in range(max(first, 0), min(last, document.blockCount() - 1) + 1):
            if not has_block(number):
                continue
            block = document.findBlockByNumber(number)
            pieces = self._block_pieces(block)
            if not pieces:
                continue
            origin = layout.blockBoundingRect(block).topLeft() - scroll
            for rect, fill, underline, baseline in pieces:
                painter.fillRect(rect.translated(origin), fill)
                if underline is not None:
                    pen = QPen(underline)
                    pen.setWidthF(1.6)
                    painter.setPen(pen)
                    y = origin.y() + baseline + 2.0
                    painter.drawLine(QPointF(origin.x() + rect.left(), y),
                                     QPointF(origin.x() + rect.right(), y))

    def segments(
        self, block: QTextBlock, annotations: list[Annotation]
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        """Split the block into segments with their stack of layer colours.

        Returns ``(start, end, colours)`` in UTF-16 positions within the block.
        """
        return [segment[:3] for segment in self._layered_segments(block, annotations)]

    def _layered_segments(
        self, block: QTextBlock, annotations: list[Annotation]
    ) -> list[tuple[int, int, tuple[str, ...], Annotation]]:
        """Segments as in ``segments``, each with the annotation painted on top."""
        span = self.built.block_spans[block.blockNumber()]
        if span is None:
            return []
        part, block_start, block_end = span
        mapping = self.built.parts[part]
        origin = block.position()
        edges: dict[int, list[tuple[int, Annotation]]] = {}
        for annotation in annotations:
            start = max(annotation.start, block_start)
            end = min(annotation.end, block_end)
            if end <= start:
                continue
            a = mapping.to_doc(start) - origin
            b = mapping.to_doc(end, end=True) - origin
            if b <= a:
                continue
            edges.setdefault(a, []).append((1, annotation))
            edges.setdefault(b, []).append((-1, annotation))
        active: dict[str, Annotation] = {}
        out = []
        positions = sorted(edges)
        for here, there in zip(positions, positions[1:] + [None], strict=True):
            for sign, annotation in edges[here]:
                if sign > 0:
                    active[annotation.id] = annotation
                else:
                    active.pop(annotation.id, None)
            if there is None or not active:
                continue
            ordered = sorted(active.values(), key=_layer_order)
            out.append((here, there, tuple(self.color_of(a) for a in ordered), ordered[-1]))
        return out


def _segment_rects(block: QTextBlock, segments: list[Segment]):
    """Yield ``(rect, fill, underline, baseline)`` per line piece of each segment, in block
    coordinates; a segment ending in the space where a line wraps stops before it."""
    text_layout = block.layout()
    document, origin = block.document(), block.position()
    # Segments are disjoint and in order: each line looks only at those that reach it
    # (a long paragraph at 20,000 annotations has dozens of lines and of segments, and
    # trying every pair held a scroll step for 10 ms and more).
    ends = [segment[1] for segment in segments]
    count = len(segments)
    for number in range(text_layout.lineCount()):
        line = text_layout.lineAt(number)
        line_start = line.textStart()
        line_end = line_start + line.textLength()
        i = bisect_right(ends, line_start)
        while i < count and segments[i][0] < line_end:
            start, end, fill, underline = segments[i]
            i += 1
            low, high = max(start, line_start), min(end, line_end)
            while high > low and high == line_end and (
                    document.characterAt(origin + high - 1).isspace()):
                high -= 1
            if low >= high:
                continue
            left = line.cursorToX(low)[0]
            right = line.cursorToX(high)[0]
            yield (QRectF(left, line.y(), right - left, line.height()), fill, underline,
                   line.y() + line.ascent())


def _layer_order(annotation: Annotation) -> tuple:
    """Longer passages lie underneath, so a short one inside stays visible on top."""
    return (-(annotation.end - annotation.start), annotation.start, annotation.id)
