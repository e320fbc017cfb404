"""The footnote apparatus beside the text: each note level with its marker, where space allows.

All notes live in one document (one painter, one selection model) shown by a
:class:`PartTextView` that scrolls in step with the cable text. Notes are aligned the way
margin notes are set in print: each note's first baseline is moved down, by its top
margin, to the baseline of its marker's line; a note that would collide with the one above
is pushed below it instead, never above its marker.

Positions come from the documents on screen and nothing else: the body's positions only
where its :class:`LayoutDriver` has laid it out (notes further down wait for it, and are
placed as it reaches them), the notes' own only once their document is laid out whole —
Qt's lazy layout does not survive a format change made while it is still running, so no
margin is changed before. When the pane is too narrow for notes beside the text, they
stand below it as a plain list with a scroll bar of their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QTextCursor
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from .cable_view import CableView, PartTextView
from .document_builder import BuiltDocument
from .palette import ReadingPalette

NOTE_GAP = 0.9
"""Least space between two notes, in em of the note font."""
TEXT_LINES_KEPT = 3
"""Lines of text still on screen when the reader has scrolled to the very bottom."""
LINE_PITCH = 1.55
"""Body line height over font height (see ``document_builder.LINE_HEIGHT``)."""
STACKED_GAP = 0.6
"""Space between notes listed below the text, in em."""


class FootnoteView(PartTextView):
    """The notes document; its own scroll bar is hidden because the text's drives it."""

    def __init__(self, palette: ReadingPalette, parent: QWidget | None = None) -> None:
        super().__init__(palette, parent)
        self.setObjectName("footnoteText")
        self.setAccessibleName("Footnotes")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resizing = False
        """True while Qt re-wraps the notes for a new size: their scroll position moves by
        itself then, and must not lead the text (the passage at the top of the screen
        crept back a paragraph at each resize)."""

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # The notes wrap at the view's width: a new width gives new lines.
        if self.painter is not None and event.size().width() != event.oldSize().width():
            self.painter.forget_geometry()
        self.resizing = True
        try:
            super().resizeEvent(event)
        finally:
            self.resizing = False

    def apply_palette(self, palette: ReadingPalette) -> None:
        super().apply_palette(palette)
        qpalette = self.palette()
        qpalette.setColor(qpalette.ColorRole.Base, palette.apparatus)
        self.set_page_palette(qpalette)


