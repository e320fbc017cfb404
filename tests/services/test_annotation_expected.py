"""Undo and redo write only over what they last wrote: ``expected`` makes a service call
refuse (ChangedElsewhere) and write nothing when the stored annotation moved on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cable_annotator.services import annotating, queries
from cable_annotator.services.annotating import ChangedElsewhere

SAMPLE_ID = "frus1969-76ve11p2/d293"


@pytest.fixture
def made(project):
    text = queries.load_cable(project, SAMPLE_ID).text
    start = text.index("an arms race could ensue")
    theme = queries.find_theme(project, "Arms race").id
    return annotating.create_annotation(project, SAMPLE_ID, "body", start, start + 24,
                                        [theme]).annotation


def stored(project, annotation_id):
    return queries.annotations_by_id(project, [annotation_id])


def test_update_refuses_over_a_note_written_elsewhere(project, made):
    annotating.update_annotation(project, made.id, note="written elsewhere")
    with pytest.raises(ChangedElsewhere):
        annotating.update_annotation(project, made.id, note="", expected=made)
    assert stored(project, made.id)[0].note == "written elsewhere"
    # Expecting what is really there goes through, whatever the modified time says.
    current = stored(project, made.id)[0]
    annotating.update_annotation(project, made.id, note="mine",
                                 expected=replace(current, modified="2000-01-01T00:00:00"))
    assert stored(project, made.id)[0].note == "mine"


def test_delete_refuses_a_changed_or_vanished_annotation(project, made):
    annotating.update_annotation(project, made.id, theme_ids=[])
    with pytest.raises(ChangedElsewhere):
        annotating.delete_annotation(project, made.id, expected=made)
    assert stored(project, made.id)
    annotating.delete_annotation(project, made.id)
    with pytest.raises(ChangedElsewhere):
        annotating.delete_annotation(project, made.id, expected=made)


def test_restore_refuses_to_overwrite_a_different_annotation(project, made):
    with pytest.raises(ChangedElsewhere):
        annotating.restore_annotation(project, replace(made, note="old"), expected=None)
    assert stored(project, made.id)[0].note == ""
    annotating.restore_annotation(project, made, expected=None)  # identical: fine
    annotating.delete_annotation(project, made.id)
    annotating.restore_annotation(project, made, expected=None)
    assert stored(project, made.id)[0].quote == "an arms race could ensue"


def test_a_note_written_over_another_note_than_the_stored_one_is_refused(project, made):
    """``expected_note``: only the note counts (a theme changed meanwhile does not), and
    the refusal carries the stored note for the reader to choose from."""
    from cable_annotator.services.annotating import NoteChangedElsewhere

    annotating.update_annotation(project, made.id, note="from window A")
    with pytest.raises(NoteChangedElsewhere) as refused:
        annotating.update_annotation(project, made.id, note="from window B", expected_note="")
    assert refused.value.stored == "from window A"
    assert stored(project, made.id)[0].note == "from window A"
    fisheries = queries.find_theme(project, "Fisheries").id
    annotating.update_annotation(project, made.id, theme_ids=[fisheries])
    annotating.update_annotation(project, made.id, note="B, over A's",
                                 expected_note="from window A")
    assert stored(project, made.id)[0].note == "B, over A's"
