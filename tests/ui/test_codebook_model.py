"""The codebook model: tree, shortcuts, usage, and edits turned into requests."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt

from cable_annotator.domain.annotation import Theme
from cable_annotator.services import queries
from cable_annotator.ui.codebook.codebook_model import (
    SHORTCUT_ROLE,
    THEME_ID_ROLE,
    USAGE_ROLE,
    CodebookModel,
)

from .ui_fixtures import annotate


def themes_tree() -> list[Theme]:
    return [Theme(1, "Arms", "#ff0000", None, position=0),
            Theme(2, "Tanks", "#00ff00", 1, position=1),
            Theme(3, "Fish", "#0000ff", None, position=2)]


def test_tree_shortcuts_and_usage(qtmodeltester, qapp):
    model = CodebookModel()
    model.load(themes_tree(), {1: 2, 3: 1})
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    arms = model.index(0, 0)
    assert arms.data() == "Arms" and arms.data(SHORTCUT_ROLE) == "1"
    tanks = model.index(0, 0, arms)
    assert tanks.data() == "Tanks" and tanks.data(SHORTCUT_ROLE) == "2"
    assert model.index(1, 0).data(SHORTCUT_ROLE) == "3"
    assert model.index(0, 1).data() == "2" and model.index(1, 1).data() == "1"
    model.set_usage({1: 5})
    assert model.index(0, 1).data() == "5"
    assert model.index(1, 0).data(USAGE_ROLE) == 0


def test_rename_and_drop_become_requests(qtbot, qapp):
    model = CodebookModel()
    model.load(themes_tree(), {})
    with qtbot.waitSignal(model.renameRequested) as renamed:
        assert model.setData(model.index(1, 0), "Fisheries") is False
    assert renamed.args == [3, "Fisheries"]
    assert model.index(1, 0).data() == "Fish"  # unchanged until the store says so

    data = model.mimeData([model.index(1, 0)])
    with qtbot.waitSignal(model.reparentRequested) as moved:
        model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    assert moved.args == [3, 1]
    # A theme cannot be dropped under its own descendant.
    arms = model.mimeData([model.index(0, 0)])
    tanks = model.index(0, 0, model.index(0, 0))
    assert not model.canDropMimeData(arms, Qt.DropAction.MoveAction, -1, -1, tanks)
    assert not model.canDropMimeData(QMimeData(), Qt.DropAction.MoveAction, -1, -1, tanks)


def test_loads_the_default_codebook(qtmodeltester, project):
    annotate(project, "an arms race could ensue", ["Arms race"])
    model = CodebookModel()
    model.load(queries.list_themes(project), queries.theme_usage(project))
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert first.data() == "Arms race"
    assert first.data(THEME_ID_ROLE) == queries.find_theme(project, "Arms race").id
    assert first.data(USAGE_ROLE) == 1