class FootnotePane(QWidget):
    """The apparatus column: notes aligned with their markers in a :class:`CableView`."""

    noteActivated = Signal(str)
    """A note's label was clicked: the text should bring its marker into view."""
    aligned = Signal()
    """Notes were placed anew (their document's height may have changed)."""

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
        self.beside = True
        self._markers: dict[str, int] = {}
        self._aligning = False
        self._followed: int | None = None
        cable_view.resized.connect(self._schedule)
        self._realign = QTimer(self)
        self._realign.setSingleShot(True)
        self._realign.setInterval(0)
        self._realign.timeout.connect(self.align)
        driver = cable_view.layout_driver
        driver.progressed.connect(self._schedule)
        driver.finished.connect(self._schedule)
        self.view.anchorActivated.connect(self._on_anchor)

    def apply_palette(self, palette: ReadingPalette) -> None:
        self.view.apply_palette(palette)

    # -- content -------------------------------------------------------------------

    def set_built(self, built: BuiltDocument | None, body: BuiltDocument | None) -> None:
        self.built = built
        self._markers = {}
        self._followed = None  # where follow_text last put the notes below the text
        if body is not None:
            for position, key in body.markers:
                self._markers.setdefault(key, position)
        if built is not None:
            self.align()

    def set_beside(self, beside: bool) -> None:
        """Notes beside the text, level with their markers, or below it as a list."""
        if beside == self.beside:
            return
        self.beside = beside
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if beside
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._aligning = True
        try:
            self.view.setVerticalScrollBarPolicy(policy)
        finally:
            self._aligning = False
        self.align()

    def _schedule(self) -> None:
        if not self._aligning:
            self._realign.start()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._schedule()

    # -- alignment -----------------------------------------------------------------

    def is_aligning(self) -> bool:
        """Whether notes are being placed now (their scroll position moves by itself)."""
        return self._aligning or self.view.resizing

    def note_top(self, key: str) -> float | None:
        """Document y of the first line of note ``key`` in the apparatus."""
        if self.built is None or key not in self.built.note_blocks:
            return None
        document = self.built.document
        block = document.findBlockByNumber(self.built.note_blocks[key])
        return document.documentLayout().blockBoundingRect(block).top()

    def marker_baseline(self, key: str) -> float | None:
        """Document y of the baseline of the line that holds note ``key``'s marker, or None
        when the note has no marker or the text is not laid out that far yet."""
        position = self._markers.get(key)
        if position is None or not self.cable_view.layout_driver.is_laid_out(position):
            return None
        document = self.cable_view.document()
        block = document.findBlock(position)
        rect = document.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return rect.top()
        return rect.top() + line.y() + line.ascent()

    def placed_keys(self) -> list[str]:
        """Notes whose place is final: those whose marker's line is laid out (or that have
        no marker), from the first note down."""
        if self.built is None:
            return []
        driver = self.cable_view.layout_driver
        placed = []
        for key in self.built.note_blocks:
            position = self._markers.get(key)
            if position is not None and not driver.is_laid_out(position):
                break
            placed.append(key)
        return placed

    def align(self) -> None:
        """Place every note whose marker is laid out, from the first note down."""
        if self.built is None or self._aligning:
            return
        self._aligning = True
        try:
            # The notes document must be laid out whole before a margin changes (see the
            # module's docstring); it is small, so this is quick.
            self.built.document.documentLayout().documentSize()
            if self.beside:
                self._align_beside()
            else:
                self._stack()
            self._pad()
        finally:
            self._aligning = False
        self.aligned.emit()

    def _align_beside(self) -> None:
        built = self.built
        document = built.document
        layout = document.documentLayout()
        gap = self.view.fontMetrics().height() * NOTE_GAP
        keys = self.placed_keys()
        previous_bottom: float | None = None
        for i, key in enumerate(keys):
            block = document.findBlockByNumber(built.note_blocks[key])
            baseline = self.marker_baseline(key)
            line = block.layout().lineAt(0)
            ascent = line.ascent() if line.isValid() else 0.0
            floor = previous_bottom + gap if previous_bottom is not None else 0.0
            wanted = floor if baseline is None else max(baseline - ascent, floor)
            self._move_block_to(block, wanted)
            previous_bottom = layout.blockBoundingRect(self._last_block(i)).bottom()

    def _stack(self) -> None:
        """Notes below the text: a plain list, each a little apart from the last."""
        built = self.built
        gap = self.view.fontMetrics().height() * STACKED_GAP
        for i, key in enumerate(built.note_blocks):
            block = built.document.findBlockByNumber(built.note_blocks[key])
            _set_top_margin(block, gap if i else 0.0)

    def _move_block_to(self, block, wanted: float) -> None:
        """Give ``block`` the top margin that puts its top at document y ``wanted``."""
        top = self.built.document.documentLayout().blockBoundingRect(block).top()
        margin = max(block.blockFormat().topMargin() + wanted - top, 0.0)
        _set_top_margin(block, margin)

    def _last_block(self, index: int):
        built = self.built
        numbers = list(built.note_blocks.values())
        end = numbers[index + 1] - 1 if index + 1 < len(numbers) else (
            built.document.blockCount() - 1
        )
        return built.document.findBlockByNumber(end)

    def _pad(self) -> None:
        """Beside the text, text and notes must scroll equally far, so the two stay level
        to the end: whichever is shorter gets the difference as its last block's bottom
        margin. Notes longer than the text (a long source note on a short telegram) thus
        lengthen the text, and no note is ever shown above its marker.

        The text is padded only once its layout is complete (a format change while Qt
        still lays it out would stop that layout part-way).
        """
        notes = self.built.document
        body = self.cable_view.document()
        driver = self.cable_view.layout_driver
        if not self.beside:
            _set_bottom_padding(notes, 0.0)
            if driver.is_finished() and self.cable_view.built is not None:
                _set_bottom_padding(body, 0.0)
            return
        notes_bottom = _content_bottom(notes)
        if driver.is_finished() and self.cable_view.built is not None:
            text_bottom = _content_bottom(body)
            # The text scrolls on past its end only while its last lines stay in view: a
            # reader dragging to the bottom must see the end of the text. A note longer
            # still scrolls on by itself (the wheel over the notes).
            line = QFontMetricsF(body.defaultFont()).height() * LINE_PITCH
            room = max(self.cable_view.viewport().height() - TEXT_LINES_KEPT * line, 0.0)
            _set_bottom_padding(body, min(max(notes_bottom - text_bottom, 0.0), room))
            _set_bottom_padding(notes, max(text_bottom - notes_bottom, 0.0))
        else:
            # Still being laid out: let the notes reach at least as far as the text has.
            text_bar = self.cable_view.verticalScrollBar()
            reached = text_bar.maximum() + self.cable_view.viewport().height()
            _set_bottom_padding(notes, max(reached - notes_bottom, 0.0))

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

    def follow_text(self) -> None:
        """Below the text, show the notes of the markers on screen, from the first of them
        (or, with no marker on screen, the note of the last marker above): at 800×600 the
        notes once stayed on note 7 while the text showed markers 1–4. Once the reader
        has scrolled the notes (or clicked a marker to see its note), they are left where
        they are while a note in view still has its marker on screen."""
        if self.beside or self.built is None or self._aligning:
            return
        text_bar = self.cable_view.verticalScrollBar()
        top, bottom = text_bar.value(), text_bar.value() + self.cable_view.viewport().height()
        on_screen, above = [], None
        for key in self.built.note_blocks:
            baseline = self.marker_baseline(key)
            if baseline is None:
                continue
            if baseline < top:
                above = key
            elif baseline <= bottom:
                on_screen.append(key)
        bar = self.view.verticalScrollBar()
        readers = self._followed is not None and bar.value() != self._followed
        if readers:
            shown_top, shown_bottom = bar.value(), bar.value() + self.view.viewport().height()
            if any(self._note_in(key, shown_top, shown_bottom) for key in on_screen):
                return
        target = on_screen[0] if on_screen else above
        wanted = self.note_top(target) if target is not None else 0.0
        if wanted is not None:
            bar.setValue(int(wanted))
            self._followed = bar.value()

    def _note_in(self, key: str, top: float, bottom: float) -> bool:
        """Whether any of note ``key`` shows between document y ``top`` and ``bottom``."""
        index = list(self.built.note_blocks).index(key)
        first = self.note_top(key)
        last = self.built.document.documentLayout().blockBoundingRect(
            self._last_block(index)).bottom()
        return first is not None and first < bottom and last > top

    def _on_anchor(self, href: str) -> None:
        if href.startswith("note:"):
            self.noteActivated.emit(href[len("note:"):])


def notes_height(pane: FootnotePane) -> float:
    """The height the notes' content takes in the pane's view (frame included)."""
    if pane.built is None:
        return 0.0
    return _content_bottom(pane.built.document) + 2 * pane.view.frameWidth()


def _content_bottom(document) -> float:
    """Document y where the content of ``document`` ends: the bottom of the block before
    its tail spacer (see ``DocumentBuilder._append_tail``), plus the page margin."""
    tail = document.lastBlock()
    content = tail.previous() if tail.previous().isValid() else tail
    bottom = document.documentLayout().blockBoundingRect(content).bottom()
    return bottom + document.documentMargin()


def _set_bottom_padding(document, padding: float) -> None:
    """Pad ``document`` below its content: the tail spacer's top margin."""
    _set_top_margin(document.lastBlock(), padding)


def _set_top_margin(block, margin: float) -> None:
    """Give ``block`` a top margin of ``margin`` unless it has it to half a pixel (every
    change lays the document out again from that block)."""
    fmt = block.blockFormat()
    if abs(margin - fmt.topMargin()) > 0.5:
        fmt.setTopMargin(margin)
        cursor = QTextCursor(block.document())
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
