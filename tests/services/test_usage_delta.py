"""A change's usage delta keeps theme counts exact without counting the project again."""

from __future__ import annotations

from cable_annotator.services import annotating, codebook, queries
from tests.conftest import SAMPLE_ID


def _follow(usage: dict[int, int], change) -> dict[int, int]:
    delta = change.usage_delta()
    assert delta is not None, change.kind
    moved = dict(usage)
    for theme_id, step in delta.items():
        moved[theme_id] = moved.get(theme_id, 0) + step
    return {theme_id: count for theme_id, count in moved.items() if count}


def test_deltas_follow_every_single_annotation_edit(project):
    a, b, c = (theme.id for theme in queries.list_themes(project)[:3])
    usage = queries.theme_usage(project)
    steps = []
    added = annotating.create_annotation(project, SAMPLE_ID, "body", 0, 20, [a, b])
    steps.append(added)
    changed = annotating.update_annotation(project, added.annotation.id, theme_ids=[b, c])
    steps.append(changed)
    steps.append(annotating.update_annotation(project, added.annotation.id, note="only a note"))
    removed = annotating.delete_annotation(project, added.annotation.id)
    steps.append(removed)
    restored = annotating.restore_annotation(project, removed.before)
    steps.append(restored)
    # restoring over the annotation still stored (a redo racing another window): no +1
    steps.append(annotating.restore_annotation(project, restored.annotation, expected=None))
    for change in steps:
        usage = _follow(usage, change)
    assert usage == queries.theme_usage(project) == {b: 1, c: 1}


def test_changes_of_many_annotations_ask_for_a_recount(project):
    a, b = (theme.id for theme in queries.list_themes(project)[:2])
    annotating.create_annotation(project, SAMPLE_ID, "body", 0, 20, [a])
    annotating.create_annotation(project, SAMPLE_ID, "body", 30, 50, [a])
    merged = codebook.merge_themes(project, a, b)
    assert merged.usage_delta() is None
