"""Annotation highlights painted from the store, block by block.

Highlights are never typed into the document (no ``mergeCharFormat`` per annotation, as
QualCoder does): a :class:`QSyntaxHighlighter` paints, for each block, the annotations an
:class:`AnnotationLayers` index lists for it. Overlaps are split into segments, each
painted with the theme colours composited in order, so a passage tagged twice reads as a
deeper mix. Adding or removing one annotation re-highlights only the blocks it touches.

Highlighting is lazy: a block is painted once it is *realized* — when it scrolls into
view, or when idle time reaches it — so opening a 300,000-character cable with thousands
of annotations costs only the visible blocks.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat

from ...domain.annotation import Annotation, Theme
from .document_builder import BuiltDocument
from .palette import ReadingPalette, mix

IDLE_DELAY_MS = 150
"""Idle painting waits this long after a cable opens, so that the first paint comes first."""
IDLE_SLICE_S = 0.008
"""Time spent painting per idle tick: short enough that scrolling never stutters."""


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
        """File many annotations at once (opening a cable): no per-annotation bookkeeping."""
        self._blocks.clear()
        self._annotations.clear()
        spans = self._spans
        for annotation in annotations:
            entry = self._by_part.get(annotation.part)
            if entry is None or annotation.orphaned:
                continue
            self._annotations[annotation.id] = annotation
            starts, numbers = entry
            start, end = annotation.start, max(annotation.end, annotation.start + 1)
            i = max(bisect_right(starts, start) - 1, 0)
            while i < len(numbers) and starts[i] < end:
                number = numbers[i]
                if spans[number][2] > start:
                    layer = self._blocks.get(number)
                    if layer is None:
                        self._blocks[number] = {annotation.id: annotation}
                    else:
                        layer[annotation.id] = annotation
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


class AnnotationHighlighter(QSyntaxHighlighter):
    """Paints the layers of :class:`AnnotationLayers` over a built document, lazily."""

    def __init__(
        self, built: BuiltDocument, layers: AnnotationLayers, palette: ReadingPalette,
        themes: list[Theme], parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.built = built
        self.layers = layers
        self.palette = palette
        self._colors: dict[int | None, str] = {}
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}
        self._realized = bytearray(len(built.block_spans) + 1)
        self._pending = 0
        self._idle = QTimer(self)
        self._idle.setSingleShot(False)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._realize_some)
        self._idle_start = QTimer(self)
        self._idle_start.setSingleShot(True)
        self._idle_start.setInterval(IDLE_DELAY_MS)
        self._idle_start.timeout.connect(self._idle.start)
        self.set_themes(themes, repaint=False)
        # Attached only now that the document is complete: QSyntaxHighlighter would
        # otherwise re-highlight every block on every insertion while building.
        self.setDocument(built.document)

    # -- colours -------------------------------------------------------------------

    def set_themes(self, themes: list[Theme], repaint: bool = True) -> None:
        self._colors = {theme.id: theme.color for theme in themes}
        self._formats.clear()
        if repaint:
            self.repaint_blocks(range(len(self._realized) - 1))

    def color_of(self, annotation: Annotation) -> str:
        """One annotation's colour: its first theme's (the others are underlined, since
        averaging two theme colours gives a muddy tone that matches neither)."""
        colors = [self._colors[t] for t in annotation.theme_ids if t in self._colors]
        return colors[0] if colors else mix([]).name()

    def underline_of(self, annotation: Annotation) -> str | None:
        """The second theme's colour of an annotation with several themes, else None."""
        colors = [self._colors[t] for t in annotation.theme_ids if t in self._colors]
        return colors[1] if len(colors) > 1 else None

    def format_for(self, colors: tuple[str, ...], underline: str | None = None
                   ) -> QTextCharFormat:
        key = (colors, underline)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(self.palette.layer(colors))
            if underline is not None:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(underline))
            self._formats[key] = fmt
        return fmt

    def layer_color(self, annotations: list[Annotation]) -> QColor:
        """The painted colour where exactly ``annotations`` overlap (for tests and swatches)."""
        ordered = sorted(annotations, key=_layer_order)
        return self.palette.layer(tuple(self.color_of(a) for a in ordered))

    # -- laziness ------------------------------------------------------------------

    def is_realized(self, number: int) -> bool:
        return 0 <= number < len(self._realized) and bool(self._realized[number])

    def realize(self, first: int, last: int) -> None:
        """Paint blocks ``first..last`` (inclusive) if they are not painted yet."""
        document = self.built.document
        first = max(first, 0)
        last = min(last, len(self._realized) - 2)
        for number in range(first, last + 1):
            if self._realized[number]:
                continue
            self._realized[number] = 1
            if self.layers.has_block(number):
                self.rehighlightBlock(document.findBlockByNumber(number))

    def realize_all(self) -> None:
        self.realize(0, len(self._realized))

    def start_idle(self) -> None:
        """Walk the document in short idle slices: paint each block, then lay it out.

        Painting a block before Qt lays it out costs one layout instead of two, and the
        walk also finishes the layout that Qt abandons once a highlighted block changes
        (its lazy layout stops at the first format change), so the scroll bar soon spans
        the whole cable and every note can be placed beside its marker.
        """
        self._pending = 0
        self._idle_start.start()

    def stop(self) -> None:
        """Stop idle painting (the document is being replaced)."""
        self._idle_start.stop()
        self._idle.stop()

    def _realize_some(self) -> None:
        document = self.built.document
        layout = document.documentLayout()
        count = len(self._realized) - 1
        deadline = time.perf_counter() + IDLE_SLICE_S
        while time.perf_counter() < deadline:
            if self._pending >= count:
                self._idle.stop()
                return
            self.realize(self._pending, self._pending)
            layout.blockBoundingRect(document.findBlockByNumber(self._pending))
            self._pending += 1

    def repaint_blocks(self, numbers: Iterable[int]) -> None:
        """Re-highlight those of ``numbers`` that are realized (others paint when realized)."""
        document = self.built.document
        for number in sorted(set(numbers)):
            if self.is_realized(number):
                self.rehighlightBlock(document.findBlockByNumber(number))

    # -- painting ------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        block = self.currentBlock()
        number = block.blockNumber()
        if not self.is_realized(number):
            return
        annotations = self.layers.on_block(number)
        if not annotations:
            return
        for start, end, layer, top in self._layered_segments(block, annotations):
            self.setFormat(start, end - start, self.format_for(layer, self.underline_of(top)))

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


def _layer_order(annotation: Annotation) -> tuple:
    """Longer passages lie underneath, so a short one inside stays visible on top."""
    return (-(annotation.end - annotation.start), annotation.start, annotation.id)
