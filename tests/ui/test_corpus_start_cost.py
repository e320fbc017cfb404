"""Filling the corpus at start does no filtering work that changes nothing: clearing a
filter that is not set neither refilters nor re-expands, and no row's filter text is made
until a filter reads it (both were a tenth of the window's start with five volumes)."""

from __future__ import annotations

import pytest

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from cable_annotator.ui.corpus.corpus_panel import CorpusPanel


@pytest.fixture
def volume_project(project, shared_corpus):
    import_files(project, [shared_corpus / "frus" / "frus1964-68v28.xml"])
    return project


def test_clearing_unset_filters_costs_nothing_and_texts_are_made_on_demand(qtbot,
                                                                           volume_project):
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.load(queries.list_cables(volume_project), queries.volume_titles(volume_project))
    panel.show()
    assert len(panel.model.cable_ids()) > 300
    assert panel.model._search_texts == {}, "no filter text made without a filter"
    changes = []
    panel.proxy.layoutChanged.connect(lambda *_: changes.append("layout"))
    panel.proxy.rowsRemoved.connect(lambda *_: changes.append("removed"))
    panel.proxy.modelReset.connect(lambda *_: changes.append("reset"))
    assert panel.proxy.set_allowed(None) is False
    assert panel.proxy.set_search([], None) is False
    assert panel.proxy.set_text("  ") is False
    panel.set_theme_filter(None, None)
    assert changes == []
    # a real filter still works, and clearing it shows everything again
    panel.filter_box.setText("Peru")
    shown = panel.visible_cable_ids()
    assert 0 < len(shown) < len(panel.model.cable_ids())
    assert panel.model._search_texts, "the filter read the rows' texts"
    panel.filter_box.setText("")
    assert len(panel.visible_cable_ids()) == len(panel.model.cable_ids())


def test_volume_titles_are_read_without_the_volumes(volume_project):
    titles = queries.volume_titles(volume_project)
    assert titles["frus1964-68v28"] == queries.load_volume(volume_project,
                                                           "frus1964-68v28").title
    assert set(titles) <= {summary.volume for summary in queries.list_cables(volume_project)}


def test_a_letter_typed_in_the_filter_remaps_the_tree_once(qtbot, volume_project):
    """One layout change per keystroke, never a removal or insertion per run of rows: the
    tree view relaid itself out for each run, and the first letters typed over a large
    corpus lagged the box behind the keys by a second (a new user's walkthrough)."""
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.load(queries.list_cables(volume_project), queries.volume_titles(volume_project))
    panel.show()
    changes = []
    for signal, name in ((panel.proxy.layoutChanged, "layout"),
                         (panel.proxy.rowsRemoved, "removed"),
                         (panel.proxy.rowsInserted, "inserted")):
        signal.connect(lambda *_args, name=name: changes.append(name))
    for text in ("T", "Te", "Tel", "Te", ""):
        changes.clear()
        panel.filter_box.setText(text)
        assert changes == ["layout"], (text, changes)
    panel.filter_box.setText("Tel")
    shown = panel.visible_cable_ids()
    assert shown and all("tel" in panel.model.search_text(c) for c in shown)


def test_the_search_note_counts_what_is_listed_after_the_filter_changes(qtbot, volume_project):
    """A search over a filtered list, then the filter cleared: the note counts the list
    shown (it kept "1 document matching" above 33 documents)."""
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.load(queries.list_cables(volume_project), queries.volume_titles(volume_project))
    panel.show()
    ids = panel.model.cable_ids()
    peru = [cable_id for cable_id in ids if "peru" in panel.model.search_text(cable_id)]
    found = set(ids[:30]) | set(peru[:3])
    panel.filter_box.setText("Peru")
    panel.set_search("“x”", [], found)
    narrowed = len(panel.visible_cable_ids())
    assert 0 < narrowed < len(found)
    assert panel.search_note.text().startswith(f"{narrowed} document")
    panel.filter_box.setText("")
    assert len(panel.visible_cable_ids()) == len(found)
    assert panel.search_note.text() == f"{len(found)} documents matching “x”"
