"""The reading surface: one cable beside its footnote apparatus, with annotation highlights.

The main window talks to this widget only in canonical terms — parts (``body``,
``footnote KEY``) and code-point offsets into their texts — and gives it annotations and
themes from the store. Everything Qt-specific (UTF-16 positions, inserted markers, lazy
highlighting and layout) stays behind this interface.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QFontMetricsF, QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QSplitter, QTextEdit, QWidget

from ...domain.annotation import Annotation, Theme
from ...domain.cable import BODY, Cable, footnote_key_of, footnote_part
from ...domain.citation import cite
from ...domain.volume import Volume
from .cable_view import CableView, PartTextView
from .document_builder import NOTE_HREF, REF_HREF, BuiltDocument, DocumentBuilder, reading_font
from .footnote_pane import FootnotePane, notes_height
from .highlighter import AnnotationLayers, AnnotationPainter
from .palette import reading_palette

EMPTY_MESSAGE = "Choose a document from the corpus to start reading."
MIN_MEASURE = 42
"""Fewest characters per line of text with the notes beside it; narrower, they go below."""
ZOOM_STEP = 1.15
ZOOM_RANGE = (0.6, 2.5)
NOTES_MIN_CHARACTERS = 30
"""Fewest characters per line of a note beside the text (a FRUS source note is long)."""
NOTES_MAX_WIDTH = 420
NOTES_SHARE = 0.3
NOTES_BELOW_SHARE = 0.3
"""The most of the pane's height the notes take below the text (less when shorter)."""
"""The notes' share of the pane's width beside the text, until the reader drags it."""


