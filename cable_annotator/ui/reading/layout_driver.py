"""Lays out a long document in short slices, so its geometry soon spans all of it.

Qt lays a ``QTextDocument`` out lazily: what is on screen at once, the rest from a timer
in steps that double in size up to 200,000 characters — one step can hold the GUI thread
for 40 ms on a 300,000-character cable, and the scroll range, the footnote positions and
the page gutter are only right once the last step has run. This driver takes that work
over: while it runs it swallows the layout's own timer, lays the document out block by
block for at most ``SLICE_S`` per event-loop turn, reports the new size after each slice
(so the scroll bar grows as Qt's own progress would make it), and says when it is done.

Everything that depends on geometry listens to :attr:`LayoutDriver.progressed` and
:attr:`LayoutDriver.finished`, and asks :meth:`LayoutDriver.is_laid_out` before trusting a
position, so nothing is computed from a half-laid-out document, or from a previous one.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QMetaObject, QObject, QSizeF, QTimer, Signal
from PySide6.QtGui import QTextDocument

from ..common.frame_budget import BREATH_MS

SLICE_S = 0.005
"""Layout work per event-loop turn: under a third of a 60 Hz frame, leaving the rest to the
paint of a scroll step (10 ms and more on a software raster) so scrolling never stutters."""
AT_ONCE_CHARACTERS = 60_000
"""Documents up to this length (nearly every FRUS document) are laid out before their
first paint, in one slice."""
UNPAINTED_MS = 100
"""A long document whose view has not painted by then (hidden, or a test with no paint)
starts its layout all the same."""


class LayoutDriver(QObject):
    """Drives the layout of one document at a time to its end."""

    progressed = Signal()
    """More of the document is laid out (its size and positions further down are known)."""
    finished = Signal()
    """The whole document is laid out."""

    def __init__(self, parent: QObject | None = None, viewport: QObject | None = None
                 ) -> None:
        """``viewport``: the widget that paints the document. A long document's slices
        wait for its first paint after :meth:`start` (a zero timer started at once ran two
        slices, 10 ms, before the window's first paint of the new text, which the reader
        waits for; the rest of the document is below the screen)."""
        super().__init__(parent)
        self._viewport = viewport
        self._awaiting_paint = False
        if viewport is not None:
            viewport.installEventFilter(self)
        self._document: QTextDocument | None = None
        self._forgetting: QMetaObject.Connection | None = None
        self._layout: QObject | None = None
        self._next = 0
        self._done = True
        self._timer = QTimer(self)
        self._timer.setInterval(BREATH_MS)
        self._timer.timeout.connect(self._slice)

    # -- control -------------------------------------------------------------------

    def start(self, document: QTextDocument) -> None:
        """Lay ``document`` out from its start. A short document is laid out at once (it
        takes less than a slice, and everything is in place for the first paint); a long
        one starts after the first paint."""
        self.stop()
        self._document = document
        self._layout = document.documentLayout()
        self._layout.installEventFilter(self)
        # Only this document's end may stop the drive: the one it replaces is deleted
        # later, while the drive of this one is under way.
        self._forgetting = document.destroyed.connect(self._forget)
        self.restart()

    def restart(self) -> None:
        """The document is laid out anew (another width): drive it again from the top."""
        if self._document is None:
            return
        if self._done and self._layout is not None:
            self._layout.installEventFilter(self)
        self._next = 0
        self._done = False
        if self._document.characterCount() <= AT_ONCE_CHARACTERS:
            self._slice()
        if self._done:
            return
        if self._viewport is not None and not self._awaiting_paint:
            self._awaiting_paint = True  # until the next paint of the viewport
            self._timer.start(UNPAINTED_MS)
        elif not self._awaiting_paint:
            self._timer.start(BREATH_MS)

    def stop(self) -> None:
        self._timer.stop()
        self._awaiting_paint = False
        if self._layout is not None:
            self._layout.removeEventFilter(self)
        if self._forgetting is not None:
            self.disconnect(self._forgetting)
            self._forgetting = None
        self._document = self._layout = None
        self._done = True

    def _forget(self) -> None:
        self._forgetting = None
        self._timer.stop()
        self._awaiting_paint = False
        self._document = self._layout = None
        self._done = True

    # -- state ---------------------------------------------------------------------

    def is_finished(self) -> bool:
        return self._done

    def laid_out_blocks(self) -> int:
        """How many blocks, from the top, have their final layout."""
        if self._document is None:
            return 0
        return self._document.blockCount() if self._done else self._next

    def is_laid_out(self, position: int) -> bool:
        """Whether the block holding document ``position`` has its final layout."""
        if self._document is None:
            return False
        if self._done:
            return True
        return self._document.findBlock(position).blockNumber() < self._next

    def ensure(self, position: int, below: float = 0.0) -> None:
        """Lay out at once down to ``position`` (the reader jumps there), and ``below``
        pixels further (a screen, so the scroll range reaches past it), and report it.

        Without the screen below, the range ended at the block of ``position``: a view
        scrolled to put it at the top was clamped a screen short, and the passage at the
        top crept back a paragraph at each resize."""
        document = self._document
        if document is None or self._done:
            return
        target = document.findBlock(position).blockNumber()
        layout = document.documentLayout()
        count = document.blockCount()
        bottom = None
        laid = self._next
        while self._next < count:
            block = document.findBlockByNumber(self._next)
            rect = layout.blockBoundingRect(block)
            if self._next > target:
                if bottom is None:
                    bottom = layout.blockBoundingRect(
                        document.findBlockByNumber(target)).top() + below
                if rect.top() > bottom:
                    break
            self._next += 1
        if self._next != laid:
            self._end_slice()

    # -- work ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # Qt's own lazy-layout steps (and its deferred size report) while we drive: ours
        # are bounded in time, and we report the size ourselves after each slice.
        if watched is self._viewport:
            if self._awaiting_paint and event.type() == QEvent.Type.Paint:
                self._awaiting_paint = False  # the first slice runs right after this paint
                if not self._done:
                    self._timer.start(BREATH_MS)
            return False
        return watched is self._layout and event.type() == QEvent.Type.Timer and not self._done

    def _slice(self) -> None:
        if self._awaiting_paint:  # nothing painted in UNPAINTED_MS: go on without it
            self._awaiting_paint = False
            self._timer.setInterval(BREATH_MS)
        document = self._document
        if document is None:
            self._timer.stop()
            return
        layout = document.documentLayout()
        count = document.blockCount()
        deadline = time.perf_counter() + SLICE_S
        while self._next < count and time.perf_counter() < deadline:
            layout.blockBoundingRect(document.findBlockByNumber(self._next))
            self._next += 1
        self._end_slice()

    def _end_slice(self) -> None:
        """After blocks were laid out (a slice, or a jump): report the new size, and end
        the drive when the last block is done."""
        if self._next >= self._document.blockCount():
            self._done = True
            self._timer.stop()
            self._layout.removeEventFilter(self)
        self._report()
        if self._done:
            self.finished.emit()

    def _report(self) -> None:
        """Tell the view the size has grown: QTextEdit resizes its scroll range on it."""
        document = self._document
        last = document.findBlockByNumber(max(min(self._next, document.blockCount()) - 1, 0))
        bottom = document.documentLayout().blockBoundingRect(last).bottom()
        document.documentLayout().documentSizeChanged.emit(
            QSizeF(document.textWidth(), bottom + document.documentMargin()))
        self.progressed.emit()
