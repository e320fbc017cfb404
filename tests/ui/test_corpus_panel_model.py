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


def summary(volume: str, number: str, count: int = 0) -> queries.CableSummary:
    return queries.CableSummary(f"{volume}/d{number}", volume, number, f"Telegram {number}",
                                "1964-01-02", "telegram", count)


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
    assert panel.model.search_text(SAMPLE_ID).endswith(" d293")  # its own part of the id
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


def test_model_of_several_volumes_answers_qt_and_reloads(qtmodeltester):
    """Two volumes, their cables in order, a volume's tooltip with its size, and a reload
    that drops what is gone (the model is our own, not Qt's item model)."""
    model = CorpusModel()
    model.load([summary("frus1961-63v12", "1"), summary("frus1961-63v12", "2", 3),
                summary("frus1964-68v28", "7")], {"frus1961-63v12": "American Republics"})
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 2
    first, second = model.index(0, 0), model.index(1, 0)
    assert model.rowCount(first) == 2 and model.rowCount(second) == 1
    assert model.rowCount(model.index(0, 1)) == 0  # only the name column has children
    assert "American Republics" in model.tooltip(first) and "2 documents" in model.tooltip(first)
    cable = model.index_of("frus1961-63v12/d2")
    assert cable.parent() == first and cable.row() == 1
    assert cable.siblingAtColumn(1).data() == "3"
    assert model.cable_ids() == ["frus1961-63v12/d1", "frus1961-63v12/d2", "frus1964-68v28/d7"]
    model.load([summary("frus1964-68v28", "7")])
    qtmodeltester.check(model)
    assert model.cable_ids() == ["frus1964-68v28/d7"]
    assert not model.index_of("frus1961-63v12/d2").isValid()
    assert model.index_of("frus1964-68v28/d7").parent().data() == "FRUS 1964–1968, vol. XXVIII"


def test_the_count_column_fits_its_widest_number(qtbot):
    """The count column is sized from the font, not by asking every row: a count of five
    digits is shown whole, and a count that grows past the width widens the column."""
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 400)
    panel.show()
    panel.load([summary("frus1964-68v28", "1", 7), summary("frus1964-68v28", "2", 3)])
    header, metrics = panel.tree.header(), panel.tree.fontMetrics()
    narrow = header.sectionSize(1)
    assert narrow >= metrics.horizontalAdvance("00")
    panel.set_count("frus1964-68v28/d2", 12345)
    assert header.sectionSize(1) > narrow
    assert header.sectionSize(1) >= metrics.horizontalAdvance("12345") + 4
    index = panel.proxy.mapFromSource(panel.model.index_of("frus1964-68v28/d2"))
    shown = panel.tree.visualRect(index.siblingAtColumn(1))
    assert shown.width() >= metrics.horizontalAdvance("12345")
    assert index.siblingAtColumn(1).data() == "12345"


def test_the_filter_matches_a_document_not_its_volume_s_id(qtbot):
    """"12" finds doc. 120 of vol. XII, not every document of the volume through the
    "v12" in their ids; "d2" still finds doc. 2 by its own id."""
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.load([summary("frus1961-63v12", n) for n in ("1", "2", "120")])
    panel.filter_box.setText("12")
    assert panel.visible_cable_ids() == ["frus1961-63v12/d120"]
    panel.filter_box.setText("d2")
    assert panel.visible_cable_ids() == ["frus1961-63v12/d2"]


def test_pages_of_volumes_without_printed_numbers_are_told_apart_by_their_date():
    from cable_annotator.ui.corpus.corpus_model import document_label

    title = "The Ambassador in Russia (Francis) to the Secretary of State"
    first = queries.CableSummary("frus1918Russiav01/x1", "frus1918Russiav01", "", title,
                                 "1918-01-05", "telegram", 0)
    second = queries.CableSummary("frus1918Russiav01/x2", "frus1918Russiav01", "", title,
                                  "1918-01-07", "telegram", 0)
    assert document_label(first) == f"–  Jan. 5, 1918  {title}"
    assert document_label(first) != document_label(second)
    # A 1949 document has its website number but printed none: the date comes first too.
    old = queries.CableSummary("frus1949v07p1/d1", "frus1949v07p1", "1", title,
                               "1949-01-14", "telegram", 0)
    assert document_label(old) == f"1  Jan. 14, 1949  {title}"
    later = queries.CableSummary("frus1964-68v28/d1", "frus1964-68v28", "1", "Telegram",
                                 "1964-01-14", "telegram", 0)
    assert document_label(later) == "1  Telegram"
