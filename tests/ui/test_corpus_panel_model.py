"""The corpus tree model and its filter, on a real project, without a window."""

from __future__ import annotations

from cable_annotator.services import queries
from cable_annotator.ui.corpus.corpus_model import (
    CABLE_ID_ROLE,
    COUNT_ROLE,
    CorpusFilter,
    CorpusModel,
    volume_label,
)
from cable_annotator.ui.corpus.corpus_panel import CorpusPanel

from .ui_fixtures import SAMPLE_ID, annotate


def test_volume_label_is_short_for_frus_ids():
    assert volume_label("frus1969-76ve11p2") == "FRUS 1969–1976, vol. E–11, pt. 2"
    assert volume_label("my-cables", "My cables") == "My cables"


def test_model_lists_volumes_then_cables_with_counts(qtmodeltester, project):
    annotate(project, "an arms race could ensue", ["Arms race"])
    model = CorpusModel()
    model.load(queries.list_cables(project))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    volume = model.index(0, 0)
    assert volume.data() == "FRUS 1969–1976, vol. E–11, pt. 2"
    cable = model.index(0, 0, volume)
    assert cable.data(CABLE_ID_ROLE) == SAMPLE_ID
    assert cable.data().startswith("293  Telegram 16696")
    assert cable.data(COUNT_ROLE) == 1
    assert model.index(0, 1, volume).data() == "1"
    model.set_count(SAMPLE_ID, 4)
    assert model.index(0, 1, volume).data() == "4"
    assert model.index_of(SAMPLE_ID) == cable


def test_filter_by_text_and_by_allowed_ids(qtmodeltester, project):
    model = CorpusModel()
    model.load(queries.list_cables(project))
    proxy = CorpusFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("soviet")  # not in the title: nothing
    assert proxy.rowCount() == 0
    proxy.set_text("telegram peru")
    assert proxy.rowCount() == 1
    proxy.set_text("293")
    assert proxy.rowCount(proxy.index(0, 0)) == 1
    proxy.set_text("")
    proxy.set_allowed(set())
    assert proxy.rowCount() == 0
    proxy.set_allowed({SAMPLE_ID})
    assert proxy.rowCount() == 1
    proxy.set_allowed(None)
    assert proxy.rowCount() == 1


def test_panel_emits_activation_and_filters(qtbot, project):
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.load(queries.list_cables(project))
    assert panel.tree.objectName() == "corpusTree"
    assert panel.visible_cable_ids() == [SAMPLE_ID]
    qtbot.keyClicks(panel.filter_box, "tanks?")
    assert panel.visible_cable_ids() == []
    panel.filter_box.clear()
    assert panel.visible_cable_ids() == [SAMPLE_ID]
    volume = panel.proxy.index(0, 0)
    with qtbot.waitSignal(panel.cableActivated) as blocker:
        panel.tree.setCurrentIndex(panel.proxy.index(0, 0, volume))
    assert blocker.args == [SAMPLE_ID]


def test_tooltips_and_filter_text_are_made_for_the_row_asked_about(qtbot, project):
    """No row stores its tooltip or filter text; the panel makes them when asked."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 600)
    panel.show()
    panel.load(queries.list_cables(project))
    assert panel.model.search_text(SAMPLE_ID).startswith("293 telegram 16696")
    assert panel.model.search_text(SAMPLE_ID).endswith(SAMPLE_ID)
    viewport = panel.tree.viewport()
    cable_row = panel.tree.visualRect(panel.proxy.mapFromSource(panel.model.index_of(SAMPLE_ID)))
    at = cable_row.center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at,
                                                viewport.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    lines = QToolTip.text().splitlines()
    assert lines[0] == "Telegram 16696 From the Department of State to the Embassy in Peru"
    assert lines[-1] == SAMPLE_ID
    QToolTip.hideText()
    volume_row = panel.tree.visualRect(panel.proxy.index(0, 0)).center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, volume_row,
                                                viewport.mapToGlobal(volume_row)))
    assert QToolTip.text().endswith("1 document")
