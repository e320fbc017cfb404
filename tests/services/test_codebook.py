"""The codebook: add, rename, re-parent, merge and delete themes, each undoable."""

from __future__ import annotations

import pytest

from cable_annotator.services.annotating import annotate_quote
from cable_annotator.services.codebook import (
    CodebookError,
    add_theme,
    delete_theme,
    merge_themes,
    restore_snapshot,
    restore_theme,
    update_theme,
)
from cable_annotator.services.queries import annotations_of, find_theme, list_themes

CABLE = "frus1969-76ve11p2/d293"


def test_add_child_theme_and_path_lookup(project) -> None:
    parent = find_theme(project, "Arms sales")
    child = add_theme(project, "Tanks", color="#123456", parent_id=parent.id).theme
    assert find_theme(project, "Arms sales/Tanks").id == child.id
    assert list_themes(project)[-1].name == "Tanks"
    with pytest.raises(CodebookError, match="already a theme"):
        add_theme(project, "tanks", parent_id=parent.id)
    with pytest.raises(CodebookError, match="'/'"):
        add_theme(project, "A/B")
    with pytest.raises(CodebookError, match="';'"):
        add_theme(project, "Cyprus; Turkey")
    with pytest.raises(CodebookError, match="at most"):
        add_theme(project, "x" * 500)


def test_rename_recolour_and_undo(project) -> None:
    theme = find_theme(project, "Fisheries")
    change = update_theme(project, theme.id, name="Fisheries and the sea", color="#000000")
    assert find_theme(project, "Fisheries and the sea").color == "#000000"
    restore_theme(project, change.snapshot)
    assert find_theme(project, "Fisheries").color == theme.color


def test_reparenting_under_own_child_is_refused(project) -> None:
    parent = find_theme(project, "Arms sales")
    child = add_theme(project, "Tanks", parent_id=parent.id).theme
    with pytest.raises(CodebookError, match="own sub-theme"):
        update_theme(project, parent.id, parent_id=child.id)


def test_merge_moves_annotations_and_undo_restores(project) -> None:
    arms_race, arms_sales = find_theme(project, "Arms race"), find_theme(project, "Arms sales")
    a = annotate_quote(project, CABLE, "arms race could ensue", [arms_race.id]).annotation
    b = annotate_quote(project, CABLE, "Soviet arms", [arms_race.id, arms_sales.id]).annotation
    change = merge_themes(project, arms_race.id, arms_sales.id)
    assert change.annotation_ids == {a.id, b.id} and change.cable_ids == {CABLE}
    stored = {x.id: x.theme_ids for x in annotations_of(project, CABLE)}
    assert stored == {a.id: [arms_sales.id], b.id: [arms_sales.id]}
    assert "Arms race" not in [t.name for t in list_themes(project)]
    restore_snapshot(project, change.snapshot)
    stored = {x.id: sorted(x.theme_ids) for x in annotations_of(project, CABLE)}
    assert stored == {a.id: [arms_race.id], b.id: sorted([arms_race.id, arms_sales.id])}
    assert find_theme(project, "Arms race").id == arms_race.id


def test_delete_keeps_annotations_and_undo_restores(project) -> None:
    fisheries = find_theme(project, "Fisheries")
    a = annotate_quote(project, CABLE, "fisheries dispute", [fisheries.id]).annotation
    change = delete_theme(project, fisheries.id)
    (kept,) = annotations_of(project, CABLE)
    assert kept.id == a.id and kept.theme_ids == []
    restore_snapshot(project, change.snapshot)
    assert annotations_of(project, CABLE)[0].theme_ids == [fisheries.id]


def test_delete_with_reassignment(project) -> None:
    fisheries, bilateral = find_theme(project, "Fisheries"), find_theme(
        project, "Bilateral relations")
    annotate_quote(project, CABLE, "fisheries dispute", [fisheries.id])
    delete_theme(project, fisheries.id, reassign_to=bilateral.id)
    assert annotations_of(project, CABLE)[0].theme_ids == [bilateral.id]


def test_colours_must_be_colours(project) -> None:
    with pytest.raises(CodebookError, match="not a colour"):
        add_theme(project, "Oil", color="notacolor")
    theme = add_theme(project, "Oil", color="#ABC").theme
    assert theme.color == "#abc"
    with pytest.raises(CodebookError, match="not a colour"):
        update_theme(project, theme.id, color="red; drop table")
    assert find_theme(project, "Oil").color == "#abc"


def test_delete_cannot_reassign_to_itself(project) -> None:
    fisheries = find_theme(project, "Fisheries")
    with pytest.raises(CodebookError, match="same theme"):
        delete_theme(project, fisheries.id, reassign_to=fisheries.id)
    assert find_theme(project, "Fisheries").id == fisheries.id
