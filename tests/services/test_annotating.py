"""Annotating the sample cable through the services, as the window and CLI do."""

from __future__ import annotations

import pytest

from cable_annotator.services.annotating import (
    AnnotationError,
    annotate_quote,
    create_annotation,
    delete_annotation,
    restore_annotation,
    update_annotation,
)
from cable_annotator.services.queries import (
    annotations_of,
    annotations_with_theme,
    find_theme,
    list_cables,
    load_cable,
    theme_usage,
)
from cable_annotator.storage.errors import NotFound

CABLE = "frus1969-76ve11p2/d293"


def test_annotate_quote_stores_position_quote_and_context(project) -> None:
    arms_race = find_theme(project, "Arms race")
    change = annotate_quote(project, CABLE, "an arms race could ensue", [arms_race.id],
                            note="Fear of escalation")
    stored = annotations_of(project, CABLE)
    assert [a.id for a in stored] == [change.annotation.id]
    annotation = stored[0]
    text = load_cable(project, CABLE).text
    assert text[annotation.start:annotation.end] == "an arms race could ensue"
    assert annotation.quote == "an arms race could ensue"
    assert annotation.prefix.endswith("armaments, and ") and len(annotation.prefix) == 32
    assert annotation.suffix.startswith(". Contrary")
    assert annotation.theme_ids == [arms_race.id]
    assert annotation.note == "Fear of escalation"
    assert change.cable_ids == {CABLE}
    assert list_cables(project)[0].annotation_count == 1
    assert theme_usage(project) == {arms_race.id: 1}


def test_second_occurrence_and_missing_quote(project) -> None:
    theme = find_theme(project, "arms race")  # case-insensitive
    first = annotate_quote(project, CABLE, "arms race", [theme.id]).annotation
    second = annotate_quote(project, CABLE, "arms race", [theme.id], occurrence=2).annotation
    assert second.start > first.start
    with pytest.raises(AnnotationError, match="does not occur"):
        annotate_quote(project, CABLE, "nuclear submarine", [theme.id])
    with pytest.raises(AnnotationError, match="not 99"):
        annotate_quote(project, CABLE, "arms race", [theme.id], occurrence=99)


def test_footnote_summary_is_annotatable(project) -> None:
    theme = find_theme(project, "Regional stability")
    change = annotate_quote(project, CABLE, "increased tensions in the region", [theme.id],
                            part="footnote 1")
    assert change.annotation.part == "footnote 1"
    note_text = load_cable(project, CABLE).footnote("1").text
    assert note_text[change.annotation.start:change.annotation.end] == (
        "increased tensions in the region")


def test_update_delete_restore_round_trip(project) -> None:
    arms, fisheries = find_theme(project, "Arms race"), find_theme(project, "Fisheries")
    created = annotate_quote(project, CABLE, "fisheries dispute", [arms.id]).annotation
    changed = update_annotation(project, created.id, theme_ids=[fisheries.id, arms.id],
                                note="Law of the sea")
    assert changed.before.theme_ids == [arms.id]
    assert annotations_of(project, CABLE)[0].theme_ids == [fisheries.id, arms.id]
    removed = delete_annotation(project, created.id)
    assert annotations_of(project, CABLE) == []
    restore_annotation(project, removed.before)
    (back,) = annotations_of(project, CABLE)
    assert back.note == "Law of the sea" and back.theme_ids == [fisheries.id, arms.id]
    assert back.created == created.created
    assert [a.id for a in annotations_with_theme(project, fisheries.id)] == [created.id]


def test_bad_requests_are_refused(project) -> None:
    theme = find_theme(project, "Arms race")
    with pytest.raises(AnnotationError, match="outside"):
        create_annotation(project, CABLE, "body", 10, 10**7, [theme.id])
    with pytest.raises(NotFound, match="no cable"):
        create_annotation(project, "nope/d1", "body", 0, 3, [theme.id])
    with pytest.raises(NotFound, match="no theme"):
        create_annotation(project, CABLE, "body", 0, 3, [4242])
    with pytest.raises(AnnotationError, match="no part"):
        annotate_quote(project, CABLE, "Summary", [theme.id], part="footnote 7")
    assert annotations_of(project, CABLE) == []


def test_astral_characters_in_a_cable_keep_offsets_in_code_points(project) -> None:
    """Offsets are code points end to end, whatever the UTF-16 length of the text."""
    from cable_annotator.services.importing import import_files

    path = project.path.with_name("astral.txt")
    path.write_text(
        "12. Telegram 1 From the Embassy in Peru to the Department of State\n\n"
        "1. The 𝔘nited delegation 😀 raised the arms race question.\n\nSmith\n",
        encoding="utf-8",
    )
    (summary,) = import_files(project, [path], volume="frustest").cables
    theme = find_theme(project, "Arms race")
    annotation = annotate_quote(project, summary.id, "arms race", [theme.id]).annotation
    text = load_cable(project, summary.id).text
    assert text[annotation.start:annotation.end] == "arms race"
    assert annotation.start == text.index("arms race")


def test_empty_quote_is_refused_clearly(project) -> None:
    theme = find_theme(project, "Arms race")
    with pytest.raises(AnnotationError, match="quote is empty"):
        annotate_quote(project, CABLE, "  ", [theme.id])
