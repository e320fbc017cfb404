"""Text views over a built document: canonical offsets in and out, hover, clicks, flashes.

:class:`PartTextView` is the read-only, selectable view shared by the cable text and the
footnote apparatus. It speaks canonical offsets (``part``, code points) to the outside and
document positions to Qt, converting through the document's :class:`PartMap`s; copying
puts the canonical text on the clipboard, never an inserted marker or a tab.

:class:`CableView` adds what only the body has: a reading measure of about seventy
characters centred in the pane, and page turns painted beside the text — a quiet label in
the left margin and a hairline at the exact place of a turn inside a line — so the printed
page of every passage is visible without a character of it entering the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QFrame, QTextEdit, QToolTip, QWidget

from ...domain.annotation import Annotation
from .document_builder import NOTE_HREF, REF_HREF, BuiltDocument, PartMap
from .highlighter import AnnotationLayers, AnnotationPainter
from .layout_driver import LayoutDriver
from .palette import ReadingPalette

MEASURE = 70
"""Characters per line at most: the comfortable measure for long reading."""
FLASH_MS = 1600


class PartTextView(QTextEdit):
    """A read-only view of a built document that speaks ``(part, start, end)``."""

    anchorActivated = Signal(str)
    annotationClicked = Signal(str)
    visibleBlocksChanged = Signal()

    def __init__(self, palette: ReadingPalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading_palette = palette
        self.built: BuiltDocument | None = None
        self._kept_anchor: int | None = None  # the passage kept at the top through re-wraps
        self.layers: AnnotationLayers | None = None
        self.painter: AnnotationPainter | None = None
        self.tooltip_for: Callable[[list[Annotation]], str] | None = None
        self._press: QPoint | None = None
        self._extras: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._hovered: str | None = None
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(FLASH_MS)
        self._flash.setStartValue(1.0)
        self._flash.setEndValue(0.0)
        self._flash.valueChanged.connect(self._fade_flash)
        self._flash_range = (0, 0)
        self._search_marks: list[tuple[int, int]] = []
        self._search_current: tuple[int, int] | None = None
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.viewport().setMouseTracking(True)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.apply_palette(palette)

    def apply_palette(self, palette: ReadingPalette) -> None:
        self.reading_palette = palette
        self.set_page_palette(palette.qpalette(self.palette()))
        self.viewport().setAutoFillBackground(True)

    def set_page_palette(self, qpalette: QPalette) -> None:
        """Give the view and its viewport the page colours. The viewport is set too: under
        a window style sheet Qt does not hand a changed palette down to it, and the page
        stayed light under dark ink after a switch to the dark scheme."""
        self.setPalette(qpalette)
        self.viewport().setPalette(qpalette)

    # -- content -------------------------------------------------------------------

    def show_built(
        self, built: BuiltDocument, layers: AnnotationLayers, painter: AnnotationPainter
    ) -> None:
        """Show a freshly built document; its highlights paint as blocks come into view."""
        self._retire()
        self._hovered = None
        self.built, self.layers, self.painter = built, layers, painter
        self._replace_document(built.document)
        built.document.documentLayout().documentSizeChanged.connect(self._on_layout_grew)

    def clear_built(self, document_text: str = "") -> None:
        self._retire()
        self.built = self.layers = self.painter = None
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setPlainText(document_text)
        self._replace_document(document)

    def _replace_document(self, document: QTextDocument) -> None:
        """Show ``document`` (owned by this view) and delete the one it replaces.

        ``QTextEdit.setDocument`` deletes only a document its own text control made, not
        one whose parent is the view: every document opened stayed in memory with its
        layout (two per open, 1.5 MB a FRUS document; 600 MB paging through a volume).
        """
        old = self.document()
        ours = old is not None and old is not document and old.parent() is self
        document.setParent(self)
        self.setDocument(document)  # (deletes the control's own first document itself)
        if ours:
            old.deleteLater()  # after the events still queued for it

    def _retire(self) -> None:
        """Stop everything that still works on the document about to be replaced."""
        self._kept_anchor = None
        self._flash.stop()
        self._search_marks, self._search_current = [], None
        self._extras.clear()
        self.setExtraSelections([])

    # -- offsets -------------------------------------------------------------------

    def part_map_at(self, position: int) -> PartMap | None:
        return self.built.part_at(position) if self.built else None

    def part_selection(self) -> tuple[str, int, int] | None:
        """The selection as ``(part, start, end)`` code points, clipped to the anchor's part."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.built is None:
            return None
        mapping = self.part_map_at(cursor.anchor())
        if mapping is None:
            return None
        low = min(max(cursor.selectionStart(), mapping.doc_start), mapping.doc_end)
        high = min(max(cursor.selectionEnd(), mapping.doc_start), mapping.doc_end)
        start, end = mapping.from_doc(low), mapping.from_doc(high)
        if end <= start:
            return None
        return mapping.part, start, end

    def doc_range(self, part: str, start: int, end: int) -> tuple[int, int] | None:
        mapping = self.built.parts.get(part) if self.built else None
        if mapping is None:
            return None
        return mapping.to_doc(start), mapping.to_doc(end, end=True)

    def select_part_range(self, part: str, start: int, end: int, scroll: bool = True) -> bool:
        """Select a passage; with ``scroll``, bring it to the upper third of the view if
        its first line is not on screen. A passage in view stays where it is: the reader
        who tags what they see (a digit key re-selects the words tagged) must not have the
        page move under the mouse — their next double-click landed on other words."""
        span = self.doc_range(part, start, end)
        if span is None:
            return False
        bar = self.verticalScrollBar()
        before = bar.value()
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(max(span[1], span[0]), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)  # (QTextEdit scrolls to the selection's end: undone)
        if scroll:
            bar.setValue(before)
            if not self.shows_position(span[0]):
                self.scroll_to_position(span[0])
        return True

    def shows_position(self, position: int) -> bool:
        """Whether the line of document ``position`` is wholly on screen."""
        self.ensure_laid_out(position)
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        return rect.top() >= 0 and rect.bottom() <= self.viewport().height()

    def ensure_laid_out(self, position: int) -> None:
        """Make sure the document is laid out down to ``position`` (views that lay out in
        the background override this)."""

    def scroll_to_position(self, position: int, fraction: float = 0.3) -> None:
        """Scroll so that document ``position`` sits at ``fraction`` of the view's height."""
        self.ensure_laid_out(position)
        bar = self.verticalScrollBar()
        top = self._line_top(position)
        if top is None:  # (not laid out: the cursor's rectangle is all there is)
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            top = bar.value() + self.cursorRect(cursor).top()
        # By the top of the line, not of the cursor's rectangle (a pixel or two lower):
        # an anchor put back at the top of the screen after a resize came back one line
        # up each time, and a few resizes moved the reader a paragraph back.
        target = round(top) - int(self.viewport().height() * fraction)
        bar.setValue(max(bar.minimum(), min(bar.maximum(), target)))

    def _line_top(self, position: int) -> float | None:
        """Document y of the top of the line holding ``position``, None if not laid out."""
        document = self.document()
        block = document.findBlock(position)
        if not block.isValid() or block.layout().lineCount() == 0:
            return None
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return None
        return document.documentLayout().blockBoundingRect(block).top() + line.y()

    def offset_at(self, point: QPoint) -> tuple[str, int] | None:
        """The ``(part, offset)`` of the character under viewport ``point``, if over text."""
        if self.built is None:
            return None
        position = self.character_at(point)
        if position is None:
            return None
        mapping = self.part_map_at(position)
        if mapping is None:
            return None
        offset = mapping.from_doc(position)
        if mapping.to_doc(offset) != position and mapping.from_doc(position + 1) == offset:
            return None  # an inserted character: a marker, a label
        return mapping.part, offset

    def character_at(self, point: QPoint) -> int | None:
        """Document position of the character drawn under ``point`` (None over blank paper)."""
        layout = self.document().documentLayout()
        doc_point = point + QPoint(self.horizontalScrollBar().value(),
                                   self.verticalScrollBar().value())
        position = layout.hitTest(doc_point, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if point.x() < self.cursorRect(cursor).x() and position > 0:
            position -= 1
        block = self.document().findBlock(position)
        if position >= block.position() + block.length() - 1:
            return None
        return position

    def annotations_under(self, point: QPoint) -> list[Annotation]:
        hit = self.offset_at(point)
        if hit is None or self.layers is None:
            return []
        return self.layers.at(*hit)

    # -- laziness ------------------------------------------------------------------

    def visible_blocks(self) -> tuple[int, int]:
        """First and last block numbers on screen."""
        top = self.verticalScrollBar().value()
        return self.block_at_y(top), self.block_at_y(top + self.viewport().height())

    def first_visible_position(self, whole: bool = False) -> int:
        """Document position of the first line on screen (by bisection: no layout forced);
        with ``whole``, of the first line wholly on screen — an anchor that does not creep
        a line back each time the text is re-wrapped and scrolled to it."""
        y = self.verticalScrollBar().value()
        document = self.document()
        block = document.findBlockByNumber(self.block_at_y(y))
        while block.isValid():
            top = document.documentLayout().blockBoundingRect(block).top()
            text_layout = block.layout()
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                edge = top + line.y() if whole else top + line.y() + line.height()
                if edge >= y - 0.5 if whole else edge > y:
                    return block.position() + line.textStart()
            block = block.next()
        return document.lastBlock().position()

    def block_at_y(self, y: float) -> int:
        """Number of the block at document ``y``, by bisection over laid-out blocks.

        Qt's own hit test walks the blocks one by one; blocks not laid out yet all lie
        below the screen (Qt lays out from the top), so the search never forces layout.
        """
        document = self.document()
        layout = document.documentLayout()
        low, high = 0, document.blockCount() - 1
        while low < high:
            middle = (low + high + 1) // 2
            block = document.findBlockByNumber(middle)
            if block.layout().lineCount() == 0 or layout.blockBoundingRect(block).top() > y:
                high = middle - 1
            else:
                low = middle
        return low

    def _on_scrolled(self) -> None:
        self.visibleBlocksChanged.emit()

    def _on_layout_grew(self) -> None:
        self.visibleBlocksChanged.emit()

    def repaint_highlights(self, blocks: set[int]) -> None:
        """Annotations on ``blocks`` changed: recompute those blocks and repaint."""
        if self.painter is not None:
            self.painter.invalidate(blocks)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self.painter is not None:
            top, bottom = self.visible_blocks()
            with QPainter(self.viewport()) as painter:  # ended even if painting raises
                painter.setClipRect(event.rect())
                self.painter.paint(painter, self._scroll_offset(), top, bottom)
        super().paintEvent(event)
        if self._search_marks:
            self._paint_search_marks()

    def _scroll_offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    # -- transient marks -----------------------------------------------------------

    def set_search_marks(self, ranges: list[tuple[int, int]],
                         current: tuple[int, int] | None = None) -> None:
        """Outline search hits (document ranges, in order), ``current`` more firmly.

        Painted over the text rather than as a background, so a hit inside an annotation
        keeps its theme colour and the two are never confused."""
        self._search_marks = sorted(ranges)
        self._search_current = current
        self.viewport().update()

    def search_marks(self) -> list[tuple[int, int]]:
        return list(self._search_marks)

    def _paint_search_marks(self) -> None:
        top, bottom = self.visible_blocks()
        document = self.document()
        first = document.findBlockByNumber(top).position()
        last_block = document.findBlockByNumber(bottom)
        last = last_block.position() + last_block.length()
        current = self._search_current
        with QPainter(self.viewport()) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            fill = QColor(self.reading_palette.ink)  # a faint grey: no theme is grey
            fill.setAlphaF(0.07)
            begin = max(bisect_left(self._search_marks, (first, 0)) - 1, 0)
            for span in self._search_marks[begin:]:
                if span[0] > last:
                    break
                firm = span == current
                pen = QPen(self.reading_palette.marker if firm else self.reading_palette.margin)
                pen.setWidthF(1.6 if firm else 1.0)
                painter.setPen(pen)
                painter.setBrush(fill if not firm else Qt.BrushStyle.NoBrush)
                for rect in self._line_rects(*span):
                    painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)

    def _line_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of document range ``start:end``, one per line it covers."""
        document = self.document()
        layout = document.documentLayout()
        scroll = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        rects = []
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft() - scroll
            text_layout = block.layout()
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                line_start = block.position() + line.textStart()
                low = max(start, line_start)
                high = min(end, line_start + line.textLength())
                while high > low and document.characterAt(high - 1).isspace():
                    high -= 1  # a phrase wrapping at a space: no box around the space
                if low >= high:
                    continue
                left = line.cursorToX(low - block.position())[0]
                right = line.cursorToX(high - block.position())[0]
                rects.append(QRectF(left, line.y(), right - left, line.height())
                             .translated(origin))
            block = block.next()
        return rects

    def _set_extras(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        if selections:
            self._extras[name] = selections
        else:
            self._extras.pop(name, None)
        self.setExtraSelections([s for group in self._extras.values() for s in group])

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def flash(self, start: int, end: int) -> None:
        """Draw the eye to document range ``start:end`` with a fading glow."""
        self._flash.stop()
        self._flash_range = (start, end)
        self._flash.start()

    def _fade_flash(self, strength: float) -> None:
        if self.built is None:
            return
        color = QColor(self.reading_palette.flash)
        color.setAlphaF(max(0.0, min(1.0, float(strength))) * 0.9)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        start, end = self._flash_range
        self._set_extras("flash", [self._extra(start, end, fmt)] if strength > 0.01 else [])

    def drop_hover(self, annotation_ids: list[str]) -> None:
        """Forget the hover underline of an annotation that is gone."""
        if self._hovered is not None and self._hovered in annotation_ids:
            self._hover(None)

    def _hover(self, annotation: Annotation | None) -> None:
        annotation_id = annotation.id if annotation else None
        if annotation_id == self._hovered:
            return
        self._hovered = annotation_id
        selections = []
        if annotation is not None and self.painter is not None:
            span = self.doc_range(annotation.part, annotation.start, annotation.end)
            if span is not None:
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                color = QColor(self.painter.color_of(annotation))
                fmt.setUnderlineColor(color.darker(160))
                selections.append(self._extra(span[0], span[1], fmt))
        self._set_extras("hover", selections)
        if annotation is None:
            self.viewport().unsetCursor()
        else:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)

    # -- mouse and clipboard -------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        pressed, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (point - pressed).manhattanLength() >= QApplication.startDragDistance():
            return
        href = self.anchorAt(point)
        if href.startswith((NOTE_HREF, REF_HREF)):
            self.anchorActivated.emit(href)
            return
        if self.textCursor().hasSelection():
            return
        annotations = self.annotations_under(point)
        if annotations:
            self.annotationClicked.emit(annotations[0].id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        point = event.position().toPoint()
        if self.anchorAt(point):
            self._hover(None)
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            return
        under = self.annotations_under(point)
        self._hover(under[0] if under else None)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._hover(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Ctrl+Home and Ctrl+End go to the very top and bottom of the page: Qt only
        brings the cursor's line into view, which left the title's top margin (15 px)
        above the screen at Ctrl+Home."""
        super().keyPressEvent(event)
        bar = self.verticalScrollBar()
        if event.matches(QKeySequence.StandardKey.MoveToStartOfDocument):
            bar.setValue(bar.minimum())
        elif event.matches(QKeySequence.StandardKey.MoveToEndOfDocument):
            bar.setValue(bar.maximum())

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            under = self.annotations_under(event.pos())
            if under and self.tooltip_for is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(under), self.viewport())
                return True
            if not self.anchorAt(event.pos()):
                QToolTip.hideText()
                event.ignore()
                return True
        return super().viewportEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt override)
        """Copy the canonical text of the selection, never inserted markers or tabs."""
        selection = self.part_selection()
        if selection is None or self.built is None:
            return super().createMimeDataFromSelection()
        part, start, end = selection
        data = QMimeData()
        data.setText(self.built.parts[part].text[start:end])
        return data


