"""The annotation list: this cable's annotations in text order, every annotation of the
project (the All documents switch), or, while the codebook filters by a theme, every
annotation with that theme across the project.

A click jumps to the passage (``annotationActivated``); moving the current row only
updates the note editor (``currentAnnotationChanged``), so arrowing through the list
does not yank the reading position around.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .annotation_delegate import AnnotationDelegate
from .annotation_model import ANNOTATION_ID_ROLE, CABLE_ID_ROLE, AnnotationListModel


class AnnotationListPanel(QWidget):
    annotationActivated = Signal(str, str)  # cable id, annotation id
    currentAnnotationChanged = Signal(object)  # Annotation or None
    clearFilterRequested = Signal()
    allDocumentsToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationListModel(self)
        self.title = QLabel("In this cable", self)
        self.title.setObjectName("panelTitle")
        # "“Investment disputes” in all documents (12)" beside "Show this cable" is wider
        # than the side column at 1024 px and below: it wraps at words, never cut.
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(1)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Show this cable")
        self.clear_button.setAccessibleName("Stop filtering by theme")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setVisible(False)
        self.clear_button.clicked.connect(self.clearFilterRequested)
        self.all_button = QToolButton(self)
        self.all_button.setObjectName("allDocumentsButton")
        self.all_button.setText("All documents")
        self.all_button.setCheckable(True)
        self.all_button.setAutoRaise(True)
        self.all_button.setToolTip("List the annotations of every document in the project")
        self.all_button.setAccessibleName("Show annotations of all documents")
        self.all_button.toggled.connect(self.allDocumentsToggled)

        self.view = QListView(self)
        self.view.setObjectName("annotationList")
        self.view.setAccessibleName("Annotations")
        self.view.setModel(self.model)
        self.view.setItemDelegate(AnnotationDelegate(self.view))
        # One card height for all, and rows counted in C++ (the model is a string list of
        # ids): 20,000 cards lay out in one pass in about 3 ms. A batched layout would put
        # off the rows beyond the first batches, and ``scrollTo`` a new card among them
        # would do nothing.
        self.view.setUniformItemSizes(True)
        self.view.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setWordWrap(True)
        self.view.setSpacing(1)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.currentAnnotationChanged.emit(None))
        self.model.rowsRemoved.connect(self._emit_current)

        self.empty_hint = QLabel("Select a passage and press 1–9 to tag it.", self)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_hint.setWordWrap(True)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_hint)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_title)
        self._scope_label = "In this cable"
        self._update_title()

    def set_scope(self, label: str, theme_filtered: bool) -> None:
        """``In this cable``, ``All documents`` or ``“Arms race” in all documents``; a theme
        filter shows a way back to the cable instead of the All documents switch."""
        self._scope_label = label
        self.clear_button.setVisible(theme_filtered)
        self.all_button.setVisible(not theme_filtered)
        self._update_title()

    def _update_title(self, *_args) -> None:
        count = self.model.rowCount()
        self.title.setText(f"{self._scope_label} ({count})")
        self.empty_hint.setVisible(count == 0)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.annotationActivated.emit(index.data(CABLE_ID_ROLE), index.data(ANNOTATION_ID_ROLE))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentAnnotationChanged.emit(self.model.annotation(current.row())
                                           if current.isValid() else None)

    def _emit_current(self, *_args) -> None:
        self._current_changed(self.view.currentIndex(), QModelIndex())

    def current_annotation_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ANNOTATION_ID_ROLE) if index.isValid() else None

    def clear_current(self) -> None:
        """Select no card (the selected annotation is gone)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)

    def select_annotation(self, annotation_id: str) -> None:
        """Make ``annotation_id`` current (without jumping the text to it)."""
        row = self.model.row_of(annotation_id)
        if row < 0:
            return
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
