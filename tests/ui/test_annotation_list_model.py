"""The annotation list model: rows, roles, minimal changes, and long lists."""

from __future__ import annotations

from dataclasses import replace

from cable_annotator.domain.annotation import Annotation
from cable_annotator.domain.cable import BODY, Cable
from cable_annotator.services import queries
from cable_annotator.ui.annotations.annotation_list import AnnotationListPanel
from cable_annotator.ui.annotations.annotation_model import (
    ANNOTATION_ID_ROLE,
    LOCATION_ROLE,
    NOTE_ROLE,
    THEME_NAMES_ROLE,
    AnnotationListModel,
    describe_location,
    short_volume,
)

from .ui_fixtures import SAMPLE_ID, annotate


def show(model, project, with_document=False):
    cable = queries.load_cable(project, SAMPLE_ID)
    themes = {theme.id: theme for theme in queries.list_themes(project)}
    model.show(queries.annotations_of(project, SAMPLE_ID), {SAMPLE_ID: cable}, themes,
               with_document=with_document)
    return cable, themes


def test_rows_show_quote_page_paragraph_themes(qtmodeltester, project):
    first = annotate(project, "an arms race could ensue", ["Arms race", "Regional stability"],
                     note="Key sentence")
    model = AnnotationListModel()
    show(model, project)
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data(ANNOTATION_ID_ROLE) == first.id
    assert index.data(LOCATION_ROLE) == "pp. 780–781 · para 4"
    assert index.data(THEME_NAMES_ROLE) == ["Arms race", "Regional stability"]
    assert index.data(NOTE_ROLE) == "Key sentence"
    assert "“an arms race could ensue”" in index.data()
    assert model.annotation(0) == first
    assert model.itemData(index)[ANNOTATION_ID_ROLE] == first.id  # not the bare id string
    assert model.itemData(index)[0] == index.data()
    assert model.row_of(first.id) == 0 and model.row_of("nothing") == -1


def test_show_inserts_removes_and_updates_in_place(qtbot, qtmodeltester, project):
    late = annotate(project, "an arms race could ensue", ["Arms race"])
    model = AnnotationListModel()
    qtmodeltester.check(model)
    cable, themes = show(model, project)
    early = annotate(project, "Peruvian Purchase of Soviet Tanks", ["Arms sales"])
    with qtbot.waitSignal(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        show(model, project)
    assert model.ids() == [early.id, late.id]
    assert model.index(0).data(ANNOTATION_ID_ROLE) == early.id
    annotations = queries.annotations_of(project, SAMPLE_ID)
    annotations[1] = replace(annotations[1], note="Rewritten")
    with qtbot.waitSignal(model.dataChanged) as changed, \
            qtbot.assertNotEmitted(model.modelReset):
        model.show(annotations, {SAMPLE_ID: cable}, themes)
    assert changed.args[0].row() == 1
    assert model.index(1).data(NOTE_ROLE) == "Rewritten"
    assert model.index(1).data(LOCATION_ROLE) == "pp. 780–781 · para 4"
    with qtbot.waitSignal(model.rowsRemoved), qtbot.assertNotEmitted(model.modelReset):
        model.show(annotations[1:], {SAMPLE_ID: cable}, themes)
    assert model.ids() == [late.id]
    renamed = {i: replace(t, name=t.name.upper()) for i, t in themes.items()}
    with qtbot.waitSignal(model.modelReset):  # another codebook: every row again
        model.show(annotations[1:], {SAMPLE_ID: cable}, renamed)
    assert model.index(0).data(THEME_NAMES_ROLE) == ["ARMS RACE"]


def test_all_documents_cards_name_the_volume_and_the_document(project):
    annotate(project, "an arms race could ensue", ["Arms race"])
    model = AnnotationListModel()
    show(model, project, with_document=True)
    assert model.index(0).data(LOCATION_ROLE) == (
        "FRUS 1969–76 E–11 pt. 2, doc. 293 · pp. 780–781 · para 4")
    # Two volumes XII (1961–63 and 1969–76): the card tells them apart.
    text = "Some text of a document."
    note = Annotation("a", "", BODY, 0, 4, "Some")
    for volume, expected in (("frus1961-63v12", "FRUS 1961–63 XII, doc. 12"),
                             ("frus1969-76v12", "FRUS 1969–76 XII, doc. 12"),
                             ("frus1964-68v28", "FRUS 1964–68 XXVIII, doc. 12")):
        cable = Cable(id=f"{volume}/d12", volume=volume, number="12", title="T", text=text)
        assert describe_location(cable, replace(note, cable_id=cable.id), True) == expected
    assert short_volume("pasted") == "pasted"
    cable = Cable(id="pasted/d1", volume="pasted", number="", title="T", text=text)
    assert describe_location(cable, replace(note, cable_id=cable.id), True) == "pasted, “T”"
    # Imported without a volume and without a number (the trial's card said only "Arms
    # race · by root"): its title, cut at a word, and its date say which document it is.
    cable = Cable(id="unknown/quiet", volume="", number="",
                  title="Memorandum of Conversation on the Quiet Diplomacy of the Embassy "
                        "in Vientiane", text=text, date="1962-07-23")
    assert describe_location(cable, replace(note, cable_id=cable.id), True) == (
        "“Memorandum of Conversation on the Quiet…”, July 23, 1962")


def test_a_new_card_among_thousands_is_scrolled_into_view(qtbot, project):
    """Adding one annotation to a long list inserts one row (no reset) and the list can
    show the new card at once (a batched layout used to leave ``scrollTo`` doing nothing)."""
    panel = AnnotationListPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 500)
    panel.show()
    qtbot.waitExposed(panel)
    cable = queries.load_cable(project, SAMPLE_ID)
    themes = {theme.id: theme for theme in queries.list_themes(project)}
    theme = next(iter(themes))
    many = [Annotation(f"a{n:05d}", SAMPLE_ID, BODY, n % 50, n % 50 + 5, "quote",
                       theme_ids=[theme]) for n in range(5000)]
    panel.model.show(many, {SAMPLE_ID: cable}, themes)
    new = replace(many[0], id="new", start=20, end=40)
    grown = [*many[:3000], new, *many[3000:]]
    with qtbot.waitSignal(panel.model.rowsInserted), \
            qtbot.assertNotEmitted(panel.model.modelReset):
        panel.model.show(grown, {SAMPLE_ID: cable}, themes)
    panel.select_annotation("new")
    view = panel.view
    assert panel.current_annotation_id() == "new"
    assert view.visualRect(panel.model.index(3000)).intersects(view.viewport().rect())
    assert panel.title.text() == "In this cable (5001)"
