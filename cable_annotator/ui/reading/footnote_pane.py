"""The footnote apparatus beside the text: each note level with its marker, where space allows.

All notes live in one document (one highlighter, one selection model) shown by a
:class:`PartTextView` that scrolls in step with the cable text. Notes are aligned the way
margin notes are set in print: each note's first baseline is moved down, by its top
margin, to the baseline of its marker's line; a note that would collide with the one above
is pushed below it instead. Alignment is lazy like everything else: only notes whose
markers have been laid out (everything down to the screen) are placed, and the rest follow
as the reader scrolls, so a 300,000-character cable opens without laying out all of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextFrameFormat
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from .cable_view import CableView, PartTextView
from .document_builder import BuiltDocument
from .palette import ReadingPalette

NOTE_GAP = 0.9
"""Least space between two notes, in em of the note font."""


class FootnoteView(PartTextView):
    """The notes document; its own scroll bar is hidden because the text's drives it."""

    def __init__(self, palette: ReadingPalette, parent: QWidget | None = None) -> None:
        super().__init__(palette, parent)
        self.setObjectName("footnoteText")
        self.setAccessibleName("Footnotes")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def apply_palette(self, palette: ReadingPalette) -> None:
        super().apply_palette(palette)
        qpalette = self.palette()
        qpalette.setColor(qpalette.ColorRole.Base, palette.apparatus)
        self.setPalette(qpalette)


