"""The annotation list model: rows, roles and minimal syncing."""

from __future__ import annotations

from dataclasses import replace

from cable_annotator.services import queries
from cable_annotator.ui.annotations.annotation_model import (
    ANNOTATION_ID_ROLE,
    LOCATION_ROLE,
    NOTE_ROLE,
    THEME_NAMES_ROLE,
    AnnotationListModel,
    make_rows,
)

from .ui_fixtures import SAMPLE_ID, annotate


def rows_of(project):
    cable = queries.load_cable(project, SAMPLE_ID)
    themes = {theme.id: theme for theme in queries.list_themes(project)}
    return make_rows(queries.annotations_of(project, SAMPLE_ID), {SAMPLE_ID: cable}, themes)


def test_rows_show_quote_page_paragraph_themes(qtmodeltester, project):
    first = annotate(project, "an arms race could ensue", ["Arms race", "Regional stability"],
                     note="Key sentence")
    model = AnnotationListModel()
    model.replace(rows_of(project))
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data(ANNOTATION_ID_ROLE) == first.id
    assert index.data(LOCATION_ROLE) == "pp. 780–781 · para 4"
    assert index.data(THEME_NAMES_ROLE) == ["Arms race", "Regional stability"]
    assert index.data(NOTE_ROLE) == "Key sentence"
    assert "“an arms race could ensue”" in index.data()


def test_sync_inserts_removes_and_updates_in_place(qtbot, qtmodeltester, project):
    late = annotate(project, "an arms race could ensue", ["Arms race"])
    model = AnnotationListModel()
    qtmodeltester.check(model)
    model.replace(rows_of(project))
    early = annotate(project, "Peruvian Purchase of Soviet Tanks", ["Arms sales"])
    with qtbot.waitSignal(model.rowsInserted):
        model.sync(rows_of(project))
    assert model.ids() == [early.id, late.id]
    rows = rows_of(project)
    rows[1] = replace(rows[1], theme_names=("Elsewhere",))
    with qtbot.waitSignal(model.dataChanged):
        model.sync(rows)
    assert model.index(1).data(THEME_NAMES_ROLE) == ["Elsewhere"]
    assert model.index(1).data(LOCATION_ROLE) == "pp. 780–781 · para 4"
    with qtbot.waitSignal(model.rowsRemoved):
        model.sync(rows[1:])
    assert model.ids() == [late.id]