class ReadingPane(QWidget):
    """Shows one cable and its notes; reports selections, clicks and the reading position."""

    annotationClicked = Signal(str)
    selectionChanged = Signal()
    positionChanged = Signal(str, str)
    referenceActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None, dark: bool | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.snap_to_words = True
        self._dark = dark
        self._palette = reading_palette(dark)
        self._cable: Cable | None = None
        self._volume: Volume | None = None
        self._themes: list[Theme] = []
        self._body: BuiltDocument | None = None
        self._notes: BuiltDocument | None = None
        self._active: PartTextView | None = None
        self._search_hits: list[tuple[str, int, int]] = []
        self._current_hit: int | None = None
        self._quiet_position = False  # a document being put in place: no position reports

        self._text = CableView(self._palette)
        self._footnotes = FootnotePane(self._text, self._palette)
        self._arranged = False
        self._arranging = False
        self._notes_share = NOTES_SHARE
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("readingSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(1)
        splitter.addWidget(self._text)
        splitter.addWidget(self._footnotes)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 380])
        splitter.splitterMoved.connect(self._notes_moved)
        self._splitter = splitter
        # One scroll bar, at the far right, for text and notes that scroll as one.
        self._text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll = QScrollBar(Qt.Orientation.Vertical, self)
        self._scroll.setObjectName("readingScrollBar")
        self._scroll.setAccessibleName("Scroll the cable")
        self._syncing = False
        text_bar = self._text.verticalScrollBar()
        notes_bar = self._footnotes.view.verticalScrollBar()
        text_bar.rangeChanged.connect(self._mirror_range)
        notes_bar.rangeChanged.connect(self._mirror_range)
        text_bar.valueChanged.connect(self._follow)
        text_bar.valueChanged.connect(self._on_scrolled)
        # Below the text, the notes show those of the markers on screen.
        text_bar.valueChanged.connect(self._footnotes.follow_text)
        self._footnotes.aligned.connect(self._footnotes.follow_text)
        notes_bar.valueChanged.connect(self._follow_notes)
        self._scroll.valueChanged.connect(self._scroll_to)
        self._footnotes.aligned.connect(self._mirror_range)
        self._footnotes.aligned.connect(self._resync)
        self._footnotes.aligned.connect(self._fit_notes_below)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(splitter)
        layout.addWidget(self._scroll)

        for view in (self._text, self._footnotes.view):
            view.tooltip_for = self._describe
            view.annotationClicked.connect(self.annotationClicked)
            view.anchorActivated.connect(lambda href, v=view: self._on_anchor(href, v))
            view.selectionChanged.connect(lambda v=view: self._on_selection(v))
            view.cursorPositionChanged.connect(lambda v=view: self._on_position(v))
        self._footnotes.noteActivated.connect(self._show_marker)

        copy_cited = QAction("Copy with Citation", self)
        copy_cited.setObjectName("copyWithCitation")
        # No key here: in the window, Edit > Copy with Citation owns Ctrl+Shift+C, and a
        # second binding made Qt drop the key as ambiguous.
        copy_cited.triggered.connect(self.copy_with_citation)
        self.addAction(copy_cited)
        self.copy_with_citation_action = copy_cited
        self._zoom = 1.0
        self.zoom_actions = [
            # Ctrl+= too: Qt's Zoom In is Ctrl++, which a US keyboard types as Ctrl+Shift+=,
            # and readers press Ctrl+= as browsers and word processors take it.
            self._zoom_action("Zoom &In", "zoomIn", QKeySequence.StandardKey.ZoomIn, ZOOM_STEP,
                              also=QKeySequence("Ctrl+=")),
            self._zoom_action("Zoom &Out", "zoomOut", QKeySequence.StandardKey.ZoomOut,
                              1 / ZOOM_STEP),
            self._zoom_action("Actual Si&ze", "zoomReset", QKeySequence("Ctrl+0"), None),
        ]

        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self._apply_palette()
        self.set_cable(None, [], [])

    # -- the interface the window uses -----------------------------------------------

    def set_cable(
        self, cable: Cable | None, annotations: list[Annotation], themes: list[Theme],
        volume: Volume | None = None,
    ) -> None:
        """Show ``cable`` with ``annotations`` drawn in ``themes``' colours (None: nothing)."""
        self._cable, self._volume, self._themes = cable, volume, list(themes)
        self._active = None
        self._search_hits, self._current_hit = [], None
        if cable is None:
            self._body = self._notes = None
            self._text.clear_built(EMPTY_MESSAGE)
            self._footnotes.view.clear_built()
            self._footnotes.set_built(None, None)
            return
        builder = DocumentBuilder(self._palette, self._point_size())
        self._body = builder.build_body(cable)
        self._notes = builder.build_footnotes(cable)
        in_body = [a for a in annotations if a.part == BODY]
        in_notes = [a for a in annotations if a.part != BODY] if len(in_body) < len(
            annotations) else []
        for view, built, shown in ((self._text, self._body, in_body),
                                   (self._footnotes.view, self._notes, in_notes)):
            layers = AnnotationLayers(built)
            layers.reset(shown)
            # A new document moves each view's cursor to its start: the notes' cursor,
            # moved last, reported the page of the first note (p. 1704 of a document
            # that opens on p. 1703). The reader's position is the text's start.
            with self._position_quiet():
                view.show_built(built, layers,
                                AnnotationPainter(built, layers, self._palette, self._themes))
        self._footnotes.set_built(self._notes, self._body)
        self._arrange(self.width())  # with or without a notes column (see _arrange)
        self._show_notes_pane()
        self._text.verticalScrollBar().setValue(0)
        self._report_position(self._text, self._text.textCursor().position())

    @contextmanager
    def _position_quiet(self) -> Iterator[None]:
        """Moves of a view's cursor that the reader did not make report no position."""
        self._quiet_position = True
        try:
            yield
        finally:
            self._quiet_position = False

    def set_themes(self, themes: list[Theme]) -> None:
        """Recolour every highlight after the codebook changed."""
        self._themes = list(themes)
        for view in self._views():
            if view.painter is not None:
                view.painter.set_themes(self._themes)
                view.viewport().update()

    def apply_annotation_changes(self, changed: list[Annotation], removed_ids: list[str]) -> None:
        """Update the highlights of ``changed`` and ``removed_ids``; repaint only their blocks."""
        for view in self._views():
            if view.layers is None or view.painter is None or view.built is None:
                continue
            touched: set[int] = set()
            view.drop_hover(removed_ids)
            for annotation_id in removed_ids:
                touched |= view.layers.remove(annotation_id)
            for annotation in changed:
                if annotation.part in view.built.parts:
                    touched |= view.layers.add(annotation)
                else:
                    touched |= view.layers.remove(annotation.id)
            if touched:
                view.repaint_highlights(touched)

    def selection(self) -> tuple[str, int, int] | None:
        """The selected passage as ``(part, start, end)`` code points, or None."""
        view = self._active
        if view is None or self._cable is None:
            return None
        selected = view.part_selection()
        if selected is None:
            return None
        part, start, end = selected
        if self.snap_to_words:
            start, end = snap_to_words(self._cable.part_text(part), start, end)
            if end <= start:
                return None
        return part, start, end

    def set_selection(self, part: str, start: int, end: int) -> None:
        """Select a passage of ``part`` (code points) and bring it into view."""
        view = self._view_of(part)
        if view is None:
            return
        if view is self._footnotes.view:
            key = footnote_key_of(part)
            if key is not None:
                self._show_marker(key, flash=False)
        view.select_part_range(part, start, end, scroll=view is self._text)
        self._activate(view)

    def show_annotation(self, annotation_id: str) -> None:
        """Scroll to annotation ``annotation_id`` and select its passage."""
        for view in self._views():
            annotation = view.layers.get(annotation_id) if view.layers else None
            if annotation is not None:
                self.set_selection(annotation.part, annotation.start, annotation.end)
                return

    def set_search_hits(self, hits: list[tuple[str, int, int]]) -> None:
        """Mark search hits ``(part, start, end)`` (code points) in the text and the notes,
        in reading order; an empty list clears them."""
        self._search_hits, self._current_hit = list(hits), None
        self._mark_search_hits()

    def show_hit(self, index: int) -> None:
        """Select hit ``index`` (so a digit tags it) and bring it into view."""
        if not 0 <= index < len(self._search_hits):
            return
        self._current_hit = index
        self._mark_search_hits()
        self.set_selection(*self._search_hits[index])

    def _mark_search_hits(self) -> None:
        current = (self._search_hits[self._current_hit]
                   if self._current_hit is not None else None)
        for view in self._views():
            ranges, firm = [], None
            for hit in self._search_hits:
                span = view.doc_range(*hit)
                if span is not None:
                    ranges.append(span)
                    firm = span if hit == current else firm
            view.set_search_marks(ranges, firm)

    def show_footnote(self, key: str) -> None:
        """Bring note ``key`` into view beside its marker and flash it."""
        self._footnotes.show_note(key)

    def annotations_at(self, part: str, offset: int) -> list[str]:
        """Ids of the annotations covering ``offset`` of ``part``, shortest passage first."""
        for view in self._views():
            if view.built is not None and part in view.built.parts and view.layers is not None:
                return [a.id for a in view.layers.at(part, offset)]
        return []

    def reading_place(self) -> tuple[str, int] | None:
        """``(part, offset)`` of the first line wholly on screen in the text (None before a
        cable is shown): where to come back to."""
        view = self._text
        if self._cable is None or view.built is None:
            return None
        position = view.first_visible_position(whole=True)
        mapping = view.part_map_at(position)
        return None if mapping is None else (mapping.part, mapping.from_doc(position))

    def go_to_place(self, part: str, offset: int) -> None:
        """Scroll so the line holding ``offset`` of ``part`` is the first on screen."""
        span = self._text.doc_range(part, offset, offset) if self._text.built else None
        if span is not None:
            self._text.scroll_to_position(span[0], fraction=0.0)

    def cable_text(self) -> QTextEdit:
        return self._text

    def is_laying_out(self) -> bool:
        """Whether the text is still being laid out in background slices (a long cable
        just opened or re-wrapped): other background work waits its turn."""
        return not self._text.layout_driver.is_finished()

    def footnote_pane(self) -> QWidget:
        return self._footnotes

    # -- more --------------------------------------------------------------------------

    def cable(self) -> Cable | None:
        return self._cable

    def annotation_painter(self, part: str = BODY) -> AnnotationPainter | None:
        view = self._view_of(part)
        return view.painter if view is not None else None

    def copy_with_citation(self) -> str | None:
        """Copy the selection, in quotation marks, and on the next line its citation with
        the printed page; returns the citation (None: nothing selected).

        The quote's line breaks and runs of spaces become single spaces (a passage across
        paragraphs pastes as one quotation); the citation stands on a line of its own — put
        right after the closing mark it read as one run of two quoted strings ("“Karamanlis”
        “Message From …,” November 20, 1978, …")."""
        selected = self.selection()
        if selected is None or self._cable is None:
            return None
        part, start, end = selected
        try:
            quote = " ".join(self._cable.part_text(part)[start:end].split())
        except KeyError:
            return None
        pages = self._cable.page_range(part, start, end)
        paragraph = self._cable.paragraph_range(part, start, end)  # how a telegram is cited
        citation = cite(self._cable, self._volume, pages, paragraph, part)
        QGuiApplication.clipboard().setText(f"\u201c{quote}\u201d\n{citation}")
        return citation

    def set_dark(self, dark: bool | None) -> None:
        """Force a scheme (None: follow the system)."""
        self._dark = dark
        self._on_scheme_changed()

    # -- internals -------------------------------------------------------------------

    # -- scrolling text and notes as one ------------------------------------------------

    def _mirror_range(self, *_args) -> None:
        """The reading scroll bar spans the text, padded by the apparatus so that a long
        last note is read level with it while the text's last lines stay in view, and
        then what is left of the notes: past the end of the text, the notes read on
        alone while the text rests at its end."""
        text_bar = self._text.verticalScrollBar()
        high = text_bar.maximum()
        if self._footnotes.beside:
            high = max(high, self._footnotes.view.verticalScrollBar().maximum())
        self._syncing = True
        try:
            self._scroll.setRange(0, high)
            self._scroll.setPageStep(text_bar.pageStep())
            self._scroll.setSingleStep(text_bar.singleStep())
        finally:
            self._syncing = False

    def _follow(self, value: int) -> None:
        """The text or the notes scrolled by themselves (keys, wheel, a jump): lead."""
        if self._syncing:
            return
        self._scroll.setValue(value)
        if self._scroll.value() != value:  # the reading bar's range lags a step behind
            self._scroll_to(value)

    def _follow_notes(self, value: int) -> None:
        """The notes scrolled: lead the text only when the reader scrolled them beside it,
        not when their own re-layout moved them (placing notes, notes below the text)."""
        if self._footnotes.beside and not self._footnotes.is_aligning():
            self._follow(value)

    def _scroll_to(self, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            text_bar = self._text.verticalScrollBar()
            text_bar.setValue(min(value, text_bar.maximum()))
            if self._footnotes.beside:
                notes_bar = self._footnotes.view.verticalScrollBar()
                notes_bar.setValue(min(value, notes_bar.maximum()))
        finally:
            self._syncing = False

    # -- notes beside the text, or below it -----------------------------------------------

    def _average_char_width(self) -> float:
        metrics = QFontMetricsF(reading_font(self._point_size()))
        return metrics.horizontalAdvance("the quick brown fox jumps over a lazy dog ") / 42

    def notes_min_width(self) -> int:
        """The narrowest notes column: ``NOTES_MIN_CHARACTERS`` of the note font (which is
        smaller than the text's), at the current zoom."""
        return int(NOTES_MIN_CHARACTERS * self._average_char_width() * 0.86 + 40)

    def notes_beside_min_width(self) -> int:
        """The narrowest pane that holds the text at ``MIN_MEASURE`` characters and the
        notes at their narrowest beside it."""
        text = self._text.gutter_width() + MIN_MEASURE * self._average_char_width() + 40
        return int(text + self.notes_min_width())

    def notes_beside(self) -> bool:
        return self._footnotes.beside

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Shown (with the window, or in place of the empty state), the views have been
        # polished under the window's style sheet, which puts back the page colours they
        # had before: a dark scheme set before the first show came back on a light page.
        super().showEvent(event)
        self._apply_palette()

    def _notes_moved(self, _position: int, _index: int) -> None:
        """The reader dragged the line between text and notes: keep that share."""
        sizes = self._splitter.sizes()
        if self._footnotes.beside and sum(sizes) > 0 and not self._arranging:
            self._notes_share = sizes[1] / sum(sizes)

    def _arrange(self, width: int, force: bool = False) -> None:
        """Notes beside the text when the pane holds both at a readable measure, else
        below it; beside, the notes keep their share of the width within their bounds."""
        # A document without notes gives the text the notes' column too: arranged as in
        # a narrow window, with the notes (none) below and hidden. At 1024 px an empty
        # column once kept a third of the pane from a telegram without notes.
        beside = width >= self.notes_beside_min_width() and (
            self._has_notes() or self._cable is None)
        changed = beside != self._footnotes.beside or not self._arranged or force
        self._arranged = True
        self._arranging = True
        try:
            splitter = self._splitter
            if beside:
                splitter.setOrientation(Qt.Orientation.Horizontal)
                notes = int(width * self._notes_share)
                notes = max(self.notes_min_width(), min(notes, NOTES_MAX_WIDTH))
                if changed or abs(splitter.sizes()[1] - notes) > 2:
                    splitter.setSizes([max(width - notes, 1), notes])
            elif changed:
                splitter.setOrientation(Qt.Orientation.Vertical)
                height = max(self.height(), 200)
                notes = height - int(height * (1 - NOTES_BELOW_SHARE))
                splitter.setSizes([height - notes, notes])
        finally:
            self._arranging = False
        if not changed:
            return
        self._footnotes.set_beside(beside)
        self._show_notes_pane()
        self._scroll.setVisible(beside)
        self._text.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if beside
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._mirror_range()

    def _show_notes_pane(self) -> None:
        """Below the text, a cable without notes gives all the height to its text (and
        such a cable is always arranged so: see ``_arrange``)."""
        self._footnotes.setVisible(self._footnotes.beside or self._has_notes())

    def _fit_notes_below(self) -> None:
        """Below the text, the notes take what they need up to ``NOTES_BELOW_SHARE`` of
        the height: one short source note under a telegram left a third of an 800×600
        window empty that the text could use."""
        if self._footnotes.beside or not self._footnotes.isVisible() or self._arranging:
            return
        sizes = self._splitter.sizes()
        total = sum(sizes)
        if len(sizes) != 2 or total <= 0:
            return
        share = total - int(total * (1 - NOTES_BELOW_SHARE))
        wanted = min(share, int(notes_height(self._footnotes)) + 4)
        wanted = max(wanted, self._footnotes.minimumSizeHint().height())
        if abs(sizes[1] - wanted) > 2:
            self._arranging = True
            try:
                self._splitter.setSizes([total - wanted, wanted])
            finally:
                self._arranging = False

    def _has_notes(self) -> bool:
        return self._cable is not None and bool(self._cable.footnotes)

    def _resync(self) -> None:
        """After a new layout (another width, new note places) bring the notes back level
        with the text at the text's own scroll position."""
        text_bar = self._text.verticalScrollBar()
        value = text_bar.value()
        if value >= text_bar.maximum():
            value = max(value, self._scroll.value())  # past the text's end: notes read on
        self._syncing = True
        try:
            self._scroll.setValue(value)
        finally:
            self._syncing = False
        self._scroll_to(value)

    def _views(self) -> list[PartTextView]:
        return [self._text, self._footnotes.view]

    def _view_of(self, part: str) -> PartTextView | None:
        for view in self._views():
            if view.built is not None and part in view.built.parts:
                return view
        return None

    def _point_size(self) -> float:
        return max(self.font().pointSizeF(), 9.0) * 1.2 * self._zoom

    # -- zoom ----------------------------------------------------------------------------

    def _zoom_action(self, text: str, name: str, keys, factor: float | None,
                     also: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        shortcuts = QKeySequence.keyBindings(keys) if isinstance(
            keys, QKeySequence.StandardKey) else [QKeySequence(keys)]
        if also is not None and also not in shortcuts:
            shortcuts.append(also)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: self.set_zoom(1.0 if factor is None
                                                       else self._zoom * factor))
        self.addAction(action)
        return action

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        """Set the text size to ``zoom`` times the normal one (within ``ZOOM_RANGE``); the
        cable is laid out anew at the same place of its text."""
        zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        if abs(zoom - self._zoom) < 1e-3:
            return
        self._zoom = zoom
        self._arrange(self.width(), force=True)  # the measure in pixels grew or shrank
        self._rebuild()

    def _apply_palette(self) -> None:
        self._text.apply_palette(self._palette)
        self._footnotes.apply_palette(self._palette)
        # A hairline between text and notes; a palette, not a style sheet, because a style
        # sheet would restore the views' palettes whenever it re-polishes them.
        handle = self._splitter.handle(1)
        palette = handle.palette()
        palette.setColor(palette.ColorRole.Window, self._palette.rule)
        handle.setPalette(palette)
        handle.setAutoFillBackground(True)

    def _on_scheme_changed(self) -> None:
        palette = reading_palette(self._dark)
        changed = palette is not self._palette
        self._palette = palette
        # Always: a window style sheet polished again (at the first show, at a choice in
        # View > Appearance) puts back the page colours the views had before.
        self._apply_palette()
        if changed:
            self._rebuild()

    def _rebuild(self) -> None:
        """Build the open cable's documents again (new colours, new size), keeping its
        annotations, search hits and the passage at the top of the screen."""
        if self._cable is None:
            return
        text = self._text
        top = text.first_visible_position(whole=True) if text.verticalScrollBar().value() else 0
        annotations = [a for v in self._views() if v.layers for a in v.layers.annotations()]
        hits, current = self._search_hits, self._current_hit
        self.set_cable(self._cable, annotations, self._themes, self._volume)
        self._search_hits, self._current_hit = hits, current
        self._mark_search_hits()
        if top > 0:
            text.scroll_to_position(top, 0.0)

    def focus_selection(self) -> None:
        """Give keyboard focus to the view that holds the current selection."""
        (self._active or self._text).setFocus()

    def _activate(self, view: PartTextView) -> None:
        """Only one view holds a selection at a time: the one the reader used last."""
        if self._active is view:
            return
        self._active = view
        for other in self._views():
            if other is not view and other.textCursor().hasSelection():
                cursor = other.textCursor()
                cursor.clearSelection()
                with QSignalBlocker(other):
                    other.setTextCursor(cursor)

    def _on_selection(self, view: PartTextView) -> None:
        if view.textCursor().hasSelection():
            self._activate(view)
        elif self._active is not view:
            return
        self.selectionChanged.emit()

    def _on_position(self, view: PartTextView) -> None:
        if not self._quiet_position:
            self._report_position(view, view.textCursor().position())

    def _on_scrolled(self) -> None:
        """The reading position follows the screen: the cursor's place while it is in
        view, else the first line on screen (a reader scrolling wants the page there)."""
        view = self._text
        if view.built is None:
            return
        rect = view.cursorRect()
        if rect.top() >= 0 and rect.bottom() <= view.viewport().height():
            position = view.textCursor().position()
        else:
            position = view.first_visible_position()
        self._report_position(view, position)

    def _report_position(self, view: PartTextView, position: int) -> None:
        if self._cable is None or view.built is None:
            return
        mapping = view.part_map_at(position)
        if mapping is None:
            return
        offset = mapping.from_doc(position)
        part = mapping.part
        page = self._cable.page_range(part, offset, offset + 1)
        paragraph = self._cable.paragraph_at(part, offset) if part == BODY else ""
        self.positionChanged.emit(page, paragraph)

    def _on_anchor(self, href: str, view: PartTextView) -> None:
        if href.startswith(NOTE_HREF):
            # A note's own label in the apparatus goes to its marker (the pane says so,
            # ``noteActivated``); showing the note as well scrolled the text away from
            # the marker again whenever the note stood lower than it.
            if view is not self._footnotes.view:
                self.show_footnote(href[len(NOTE_HREF):])
        elif href.startswith(REF_HREF):
            self.referenceActivated.emit(href[len(REF_HREF):])

    def _show_marker(self, key: str, flash: bool = True) -> None:
        """Scroll the text to note ``key``'s marker (and flash the marker)."""
        if self._body is None:
            return
        for position, marker_key in self._body.markers:
            if marker_key == key:
                cursor = QTextCursor(self._text.document())
                cursor.setPosition(position)
                rect = self._text.cursorRect(cursor)
                if not 0 <= rect.top() <= self._text.viewport().height() * 0.8:
                    self._text.scroll_to_position(position)
                if flash:
                    note = self._cable.footnote(key) if self._cable else None
                    length = len(note.marker) if note is not None else 1
                    self._text.flash(position, position + length)
                return

    def _describe(self, annotations: list[Annotation]) -> str:
        """Tooltip: the themes of the annotations under the mouse, one line per annotation."""
        names = {theme.id: theme.name for theme in self._themes}
        lines = []
        for annotation in annotations:
            themes = [names[t] for t in annotation.theme_ids if t in names] or ["(no theme)"]
            line = ", ".join(themes)
            if annotation.note:
                note = annotation.note if len(annotation.note) < 80 else annotation.note[:77] + "…"
                line += f" \u2014 {note}"
            lines.append(line)
        return "\n".join(lines)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection that begins or ends inside a word to the whole word; trim spaces.

    Readers drag quickly; a quote that starts at "rms race" is never what they meant.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end


def _in_word(text: str, index: int) -> bool:
    char = text[index]
    if char.isalnum():
        return True
    if char in "'\u2019-" and 0 < index < len(text) - 1:
        return text[index - 1].isalnum() and text[index + 1].isalnum()
    return False


__all__ = ["ReadingPane", "footnote_part", "snap_to_words"]
