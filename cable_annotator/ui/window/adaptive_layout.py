"""The window's arrangement follows its width, so the text stays readable at any size.

A historian reads on a laptop, or with the window beside a PDF at half a screen: the
side panes give way before the text does. Below ``CORPUS_MIN_WIDTH`` the corpus panel
folds away (View → Corpus Panel, F9, brings it back); below ``NARROW_WIDTH`` the codebook
column narrows. The reading pane itself puts the footnotes below the text when it is too
narrow for both side by side (see ``ReadingPane``). The first window fits the screen it
opens on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QToolBar, QWidget

CORPUS_MIN_WIDTH = 1400
"""Window width under which the corpus panel folds away by itself (so a 1366-px laptop
reads with the notes beside the text; the toolbar's Corpus button brings it back)."""
CORPUS_WIDTH = 320
"""Width of the corpus panel when it is shown: long FRUS titles need room."""
SIDE_WIDTH = 340
SIDE_NARROW_WIDTH = 250
NARROW_WIDTH = 1000
"""Window width under which the codebook column narrows."""
MIN_TEXT_WIDTH = 440
"""The least the text column keeps when the reader unfolds a side panel: below it the
other side panel folds (a window under 1100 px shows the corpus or the codebook, not
both). At 360 px a 1024-px window kept both, and the text read 30 characters a line."""
DEFAULT_SIZE = QSize(1600, 1000)
SCREEN_SHARE = 0.92
"""At most this share of the screen's free area for a first window."""


def fitted_geometry(available: QRect, wanted: QSize = DEFAULT_SIZE) -> QRect:
    """A window rectangle of at most ``wanted`` that fits ``available``, centred in it."""
    width = min(wanted.width(), int(available.width() * SCREEN_SHARE))
    height = min(wanted.height(), int(available.height() * SCREEN_SHARE))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


class AdaptiveLayout(QObject):
    """Folds and narrows the side panels of ``window`` as its width changes."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, corpus: QWidget,
                 side: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.corpus = corpus
        self.side = side
        self._wide: bool | None = None
        self._narrow: bool | None = None
        self._arranging = False
        self._folded_for_room: set[str] = set()
        """The panels folded because the other one was unfolded in a window too narrow
        for both ("corpus", "side"): they come back once the window has room for both.
        A panel the reader folds by hand stays folded."""
        self._folding_for_room = False
        self.restored: dict[str, bool] | None = None
        """Which panels were shown in the reader's last session, when its sizes were
        restored: the first width seen then keeps them as they were."""
        self.toggle_corpus = self._toggle("&Corpus Panel", "toggleCorpusPanel", "F9",
                                          self._show_corpus)
        self.toggle_side = self._toggle("Code&book Panel", "toggleSidePanel", "Shift+F9",
                                        self._show_side)
        window.installEventFilter(self)

    def _toggle(self, text: str, name: str, keys: str, slot) -> QAction:
        """A checked View action that shows or hides a panel, on the window's keys."""
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setChecked(True)
        action.setShortcut(QKeySequence(keys))
        action.toggled.connect(slot)
        self.window.addAction(action)
        return action

    def shown_panels(self) -> dict[str, bool]:
        return {"corpus": self.toggle_corpus.isChecked(), "side": self.toggle_side.isChecked()}

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions([self.toggle_corpus, self.toggle_side])

    def add_to_toolbar(self, toolbar: QToolBar) -> None:
        """A "Corpus" button (put first on the toolbar): a folded corpus is one click
        away, and the button's state says where it went."""
        self.toggle_corpus.setIconText("Corpus")
        self.toggle_corpus.setToolTip("Show or hide the corpus panel (F9)")
        toolbar.addAction(self.toggle_corpus)
        toolbar.addSeparator()

    def fit_to_screen(self) -> None:
        """Keep the window within the screen it is on (a first start, a smaller screen)."""
        screen = self.window.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
        frame = self.window.frameGeometry()
        if self.window.isMaximized() or available.contains(frame):
            return
        wanted = QSize(min(self.window.width(), DEFAULT_SIZE.width()),
                       min(self.window.height(), DEFAULT_SIZE.height()))
        self.window.setGeometry(fitted_geometry(available, wanted))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.apply(self.window.width())
        return False

    def apply(self, width: int) -> None:
        """Arrange the panels for a window ``width`` pixels wide (only when a threshold is
        crossed, so a reader's own choice holds while the width stays on its side), and
        give back a panel folded for want of room once there is room for it."""
        self._arrange(width)
        self._unfold_with_room()

    def _arrange(self, width: int) -> None:
        wide = width >= CORPUS_MIN_WIDTH
        narrow = width < NARROW_WIDTH
        if self._wide is None and self.restored is not None:
            self._wide, self._narrow = wide, narrow
            self.toggle_corpus.setChecked(self.restored.get("corpus", True))
            self.toggle_side.setChecked(self.restored.get("side", True))
            return
        if wide == self._wide and narrow == self._narrow:
            return
        self._wide, self._narrow = wide, narrow
        self._arranging = True
        try:
            self.toggle_corpus.setChecked(wide)
            self.corpus.setVisible(wide)
        finally:
            self._arranging = False
        # Sizes from the window's width, not the splitter's: before the first show the
        # splitter has none yet. QSplitter shares out any difference in proportion.
        corpus = CORPUS_WIDTH if wide else 0
        side = SIDE_NARROW_WIDTH if narrow else SIDE_WIDTH
        centre = max(width - corpus - side - 24, 1)
        self.splitter.setSizes([corpus, centre, side])

    def _unfold_with_room(self) -> None:
        """Show again the panels folded for want of room, when the window fits both (the
        reader who unfolded the corpus at 800 px and maximised again gets the codebook
        and the cards back, not a window that seems to have lost them)."""
        if not self._folded_for_room or not self._room_for_both():
            return
        folded, self._folded_for_room = self._folded_for_room, set()
        toggles = {"corpus": self.toggle_corpus, "side": self.toggle_side}
        for name in sorted(folded):
            toggles[name].setChecked(True)

    def _fold_for_room(self, name: str, toggle: QAction) -> None:
        self._folding_for_room = True
        try:
            toggle.setChecked(False)
        finally:
            self._folding_for_room = False
        if not toggle.isChecked():
            self._folded_for_room.add(name)

    def _note_choice(self, name: str) -> None:
        """A panel shown, or folded by the reader's hand: no longer one to give back."""
        if not self._folding_for_room:
            self._folded_for_room.discard(name)

    def _room_for_both(self) -> bool:
        """Whether the corpus and the side column fit beside a readable text."""
        side = SIDE_NARROW_WIDTH if self.window.width() < NARROW_WIDTH else SIDE_WIDTH
        return self.window.width() - CORPUS_WIDTH - side >= MIN_TEXT_WIDTH

    def _show_corpus(self, shown: bool) -> None:
        if shown and not self._arranging and self.side.isVisible() and not self._room_for_both():
            # In a narrow window the corpus takes the codebook column's place (Shift+F9
            # brings it back, folding the corpus): squeezed beside both, its titles and
            # telegram MRNs were cut after a few letters, and the text after a few words.
            self._fold_for_room("side", self.toggle_side)
        self._note_choice("corpus")
        self.corpus.setVisible(shown)
        if not shown:
            self._give_back("side")
        if self._arranging or not shown or not self.splitter.isVisible():
            return
        sizes = self.splitter.sizes()
        if len(sizes) == 3 and sizes[0] < CORPUS_WIDTH:
            # Unfolded by the reader: give it room for its titles, taken from the text.
            # (The sizes may still count a side column folded a moment ago.)
            side = sizes[2] if self.side.isVisibleTo(self.window) else 0
            total = sum(sizes)
            corpus = max(min(CORPUS_WIDTH, total - side - MIN_TEXT_WIDTH), sizes[0])
            self.splitter.setSizes([corpus, total - side - corpus, side])

    def _show_side(self, shown: bool) -> None:
        if shown and not self._arranging and self.corpus.isVisible() and not self._room_for_both():
            self._fold_for_room("corpus", self.toggle_corpus)
        self._note_choice("side")
        self.side.setVisible(shown)
        if not shown:
            self._give_back("corpus")

    def _give_back(self, name: str) -> None:
        """The panel ``name`` was folded to make room for the one just folded again: show
        it again (F9 twice at 800 px left the window with neither corpus nor codebook)."""
        if self._arranging or self._folding_for_room or name not in self._folded_for_room:
            return
        self._folded_for_room.discard(name)
        {"corpus": self.toggle_corpus, "side": self.toggle_side}[name].setChecked(True)