class FootnotePane(QWidget):
    """The apparatus column: notes aligned with their markers in a :class:`CableView`."""

    noteActivated = Signal(str)
    """A note's label was clicked: the text should bring its marker into view."""

    def __init__(self, cable_view: CableView, palette: ReadingPalette,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("footnotePane")
        self.setAccessibleName("Footnote apparatus")
        self.cable_view = cable_view
        self.view = FootnoteView(palette, self)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.built: BuiltDocument | None = None
        self._markers: dict[str, int] = {}
        self._placed = 0
        self._aligning = False
        self._scrolling = False
        self._text_width = -1.0
        self._realign = QTimer(self)
        self._realign.setSingleShot(True)
        self._realign.setInterval(0)
        self._realign.timeout.connect(self.align)
        cable_view.verticalScrollBar().valueChanged.connect(self._follow_text)
        cable_view.visibleBlocksChanged.connect(self._extend)
        self.view.verticalScrollBar().valueChanged.connect(self._lead_text)
        self.view.anchorActivated.connect(self._on_anchor)

    def apply_palette(self, palette: ReadingPalette) -> None:
        self.view.apply_palette(palette)

    # -- content -------------------------------------------------------------------

    def set_built(self, built: BuiltDocument | None, body: BuiltDocument | None) -> None:
        self.built = built
        self._markers = {}
        if body is not None:
            for position, key in body.markers:
                self._markers.setdefault(key, position)
        self._placed = 0
        if built is not None:
            built.document.documentLayout().documentSizeChanged.connect(self._schedule)
            self.view.viewport().update()

    def _schedule(self) -> None:
        if not self._aligning:
            self._realign.start()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._placed = 0
        self._schedule()

    # -- alignment -----------------------------------------------------------------

    def note_top(self, key: str) -> float | None:
        """Document y of the first line of note ``key`` in the apparatus."""
        if self.built is None or key not in self.built.note_blocks:
            return None
        document = self.built.document
        block = document.findBlockByNumber(self.built.note_blocks[key])
        return document.documentLayout().blockBoundingRect(block).top()

    def marker_baseline(self, key: str) -> float | None:
        """Document y of the baseline of the line that holds note ``key``'s marker."""
        position = self._markers.get(key)
        if position is None:
            return None
        document = self.cable_view.document()
        block = document.findBlock(position)
        rect = document.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return rect.top()
        return rect.top() + line.y() + line.ascent()

    def align(self) -> None:
        """Place notes level with their markers, from the first unplaced note down."""
        if self.built is None or self._aligning:
            return
        self._aligning = True
        try:
            self._align_from(self._placed)
            self._pad()
        finally:
            self._aligning = False
        self._follow_text()

    def _extend(self) -> None:
        """The text scrolled or was laid out further (or anew, at another width)."""
        if self.built is None:
            return
        width = self.cable_view.document().textWidth()
        if width != self._text_width:
            self._text_width = width
            self._placed = 0
        self._schedule()

    def _align_from(self, index: int) -> None:
        built = self.built
        document = built.document
        layout = document.documentLayout()
        keys = list(built.note_blocks)
        gap = self.view.fontMetrics().height() * NOTE_GAP
        previous_bottom = 0.0
        if index > 0:
            previous_bottom = layout.blockBoundingRect(self._last_block(index - 1)).bottom()
        cursor = QTextCursor(document)
        for i in range(index, len(keys)):
            key = keys[i]
            block = document.findBlockByNumber(built.note_blocks[key])
            if not self._marker_laid_out(key):
                self._placed = i  # the text is not laid out that far yet: wait for it
                return
            baseline = self.marker_baseline(key)
            if baseline is None:
                baseline = previous_bottom
            top = layout.blockBoundingRect(block).top()
            line = block.layout().lineAt(0)
            ascent = line.ascent() if line.isValid() else 0.0
            wanted = max(baseline - ascent, previous_bottom + gap if i else 0.0)
            if i == 0:
                self._set_first_margin(wanted - top)
            else:
                fmt = block.blockFormat()
                margin = max(fmt.topMargin() + wanted - top, 0.0)
                if abs(margin - fmt.topMargin()) > 0.5:
                    fmt.setTopMargin(margin)
                    cursor.setPosition(block.position())
                    cursor.setBlockFormat(fmt)
            previous_bottom = layout.blockBoundingRect(self._last_block(i)).bottom()
        self._placed = len(keys)

    def _set_first_margin(self, shift: float) -> None:
        """Move the first note: Qt ignores a first block's top margin, so use the frame's."""
        document = self.built.document
        frame = document.rootFrame()
        fmt = frame.frameFormat()
        margin = max(fmt.topMargin() + shift, document.documentMargin())
        if abs(margin - fmt.topMargin()) > 0.5:
            fmt.setTopMargin(margin)
            frame.setFrameFormat(fmt)

    def _marker_laid_out(self, key: str) -> bool:
        position = self._markers.get(key)
        if position is None:
            return True
        return self.cable_view.document().findBlock(position).layout().lineCount() > 0

    def _last_block(self, index: int):
        built = self.built
        numbers = list(built.note_blocks.values())
        end = numbers[index + 1] - 1 if index + 1 < len(numbers) else (
            built.document.blockCount() - 1
        )
        return built.document.findBlockByNumber(end)

    def _pad(self) -> None:
        """Let the apparatus scroll at least as far as the text, so the two stay level.

        Heights are read from the scroll bars — what Qt has laid out so far — because
        asking a document its size lays all of it out. The padding grows with a margin
        to spare, so a text still being laid out in the background rarely needs more.
        """
        text_bar = self.cable_view.verticalScrollBar()
        notes_bar = self.view.verticalScrollBar()
        needed = text_bar.maximum() + self.cable_view.viewport().height()
        have = notes_bar.maximum() + self.view.viewport().height()
        if have >= needed:
            return
        frame = self.built.document.rootFrame()
        fmt: QTextFrameFormat = frame.frameFormat()
        fmt.setBottomMargin(fmt.bottomMargin() + (needed - have) * 1.5)
        frame.setFrameFormat(fmt)

    # -- scrolling together ----------------------------------------------------------

    def _follow_text(self) -> None:
        if self._scrolling:
            return
        bar = self.view.verticalScrollBar()
        value = self.cable_view.verticalScrollBar().value()
        self._scrolling = True
        try:
            bar.setValue(min(value, bar.maximum()))
        finally:
            self._scrolling = False

    def _lead_text(self, value: int) -> None:
        """Scrolling the notes (wheel, keyboard) scrolls the text as far as it goes."""
        if self._scrolling:
            return
        text_bar = self.cable_view.verticalScrollBar()
        self._scrolling = True
        try:
            text_bar.setValue(min(value, text_bar.maximum()))
        finally:
            self._scrolling = False

    # -- notes and markers -------------------------------------------------------------

    def show_note(self, key: str) -> None:
        """Bring note ``key`` into view and flash it."""
        if self.built is None or key not in self.built.note_blocks:
            return
        self.align()
        mapping = self.built.parts.get(f"footnote {key}")
        start_block = self.built.document.findBlockByNumber(self.built.note_blocks[key])
        end = mapping.doc_end if mapping is not None else start_block.position()
        top = self.note_top(key) or 0.0
        bar = self.view.verticalScrollBar()
        visible = bar.value() <= top <= bar.value() + self.view.viewport().height() * 0.8
        if not visible:
            bar.setValue(int(max(0.0, top - self.view.viewport().height() * 0.25)))
        self.view.flash(start_block.position(), end)

    def _on_anchor(self, href: str) -> None:
        if href.startswith("note:"):
            self.noteActivated.emit(href[len("note:"):])