class PageGutter(QWidget):
    """The left margin of the cable text, where printed page numbers stand."""

    def __init__(self, view: CableView) -> None:
        super().__init__(view)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        view = self.view
        with QPainter(self) as painter:
            painter.fillRect(event.rect(), view.reading_palette.paper)
            marks = view.visible_page_marks()
            if not marks:
                return
            painter.setFont(view.margin_font)
            metrics = QFontMetricsF(view.margin_font)
            painter.setPen(view.reading_palette.margin)
            right = self.width() - 10
            last_y = -1000.0
            for rect, label, _ in marks:
                baseline = rect.top() + rect.height() * 0.72
                if baseline - last_y < metrics.height():
                    continue  # two turns on one line: the first label stands for both
                last_y = baseline
                text = f"p. {label}"
                width = metrics.horizontalAdvance(text)
                painter.drawText(int(right - width), int(baseline), text)


class CableView(PartTextView):
    """The body text at a reading measure, with page turns in the margin."""

    resized = Signal()
    """The view changed size (what depends on its height, such as padding, is redone)."""

    def __init__(self, palette: ReadingPalette, parent: QWidget | None = None) -> None:
        super().__init__(palette, parent)
        self.setObjectName("cableText")
        self.setAccessibleName("Cable text")
        self.setAccessibleDescription(
            "The document text. Select a passage to annotate it; page numbers stand in the margin."
        )
        self.margin_font = QFont(self.font())
        self.margin_font.setPointSizeF(max(self.font().pointSizeF() * 0.82, 7.0))
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().Base)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gutter = PageGutter(self)
        self._page_positions: list[int] = []
        self.layout_driver = LayoutDriver(self, self.viewport())
        self.layout_driver.progressed.connect(self.gutter.update)
        self.layout_driver.progressed.connect(self.visibleBlocksChanged)
        self.verticalScrollBar().valueChanged.connect(self.gutter.update)

    def show_built(
        self, built: BuiltDocument, layers: AnnotationLayers, painter: AnnotationPainter
    ) -> None:
        self.layout_driver.stop()
        self._page_positions = [position for position, _ in built.pages]
        super().show_built(built, layers, painter)
        self._fit_measure()
        built.document.documentLayout().update.connect(self.gutter.update)
        self.layout_driver.start(built.document)
        self.gutter.update()

    def clear_built(self, document_text: str = "") -> None:
        self.layout_driver.stop()
        self._page_positions = []
        super().clear_built(document_text)
        self.gutter.update()

    def ensure_laid_out(self, position: int) -> None:
        self.layout_driver.ensure(position, below=self.viewport().height())

    def measure_width(self) -> float:
        """Width of the text column: ``MEASURE`` average characters plus the page margins."""
        font = self.document().defaultFont()
        metrics = QFontMetricsF(font)
        average = metrics.horizontalAdvance("the quick brown fox jumps over a lazy dog ") / 42
        return MEASURE * average + 2 * self.document().documentMargin()

    def gutter_width(self) -> int:
        """Room for the widest page label (``p. 1234``) and a little air: no wider, so a
        narrow window gives its width to the text."""
        metrics = QFontMetricsF(self.margin_font)
        return int(metrics.horizontalAdvance("p. 8888") + 18)

    def _fit_measure(self) -> None:
        """Centre a column of the reading measure; the left margin holds the page gutter.

        The column is never wider than the view (a wrapped line is never clipped): in a
        narrow pane it takes all the width there is, down to what the window allows.
        """
        bar = 0
        if self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            bar = self.verticalScrollBar().sizeHint().width()
        available = self.width() - bar - 2
        gutter = self.gutter_width()
        column = int(max(min(self.measure_width(), available - gutter), 1))
        spare = max(available - gutter - column, 0)
        # A little more air on the left: the notes column stands close on the right.
        left = gutter + int(spare * 0.6)
        right = spare - int(spare * 0.6)
        self.setViewportMargins(left, 0, right, 0)
        # A fixed wrap width: the window can be resized without laying the text out again
        # as long as the column keeps its measure.
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        if self.lineWrapColumnOrWidth() != column:
            # The passage at the top of the screen stays there through the new line breaks.
            anchor = self._top_anchor() if self.verticalScrollBar().value() else 0
            self.setLineWrapColumnOrWidth(column)
            if self.painter is not None:
                self.painter.forget_geometry()
            if self.built is not None:
                self.layout_driver.restart()
                if anchor:
                    self.scroll_to_position(anchor, 0.0)
                self._kept_anchor = anchor or None
        rect = self.contentsRect()
        self.gutter.setGeometry(QRect(rect.left(), rect.top(), left, rect.height()))
        self.gutter.update()

    def _top_anchor(self) -> int:
        """The passage to keep at the top through new line breaks: the one kept at the
        last re-wrap while its line is still the top one, else the first line on screen.

        Each re-wrap moves the anchor's line start back to wherever its line now begins;
        one window resize re-wraps several times, and taking the line start each time
        moved the reader a paragraph back (p. 393, para. 5 to p. 392, para. 3)."""
        kept = self._kept_anchor
        if kept is not None and kept < self.document().characterCount():
            top = self._line_top(kept)
            if top is not None and abs(top - self.verticalScrollBar().value()) < 1.0:
                return kept
        return self.first_visible_position(whole=True)

    def column_width(self) -> int:
        """Width of the text column (the document's wrap width), in pixels."""
        return self.lineWrapColumnOrWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_measure()
        self.resized.emit()

    def visible_page_marks(self) -> list[tuple[QRect, str, bool]]:
        """Page turns on screen: ``(line rect in viewport, label, inside a line?)``."""
        if self.built is None or not self.built.pages:
            return []
        top, bottom = self.visible_blocks()
        document = self.document()
        first = document.findBlockByNumber(top).position()
        last_block = document.findBlockByNumber(bottom)
        last = last_block.position() + last_block.length()
        positions = self._page_positions
        out = []
        for i in range(bisect_left(positions, first), bisect_right(positions, last)):
            position, label = self.built.pages[i]
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            block = cursor.block()
            line = block.layout().lineForTextPosition(position - block.position())
            rect = self.cursorRect(cursor)
            if line.isValid():
                top = rect.top() + rect.height() - int(line.height())
                rect = QRect(rect.left(), top, rect.width(), int(line.height()))
            inside = position > block.position() and line.isValid() and (
                position - block.position() > line.textStart()
            )
            if inside and self.document().characterAt(position - 1).isspace():
                # A turn between two words: stand the hairline in the middle of the space.
                cursor.setPosition(position - 1)
                before = self.cursorRect(cursor).left()
                rect.moveLeft((before + rect.left()) // 2)
            out.append((rect, label, inside))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        marks = [m for m in self.visible_page_marks() if m[2]]
        if not marks:
            return
        with QPainter(self.viewport()) as painter:
            pen = QPen(self.reading_palette.margin)
            pen.setWidthF(1.0)
            painter.setPen(pen)
            for rect, _label, _inside in marks:
                x = rect.left() + 0.5
                painter.drawLine(int(x), rect.top() + 1, int(x), rect.bottom() + 1)
