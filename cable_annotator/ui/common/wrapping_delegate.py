"""Rows of a tree that wrap their text at word boundaries in the width they have.

Qt's item views can wrap text (``setWordWrap``), but a tree measures a row's height
with no width to wrap in, so each row stays one line high and its end is elided: in a
narrow side column the codebook read "Congress and public …" and the References cut a
TAGS meaning in the middle. This delegate measures each row in its column's width, and
``wrap_rows_in`` makes the tree measure again when that width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    """Sizes each row for its text wrapped in the width of its column."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self._tree.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            root = 1 if self._tree.rootIsDecorated() else 0
            width -= self._tree.indentation() * (depth + root)
        if width > 0:
            option = QStyleOptionViewItem(option)
            # The view passes no rectangle (-1 × -1); Qt wraps only in a valid one.
            option.rect = QRect(0, 0, width, max(option.rect.height(), 1))
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return super().sizeHint(option, index)


class _Relayout(QObject):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        self._width = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self._tree.viewport().width() != self._width:
            self._width = self._tree.viewport().width()
            self._tree.scheduleDelayedItemsLayout()
        return False


def wrap_rows_in(tree: QTreeView) -> None:
    """Make ``tree`` wrap its rows' text at words in the width it has, never eliding."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setItemDelegate(WrappingDelegate(tree))
    tree.viewport().installEventFilter(_Relayout(tree))
    tree.header().sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())
