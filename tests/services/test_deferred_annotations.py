"""The window's annotations of a cable: outlines first, words read when asked for."""

from __future__ import annotations

import dataclasses

import pytest

from cable_annotator.services import deferred_annotations
from cable_annotator.services.annotating import (
    create_annotation,
    delete_annotation,
    update_annotation,
)
from cable_annotator.services.deferred_annotations import deferred_annotations_of
from cable_annotator.services.queries import annotations_of, find_theme, load_cable

CABLE = "frus1969-76ve11p2/d293"


@pytest.fixture
def annotated(project):
    """The sample with 24 annotations over its body and one in its first footnote."""
    text = load_cable(project, CABLE).text
    themes = [find_theme(project, "Arms race").id]
    starts = [n for n in range(0, len(text) - 40, len(text) // 24)][:24]
    for number, start in enumerate(starts):
        create_annotation(project, CABLE, "body", start, start + 30, themes,
                          note=f"note {number}")
    cable = load_cable(project, CABLE)
    note = cable.footnotes[0]
    create_annotation(project, CABLE, note.part, 0, 10, themes, note="in a footnote")
    return project


def _unread(annotations) -> list[str]:
    return [a.id for a in annotations if "quote" not in vars(a)]


def test_deferred_annotations_equal_those_read_whole_in_the_same_order(annotated) -> None:
    whole = annotations_of(annotated, CABLE)
    deferred, _ = deferred_annotations_of(annotated, CABLE)
    assert len(whole) == 25
    assert [a.id for a in deferred] == [a.id for a in whole]  # body first, then the note
    assert deferred == whole and whole == deferred  # both ways round
    assert [a.note for a in deferred][:2] == ["note 0", "note 1"]


def test_words_are_read_around_the_one_asked_for(annotated, monkeypatch) -> None:
    monkeypatch.setattr(deferred_annotations, "BATCH", 4)
    monkeypatch.setattr(deferred_annotations, "BEHIND", 1)
    deferred, words = deferred_annotations_of(annotated, CABLE)
    assert len(_unread(deferred)) == 25  # nothing but the outline yet
    assert deferred[10].start < deferred[10].end and deferred[10].theme_ids  # no read
    assert len(_unread(deferred)) == 25
    assert deferred[10].quote == load_cable(annotated, CABLE).text[
        deferred[10].start:deferred[10].end]
    read = {a.id for a in deferred} - set(_unread(deferred))
    assert read == {a.id for a in deferred[9:14]}  # one behind, three ahead
    assert not words.complete


def test_read_some_completes_every_annotation(annotated) -> None:
    deferred, words = deferred_annotations_of(annotated, CABLE)
    assert words.read_some(count=10) is False
    assert len(_unread(deferred)) == 15
    while not words.read_some(count=10):
        pass
    assert _unread(deferred) == [] and words.complete
    assert deferred == annotations_of(annotated, CABLE)


def test_an_annotation_deleted_before_its_words_are_read_reads_empty(annotated) -> None:
    deferred, words = deferred_annotations_of(annotated, CABLE)
    delete_annotation(annotated, deferred[3].id)
    assert deferred[3].quote == "" and deferred[3].note == ""
    assert deferred[4].note == "note 4"  # its neighbours are read as they are


def test_words_changed_after_the_outline_are_read_as_they_are_now(annotated) -> None:
    deferred, _ = deferred_annotations_of(annotated, CABLE)
    update_annotation(annotated, deferred[0].id, note="rewritten elsewhere")
    assert deferred[0].note == "rewritten elsewhere"
    assert deferred[0] == annotations_of(annotated, CABLE)[0]


def test_replace_gives_a_complete_annotation_and_inequality_is_by_value(annotated) -> None:
    deferred, _ = deferred_annotations_of(annotated, CABLE)
    copy = dataclasses.replace(deferred[2], note="changed")
    assert copy.note == "changed" and copy.quote == deferred[2].quote
    assert copy != deferred[2]
    assert dataclasses.replace(deferred[2]) == deferred[2]


def test_a_cable_without_annotations_gives_an_empty_list(project) -> None:
    deferred, words = deferred_annotations_of(project, CABLE)
    assert deferred == [] and words.complete and words.read_some() is True
