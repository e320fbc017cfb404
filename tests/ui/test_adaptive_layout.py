"""The window follows its width: side panels fold, notes move below, the first window fits."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from cable_annotator.ui.window.adaptive_layout import (
    CORPUS_MIN_WIDTH,
    SCREEN_SHARE,
    fitted_geometry,
)

from .ui_fixtures import settings_file


def test_fitted_geometry_is_centred_within_the_screen() -> None:
    screen = QRect(0, 0, 1024, 700)
    rect = fitted_geometry(screen)
    assert screen.contains(rect)
    assert rect.width() == int(1024 * SCREEN_SHARE) and rect.height() == int(700 * SCREEN_SHARE)
    assert abs(rect.center().x() - screen.center().x()) <= 1
    big = fitted_geometry(QRect(0, 0, 3840, 2160))
    assert (big.width(), big.height()) == (1600, 1000)


def test_first_window_fits_a_small_screen_and_folds_the_corpus(qtbot, project, tmp_path) -> None:
    from cable_annotator.ui.window.main_window import MainWindow

    window = MainWindow(project, settings_file(tmp_path))  # no saved geometry: a first start
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    assert window.width() < CORPUS_MIN_WIDTH
    assert not window.corpus.isVisible()
    toolbar = window.findChild(QToolBar, "mainToolbar")
    button = toolbar.widgetForAction(window.adaptive_layout.toggle_corpus)
    assert button.text() == "Corpus" and not button.isChecked(), "the button says where it went"
    # F9 brings the corpus back; the reader's choice holds while the width stays.
    QTest.keyClick(window, Qt.Key.Key_F9)
    assert window.corpus.isVisible() and button.isChecked()
    assert window.main_splitter.sizes()[0] >= 180
    window.resize(available.width() - 20, window.height())
    assert window.corpus.isVisible()


def test_wide_window_shows_every_panel_and_notes_beside(qtbot, project, tmp_path) -> None:
    from cable_annotator.ui.window.main_window import MainWindow

    window = MainWindow(project, settings_file(tmp_path))
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1600, 1000)
    assert window.corpus.isVisible() and window.side_splitter.isVisible()
    assert window.main_splitter.sizes()[0] >= 300, "long FRUS titles need room"
    assert window.reading.notes_beside()
    window.resize(780, 560)
    qtbot.waitUntil(lambda: not window.corpus.isVisible())
    assert not window.reading.notes_beside()
    text = window.reading.cable_text()
    assert text.column_width() <= text.viewport().width()
