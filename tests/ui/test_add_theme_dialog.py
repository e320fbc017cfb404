"""Codebook → Add Theme: a dialog whose title fits, and the theme it names is added."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from cable_annotator.services import queries
from cable_annotator.ui.codebook.theme_dialogs import AddThemeDialog
from cable_annotator.ui.common.dialog_sizing import title_width

from .window_helpers import open_window


def test_add_theme_asks_in_a_dialog_wide_enough_for_its_title(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    seen = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddThemeDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append((dialog.windowTitle(), dialog.width(), dialog.minimumWidth()))
        dialog.name.setText("Nuclear proliferation")
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.codebook.ask_add()
    [(title, width, minimum)] = seen
    assert title == "Add Theme"
    assert width >= title_width(title) and minimum >= title_width(title)
    assert "Nuclear proliferation" in [theme.name for theme in queries.list_themes(project)]
