"""The codebook as a tree model: themes under their parents, colour, shortcut and usage.

Editing a name or dropping a theme on another does not change the model directly: the
model emits a request, the panel turns it into an undoable command, and the model is
rebuilt from the store when the change comes back — the store stays the single truth.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...domain.annotation import Theme
from .swatch import swatch_icon

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 3
USAGE_ROLE = Qt.ItemDataRole.UserRole + 4

THEME_MIME = "application/x-cable-annotator-theme"
NAME_COLUMN, USAGE_COLUMN = 0, 1


class CodebookModel(QStandardItemModel):
    """Themes → tree; ``renameRequested`` and ``reparentRequested`` carry user edits out."""

    renameRequested = Signal(int, str)
    reparentRequested = Signal(int, object)  # theme id, new parent id or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Theme", "Uses"])
        self._items: dict[int, QStandardItem] = {}
        self._themes: list[Theme] = []

    def load(self, themes: list[Theme], usage: dict[int, int]) -> None:
        """Rebuild from ``list_themes`` (codebook order) and ``theme_usage``."""
        self.removeRows(0, self.rowCount())
        self._items.clear()
        self._themes = list(themes)
        known = {theme.id for theme in themes}
        pending = list(themes)
        # Parents first: a child whose parent is not yet placed waits for the next pass.
        while pending:
            waiting = []
            for theme in pending:
                parent_id = theme.parent_id if theme.parent_id in known else None
                if parent_id is not None and parent_id not in self._items:
                    waiting.append(theme)
                    continue
                row = self._theme_row(theme, usage.get(theme.id, 0))
                holder = self._items[parent_id] if parent_id is not None else None
                (holder or self.invisibleRootItem()).appendRow(row)
                self._items[theme.id] = row[0]
            if len(waiting) == len(pending):  # a cycle: show the rest at top level
                for theme in waiting:
                    row = self._theme_row(theme, usage.get(theme.id, 0))
                    self.appendRow(row)
                    self._items[theme.id] = row[0]
                break
            pending = waiting

    def _theme_row(self, theme: Theme, uses: int) -> list[QStandardItem]:
        digit = self.shortcut_of(theme.id)
        name = QStandardItem(theme.name)
        name.setIcon(swatch_icon(theme.color, digit))
        name.setData(theme.id, THEME_ID_ROLE)
        name.setData(theme.color, COLOR_ROLE)
        name.setData(digit, SHORTCUT_ROLE)
        tip = theme.name + (f"\nPress {digit} to apply to the selection" if digit else "")
        if theme.description:
            tip += f"\n\n{theme.description}"
        name.setToolTip(tip)
        name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
                      | Qt.ItemFlag.ItemIsDropEnabled)
        count = QStandardItem()
        count.setData(theme.id, THEME_ID_ROLE)
        count.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._write_usage(name, count, uses)
        return [name, count]

    @staticmethod
    def _write_usage(name: QStandardItem, count: QStandardItem, uses: int) -> None:
        name.setData(uses, USAGE_ROLE)
        count.setData(uses, USAGE_ROLE)
        count.setText(str(uses) if uses else "")

    def shortcut_of(self, theme_id: int | None) -> str:
        """The digit that applies this theme ('' beyond the ninth)."""
        for position, theme in enumerate(self._themes[:9]):
            if theme.id == theme_id:
                return str(position + 1)
        return ""

    def themes(self) -> list[Theme]:
        return list(self._themes)

    def theme(self, theme_id: int) -> Theme | None:
        return next((theme for theme in self._themes if theme.id == theme_id), None)

    def index_of(self, theme_id: int) -> QModelIndex:
        item = self._items.get(theme_id)
        return item.index() if item is not None else QModelIndex()

    def set_usage(self, usage: dict[int, int]) -> None:
        """Refresh usage counts in place after annotations changed."""
        for theme_id, item in self._items.items():
            parent = item.parent() or self.invisibleRootItem()
            count = parent.child(item.row(), USAGE_COLUMN)
            if item.data(USAGE_ROLE) != usage.get(theme_id, 0):
                self._write_usage(item, count, usage.get(theme_id, 0))

    def adjust_usage(self, delta: dict[int, int]) -> None:
        """Move the counts of a few themes by ``delta`` (one annotation edited)."""
        for theme_id, moved in delta.items():
            item = self._items.get(theme_id)
            if item is None:
                continue
            parent = item.parent() or self.invisibleRootItem()
            count = parent.child(item.row(), USAGE_COLUMN)
            self._write_usage(item, count, max(0, (item.data(USAGE_ROLE) or 0) + moved))

    # Editing and drag-and-drop become requests, never direct changes.

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role == Qt.ItemDataRole.EditRole and index.column() == NAME_COLUMN:
            theme_id = index.data(THEME_ID_ROLE)
            name = str(value).strip()
            if theme_id is not None and name and name != index.data():
                self.renameRequested.emit(theme_id, name)
            return False
        return super().setData(index, value, role)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [THEME_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = {index.data(THEME_ID_ROLE) for index in indexes}
        ids.discard(None)
        if ids:
            data.setData(THEME_MIME, QByteArray(str(min(ids)).encode()))
        return data

    def _dragged_theme(self, data: QMimeData) -> int | None:
        if not data.hasFormat(THEME_MIME):
            return None
        try:
            return int(bytes(data.data(THEME_MIME)).decode())
        except ValueError:
            return None

    def _drop_parent(self, parent: QModelIndex) -> int | None:
        return parent.siblingAtColumn(NAME_COLUMN).data(THEME_ID_ROLE) if parent.isValid() else None

    def _is_descendant(self, theme_id: int, ancestor_id: int | None) -> bool:
        by_id = {theme.id: theme for theme in self._themes}
        current = ancestor_id
        while current is not None:
            if current == theme_id:
                return True
            current = by_id[current].parent_id if current in by_id else None
        return False

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        theme_id = self._dragged_theme(data)
        return theme_id is not None and not self._is_descendant(theme_id, self._drop_parent(parent))

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        theme_id = self._dragged_theme(data)
        new_parent = self._drop_parent(parent)
        if theme_id is None or self._is_descendant(theme_id, new_parent):
            return False
        current = self.theme(theme_id)
        if current is not None and current.parent_id != new_parent:
            self.reparentRequested.emit(theme_id, new_parent)
        return False  # the rebuilt model shows the move once it is stored
