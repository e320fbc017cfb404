"""The left-hand corpus panel: a filter box over the volumes → documents tree.

A document opens only when the reader chooses it — a click, Enter, or moving through the
tree with the arrow keys — never because filtering moved the tree's current row: typing
"359" once opened doc. 35 of another volume on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .corpus_model import CABLE_ID_ROLE, COUNT_COLUMN, NAME_COLUMN, CorpusFilter, CorpusModel
from .title_delegate import TitleDelegate


class CorpusPanel(QWidget):
    """Lists the project's documents; emits ``cableActivated(id)`` when one is chosen."""

    cableActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CorpusModel(self)
        self.proxy = CorpusFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("corpusFilter")
        self.filter_box.setPlaceholderText("Filter documents…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter documents")
        self.filter_box.textChanged.connect(self._filter_changed)
        self.filter_box.returnPressed.connect(self._open_first_match)
        self.filter_box.installEventFilter(self)
        self._refiltering = False
        self._search_query: str | None = None  # as the search note quotes it
        self._shown_id: str | None = None

        self.theme_note = QLabel(self)
        self.theme_note.setObjectName("corpusThemeFilter")
        self.theme_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.theme_note.setVisible(False)
        self.theme_note.setWordWrap(True)

        self.search_note = QLabel(self)
        self.search_note.setObjectName("corpusSearchNote")
        self.search_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.search_note.setVisible(False)
        self.search_note.setWordWrap(True)

        self.tree = QTreeView(self)
        self.tree.setObjectName("corpusTree")
        self.tree.setAccessibleName("Documents")
        self.tree.setModel(self.proxy)
        self.tree.viewport().installEventFilter(self)
        self.tree.installEventFilter(self)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setItemDelegateForColumn(NAME_COLUMN, TitleDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        # The count column is as wide as its widest number, worked out from the font: Qt's
        # ResizeToContents asked every row for eight roles at each load and paint (4,000
        # documents' worth of calls into Python at start with five volumes).
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._chosen)  # Enter, or the platform's activation
        self.tree.clicked.connect(self._chosen)  # a click on the row already current

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.theme_note)
        layout.addWidget(self.search_note)
        layout.addWidget(self.tree)

    def load(self, summaries, volume_titles: dict[str, str] | None = None) -> None:
        with self._quietly():
            self.model.load(summaries, volume_titles)
        self._fit_count_column()
        self.tree.expandAll()

    def _fit_count_column(self) -> None:
        """Size the count column to its widest number (at least two digits' room)."""
        digits = max(2, len(str(self.model.max_count())))
        margin = 2 * (self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                   None, self.tree) + 1)
        width = self.tree.fontMetrics().horizontalAdvance("0" * digits) + margin + 6
        if self.tree.header().sectionSize(COUNT_COLUMN) != width:
            self.tree.header().resizeSection(COUNT_COLUMN, width)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_count_column()  # a zoom or a new style changes the digits' width
        super().changeEvent(event)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Refilter or reload without opening whatever row becomes current meanwhile; then
        mark the document on screen again if it is still listed."""
        self._refiltering = True
        try:
            yield
        finally:
            self._refiltering = False
        if self._shown_id is not None:
            self.select_cable(self._shown_id)

    def _refilter(self, apply: Callable[[], bool | None]) -> None:
        """Run ``apply`` (a filter change; False when it changed nothing) and show the
        tree filtered anew."""
        # Expanded before the open document is marked again, so the tree scrolls to it
        # (expanding afterwards left a cleared filter at the top of the corpus).
        with self._quietly():
            if apply() is False:
                return
            self.tree.expandAll()
        self._count_search_matches()

    def _filter_changed(self, text: str) -> None:
        self._refilter(lambda: self.proxy.set_text(text))

    def _open_first_match(self) -> None:
        """Enter in the filter box opens the marked document if it matches, else the first."""
        shown = self.visible_cable_ids()
        if shown:
            self.cableActivated.emit(self._shown_id if self._shown_id in shown else shown[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down in the filter box moves into the list, as in a file dialog; typing in the
        list types into the filter box; a tooltip over the tree is made for the row under
        the pointer (none is stored per row)."""
        if (watched is self.filter_box and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down):
            self.tree.setFocus()
            return True
        if (watched is self.tree and event.type() in (QEvent.Type.KeyPress,
                                                      QEvent.Type.ShortcutOverride)
                and _typed(event) and (event.text() != " " or self.filter_box.text())):
            # The tree's own type-ahead moved the current row letter by letter, and each
            # row it passed opened (Ctrl+1, then "359", opened documents 3, 35 and 359);
            # and a digit was taken for the theme shortcut of the text (as the filter box
            # takes it, a typed key is the list's own, not a shortcut).
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            self.filter_box.setFocus()
            if event.key() == Qt.Key.Key_Backspace:
                self.filter_box.backspace()
            else:
                self.filter_box.insert(event.text())
            return True
        if watched is self.tree.viewport() and event.type() == QEvent.Type.ToolTip:
            index = self.tree.indexAt(event.pos())
            text = self.model.tooltip(self.proxy.mapToSource(index)) if index.isValid() else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.tree.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    def set_theme_filter(self, label: str | None, cable_ids: set[str] | None) -> None:
        """Show only cables holding a theme (``None`` clears)."""
        self._refilter(lambda: self.proxy.set_allowed(cable_ids))
        self.theme_note.setVisible(label is not None)
        self.theme_note.setText(f"Only documents tagged “{label}”" if label else "")

    def set_search(self, query: str | None, words: list[str], cable_ids: set[str]) -> None:
        """Show only documents found by the toolbar search, ``query`` as it should be
        quoted in the note (``None`` ends the search)."""
        active = query is not None
        self._search_query = query
        self._refilter(lambda: self.proxy.set_search(words, cable_ids if active else None))
        self.search_note.setVisible(active)
        self._count_search_matches()

    def _count_search_matches(self) -> None:
        """The search note counts the documents listed now: after the filter box or the
        theme filter changes too (it said "1 document" over a list of 33)."""
        query = self._search_query
        if query is None:
            return
        count = len(self.visible_cable_ids())
        self.search_note.setText(
            f"{count} document{'s' * (count != 1)} matching {query}" if count
            else f"No document matches {query}")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._refiltering:  # the reader moved (arrow keys), not the filter
            self._chosen(current)

    def _chosen(self, index: QModelIndex) -> None:
        cable_id = index.siblingAtColumn(NAME_COLUMN).data(CABLE_ID_ROLE)
        if cable_id:
            self.cableActivated.emit(cable_id)

    def shows(self, cable_id: str) -> bool:
        """Whether ``cable_id`` has a row in the tree as filtered now."""
        return self.proxy.mapFromSource(self.model.index_of(cable_id)).isValid()

    def select_cable(self, cable_id: str) -> None:
        """Mark ``cable_id`` as current without emitting ``cableActivated``."""
        self._shown_id = cable_id
        source = self.model.index_of(cable_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out: mark nothing rather than a stray row
            # Through the view (not a blocked selection model), so that it knows: after a
            # filter's remap it kept moving from a row no longer current.
            self._refiltering, was = True, self._refiltering
            try:
                self.tree.selectionModel().clear()
                self.tree.setCurrentIndex(QModelIndex())
            finally:
                self._refiltering = was
            self.tree.viewport().update()
            return
        blocked = self.tree.selectionModel().blockSignals(True)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.selectionModel().blockSignals(blocked)
        self.tree.viewport().update()
        self.tree.scrollTo(index)

    def set_count(self, cable_id: str, count: int) -> None:
        self.model.set_count(cable_id, count)
        self._fit_count_column()

    def visible_cable_ids(self) -> list[str]:
        """Cables the filters leave visible, in tree order (for tests and navigation)."""
        out = []
        for volume_row in range(self.proxy.rowCount()):
            volume = self.proxy.index(volume_row, 0)
            for row in range(self.proxy.rowCount(volume)):
                out.append(self.proxy.index(row, 0, volume).data(CABLE_ID_ROLE))
        return out


def _typed(event: QKeyEvent) -> bool:
    """Whether a key press types text (a letter, a digit, a space, Backspace) rather than
    moving, choosing or running a shortcut."""
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                            | Qt.KeyboardModifier.MetaModifier):
        return False
    if event.key() == Qt.Key.Key_Backspace:
        return True
    text = event.text()
    return bool(text) and text.isprintable()
