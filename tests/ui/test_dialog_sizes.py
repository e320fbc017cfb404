"""Dialogs sized to what they say: titles a title bar shows whole, a merge report no
larger than its lines, conflicts with room for their cards."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QLabel

from cable_annotator.services import queries
from cable_annotator.storage.project import Project
from cable_annotator.ui.codebook.theme_dialogs import DeleteThemeDialog, MergeThemeDialog
from cable_annotator.ui.common.dialog_sizing import title_width
from cable_annotator.ui.desktop.about_dialog import AboutDialog
from cable_annotator.ui.jobs.import_export import ExportCsvDialog
from cable_annotator.ui.jobs.text_import_dialog import TextImportDialog
from cable_annotator.ui.window.preferences_dialog import PreferencesDialog
from tests.services.test_merging import base, two_copies  # noqa: F401 (fixtures)

from .window_helpers import open_window


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _labels_inside(dialog) -> None:
    """Every label of the dialog is laid out whole inside it (nothing cut off)."""
    for label in dialog.findChildren(QLabel):
        if not label.isVisibleTo(dialog) or not label.text():
            continue
        rect = label.geometry()
        rect.moveTopLeft(label.mapTo(dialog, label.rect().topLeft()))
        assert dialog.rect().contains(rect), (label.text()[:40], rect, dialog.rect())
        needed = label.heightForWidth(label.width()) if label.wordWrap() else \
            label.sizeHint().height()
        assert label.height() >= needed - 1, (label.text()[:40], label.height(), needed)


def test_every_dialog_is_wide_enough_for_its_title(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    themes = queries.list_themes(project)
    dialogs = [PreferencesDialog(window), MergeThemeDialog(themes[0], themes, window),
               DeleteThemeDialog(themes[0], 3, themes, window),
               TextImportDialog(window, 2, "a FRUS page", ["a.txt", "b.txt"]),
               ExportCsvDialog(tmp_path / "out.csv", window), AboutDialog(window),
               window.build_merge_dialog("Nothing to merge.", [], [])]
    for dialog in dialogs:
        _shown(qtbot, dialog)
        assert dialog.width() >= title_width(dialog.windowTitle()), dialog.windowTitle()
        _labels_inside(dialog)


def test_title_width_grows_with_the_title(qapp):
    assert title_width("Preferences") < title_width("Preferences of a much longer kind")
    assert title_width("Preferences") > 150  # the title bar's buttons and icon too


def test_a_merge_report_without_conflicts_is_small_and_whole(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    details = ["Documents added: frus1969-76ve11p2/d299", "Themes added: Oil"]
    dialog = _shown(qtbot, window.build_merge_dialog(
        "Merged ben.cableproj: 3 annotations added, 1 changed, 0 deleted.", details, []))
    assert dialog.width() <= 520 and dialog.height() <= 260, dialog.size()
    _labels_inside(dialog)


def test_a_merge_with_conflicts_shows_its_cards_whole(qtbot, two_copies, tmp_path):  # noqa: F811
    ana_path, ben_path, *_ = two_copies
    mine = tmp_path / "mine.cableproj"
    shutil.copyfile(ana_path, mine)
    project = Project.open(Path(mine))
    window = open_window(qtbot, project, tmp_path)
    with qtbot.waitSignal(window.mergeFinished, timeout=60000) as merged:
        assert window.merge_project_file(ben_path, show_dialog=False)
    report = merged.args[0]
    dialog = _shown(qtbot, window.build_merge_dialog(report.summary(), [], report.conflicts))
    assert len(dialog.cards) == 2
    assert dialog.width() >= 640
    for card in dialog.cards:  # both cards in view without scrolling, none cut
        top_left = card.mapTo(dialog, card.rect().topLeft())
        bottom_right = card.mapTo(dialog, card.rect().bottomRight())
        assert dialog.rect().contains(top_left) and dialog.rect().contains(bottom_right), (
            top_left, bottom_right, dialog.size())
        for button in card.buttons.values():
            assert button.isVisible()
    project.close()
