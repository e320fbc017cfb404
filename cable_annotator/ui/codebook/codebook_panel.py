"""The codebook panel: themes with colours, digit shortcuts and usage, and their edits.

Dialogs are asked here; the answers go to ``CodebookActions`` so every edit is undoable.
Double-clicking a theme applies it to the current text selection (``applyRequested``);
the filter toggle narrows corpus and annotation list to the current theme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..common.wrapping_delegate import wrap_rows_in
from .codebook_actions import CodebookActions
from .codebook_model import (
    NAME_COLUMN,
    THEME_ID_ROLE,
    USAGE_COLUMN,
    USAGE_ROLE,
    CodebookModel,
)
from .theme_dialogs import AddThemeDialog, DeleteThemeDialog, MergeThemeDialog, digit_shifts

DIGIT_THEMES = 9
SWATCH_SIZE = 18
"""Themes the keys 1–9 apply: the codebook always has room to show them."""


class CodebookPanel(QWidget):
    applyRequested = Signal(int)
    fitted = Signal()  # the height the themes need changed (see _fit_rows)
    themeFilterChanged = Signal(object)  # theme id or None
    themeMessage = Signal(str)  # for the status bar ("the digit keys move: …")

    def __init__(self, actions: CodebookActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codebookPanel")
        self._actions = actions
        self.model = CodebookModel(self)
        self.model.renameRequested.connect(self._actions.rename)
        self.model.reparentRequested.connect(self._actions.reparent)
        self._filter_id: int | None = None

        self.tree = QTreeView(self)
        self.tree.setObjectName("codebook")
        self.tree.setAccessibleName("Codebook")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        # A long theme name wraps at a word rather than losing its end in a narrow column
        # (a codebook is a few dozen rows: rows of their own heights cost nothing).
        wrap_rows_in(self.tree)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._double_clicked)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(USAGE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        # Measured again once the tree has settled after any change of rows, names or width
        # (a zero timer: the header gives the column its new width after the resize).
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_rows)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.dataChanged, self.tree.expanded, self.tree.collapsed,
                       header.sectionResized):
            signal.connect(self._fit_rows)
            signal.connect(self._refit.start)
        self.tree.viewport().installEventFilter(self)

        self.add_action = QAction("&Add Theme…", self)
        self.add_action.triggered.connect(self.ask_add)
        self.rename_action = QAction("&Rename", self)
        self.rename_action.triggered.connect(self.ask_rename)
        self.color_action = QAction("Change &Colour…", self)
        self.color_action.triggered.connect(self.ask_color)
        self.merge_action = QAction("&Merge Into…", self)
        self.merge_action.triggered.connect(self.ask_merge)
        self.delete_action = QAction("&Delete Theme…", self)
        self.delete_action.triggered.connect(self.ask_delete)
        self.filter_action = QAction("&Filter by Theme", self)
        self.filter_action.setCheckable(True)
        self.filter_action.setToolTip("Show only documents and annotations with this theme")
        self.filter_action.toggled.connect(self._filter_toggled)
        self.edit_actions = [self.rename_action, self.color_action, self.merge_action,
                             self.delete_action]

        title = QLabel("Codebook", self)
        title.setObjectName("panelTitle")
        add_button = self._tool_button(self.add_action, "+")
        add_button.setToolTip("Add a theme")
        edit_button = QToolButton(self)
        edit_button.setText("Edit")
        edit_button.setAccessibleName("Edit theme")
        edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        edit_menu = QMenu(edit_button)
        edit_menu.addActions(self.edit_actions)
        edit_button.setMenu(edit_menu)
        edit_button.setAutoRaise(True)
        filter_button = self._tool_button(self.filter_action, "Filter")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(add_button)
        bar.addWidget(edit_button)
        bar.addWidget(filter_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self._update_enabled()

    def _tool_button(self, action: QAction, text: str) -> QToolButton:
        action.setIconText(text)  # the button shows the short form, menus the full text
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        return button

    def _fit_rows(self, *_args) -> None:
        """Tall enough for every theme a digit key applies (1–9), whatever the window's
        height: at 800×600 the column once showed four and a half of eight themes, with no
        sign of the rest. More themes than that scroll.

        Each row is measured as the tree will lay it out, wrapped in its column's width: a
        name that wraps to two lines takes two (counting one line a row cut the ninth theme
        in half until the project was reopened). Measured again whenever a name, the rows
        or the column's width change."""
        rows, height, index = 0, 0, self.model.index(0, NAME_COLUMN)
        while index.isValid() and rows < DIGIT_THEMES:
            height += self._row_height(index)
            index = self.tree.indexBelow(index)
            rows += 1
        if rows < 2:  # room for two rows even in an empty codebook
            height += (2 - rows) * self._line_height()
        wanted = height + 2 * self.tree.frameWidth()
        if wanted != self.tree.minimumHeight():
            self.tree.setMinimumHeight(wanted)
            self.fitted.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._refit.start()
        return super().eventFilter(watched, event)

    def _line_height(self) -> int:
        return max(self.tree.fontMetrics().height(), self.tree.iconSize().height(),
                   SWATCH_SIZE) + 2

    def _row_height(self, index: QModelIndex) -> int:
        """The height the tree gives the row of ``index``: its tallest cell."""
        cells = (self.tree.sizeHintForIndex(index.siblingAtColumn(column)).height()
                 for column in (NAME_COLUMN, USAGE_COLUMN))
        return max(cells)

    # State

    def load(self, themes, usage: dict[int, int]) -> None:
        """Rebuild from the store, keeping the current theme and expansion."""
        current = self.current_theme_id()
        self.model.load(themes, usage)
        self.tree.expandAll()
        if current is not None:
            index = self.model.index_of(current)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        if self._filter_id is not None and self.model.theme(self._filter_id) is None:
            self.filter_action.setChecked(False)
        self._update_enabled()

    def set_usage(self, usage: dict[int, int]) -> None:
        self.model.set_usage(usage)

    def adjust_usage(self, delta: dict[int, int]) -> None:
        self.model.adjust_usage(delta)

    def current_theme_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(NAME_COLUMN).data(THEME_ID_ROLE) if index.isValid() else None

    def select_theme(self, theme_id: int) -> None:
        index = self.model.index_of(theme_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def filter_theme_id(self) -> int | None:
        return self._filter_id

    def _update_enabled(self, *_args) -> None:
        has_theme = self.current_theme_id() is not None
        for action in self.edit_actions:
            action.setEnabled(has_theme)
        self.filter_action.setEnabled(has_theme or self.filter_action.isChecked())

    def _filter_toggled(self, checked: bool) -> None:
        self._filter_id = self.current_theme_id() if checked else None
        if checked and self._filter_id is None:
            self.filter_action.setChecked(False)
            return
        self.themeFilterChanged.emit(self._filter_id)
        self._update_enabled()

    def set_filter(self, theme_id: int | None) -> None:
        """Filter by ``theme_id`` (None clears), as if the toggle had been used."""
        if theme_id is not None:
            self.select_theme(theme_id)  # while filtering, the filter follows the current theme
        self.filter_action.setChecked(theme_id is not None)

    def _current_changed(self, *_args) -> None:
        self._update_enabled()
        current = self.current_theme_id()
        if self.filter_action.isChecked() and current is not None and current != self._filter_id:
            self._filter_id = current
            self.themeFilterChanged.emit(current)

    def _double_clicked(self, index: QModelIndex) -> None:
        theme_id = index.siblingAtColumn(NAME_COLUMN).data(THEME_ID_ROLE)
        if theme_id is not None:
            self.applyRequested.emit(theme_id)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction(self.add_action)
        menu.addSeparator()
        menu.addActions(self.edit_actions)
        menu.addSeparator()
        menu.addAction(self.filter_action)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    # Dialogs, then actions

    def ask_add(self) -> None:
        dialog = AddThemeDialog(self)
        ok = dialog.exec() == AddThemeDialog.DialogCode.Accepted
        name = dialog.name.text()
        dialog.deleteLater()
        if ok and name.strip():
            # No colour of ours: the codebook service picks the one that looks least like
            # the themes in use and the selection (a fixed light blue here once gave every
            # new theme a highlight a reader took for selected text).
            new_id = self._actions.add(name)
            if new_id is not None:
                # The new theme is the current row and has the keyboard, so F2 renames it
                # and the arrows move from it (the focus had stayed on the "+" button).
                self.select_theme(new_id)
                self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def ask_rename(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(NAME_COLUMN))

    def ask_color(self) -> None:
        theme = self.model.theme(self.current_theme_id())
        if theme is None:
            return
        color = QColorDialog.getColor(QColor(theme.color), self, f"Colour of “{theme.name}”")
        if color.isValid():
            self._actions.recolor(theme.id, color.name())

    def ask_merge(self) -> None:
        theme = self.model.theme(self.current_theme_id())
        if theme is None:
            return
        dialog = MergeThemeDialog(theme, self.model.themes(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.target_id() is not None:
            self._actions.merge(theme.id, dialog.target_id())

    def ask_delete(self) -> None:
        theme = self.model.theme(self.current_theme_id())
        if theme is None:
            return
        uses = self.model.index_of(theme.id).data(USAGE_ROLE) or 0
        dialog = DeleteThemeDialog(theme, uses, self.model.themes(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            shifts = digit_shifts(self.model.themes(), theme.id)
            if self._actions.delete(theme.id, dialog.reassign_to()) and shifts:
                self.themeMessage.emit(f"Theme “{theme.name}” deleted; the digit keys move: "
                                       f"{', '.join(shifts)} (Ctrl+Z undoes it).")
