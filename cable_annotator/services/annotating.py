"""Use cases that create, change, delete and restore annotations.

Each function is one transaction and returns a Change; ``before`` holds what undo needs.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete, insert, select

from ..domain.anchoring import find_occurrence
from ..domain.anchoring import select as select_quote
from ..domain.annotation import Annotation, new_annotation_id, now_utc
from ..domain.cable import BODY
from ..storage.errors import NotFound
from ..storage.mapping import (
    annotation_from_row,
    annotation_values,
    cable_from_row,
    fill_annotation_row,
)
from ..storage.models import (
    AnnotationRow,
    AnnotationThemeRow,
    CableRow,
    ThemeRow,
    TombstoneRow,
)
from ..storage.project import Project
from .changes import Change
from .errors import AnnotationError, ChangedElsewhere, NoteChangedElsewhere

ANY = object()
"""``expected=ANY``: write whatever is stored (the default, for a reader's own edit)."""


def fingerprint(annotation: Annotation | None) -> tuple | None:
    """What a reader's edit changes — themes and note. Not the modified time, whose one
    second resolution could hide a change made within the same second, and not the
    offsets, which a corrected re-import may move without anyone's edit being at stake."""
    if annotation is None:
        return None
    return tuple(annotation.theme_ids), annotation.note


def _check_expected(row: AnnotationRow | None, expected: object, annotation_id: str) -> None:
    """Refuse when the stored annotation (None: absent) is not ``expected``."""
    if expected is ANY:
        return
    stored = annotation_from_row(row) if row is not None else None
    if fingerprint(stored) != fingerprint(expected):  # type: ignore[arg-type]
        raise ChangedElsewhere(f"Annotation {annotation_id} was changed elsewhere.")


def default_author() -> str:
    """The author recorded on new annotations and edits: the name set in Preferences,
    else the login name (as QualCoder does)."""
    from .preferences import author

    return author()


def _bury(session, row: AnnotationRow) -> None:
    """Remember a deleted annotation, so a merge with a copy that still holds it deletes
    it there instead of bringing it back."""
    session.merge(TombstoneRow(annotation_id=row.id, cable_id=row.cable_id,
                               version=row.version, history=list(row.history or []),
                               deleted=now_utc(), author=default_author()))


def _unbury(session, annotation_id: str) -> None:
    session.execute(delete(TombstoneRow).where(TombstoneRow.annotation_id == annotation_id))


def _check_themes(session, theme_ids: list[int], project: Project) -> None:
    found = set(session.scalars(select(ThemeRow.id).where(ThemeRow.id.in_(theme_ids))))
    for theme_id in theme_ids:
        if theme_id not in found:
            raise NotFound(f"There is no theme with id {theme_id} in {project.path}.")


def _passage_text(session, project: Project, cable_id: str, part: str, start: int,
                  end: int) -> str:
    """The text of ``part`` of a cable, once ``start:end`` is known to lie inside it (what
    creating and re-attaching an annotation both check first)."""
    if part == BODY:  # the text alone: no need to rebuild the cable's structure
        text = session.scalar(select(CableRow.text).where(CableRow.id == cable_id))
        if text is None:
            raise NotFound(f"There is no cable {cable_id!r} in {project.path}.")
    else:
        cable_row = session.get(CableRow, cable_id)
        if cable_row is None:
            raise NotFound(f"There is no cable {cable_id!r} in {project.path}.")
        try:
            text = cable_from_row(cable_row).part_text(part)
        except KeyError as error:
            raise AnnotationError(f"Cable {cable_id} has no part {part!r}.") from error
    if not 0 <= start < end <= len(text):
        raise AnnotationError(f"The passage {start}–{end} lies outside {part} of {cable_id} "
                              f"({len(text)} characters).")
    return text


def create_annotation(
    project: Project,
    cable_id: str,
    part: str,
    start: int,
    end: int,
    theme_ids: list[int],
    note: str = "",
    author: str | None = None,
    annotation_id: str | None = None,
) -> Change:
    """Highlight ``start:end`` of ``part`` of a cable with themes and a note."""
    with project.transaction() as session:
        text = _passage_text(session, project, cable_id, part, start, end)
        _check_themes(session, theme_ids, project)
        selector = select_quote(text, start, end)
        stamp = now_utc()
        author = default_author() if author is None else author
        annotation = Annotation(
            id=annotation_id or new_annotation_id(), cable_id=cable_id, part=part,
            start=start, end=end, quote=selector.quote, prefix=selector.prefix,
            suffix=selector.suffix, theme_ids=list(dict.fromkeys(theme_ids)), note=note,
            author=author, created=stamp, modified=stamp, modified_by=author,
        )
        values, links = annotation_values(annotation)
        if annotation_id is not None:
            _unbury(session, annotation_id)
        session.execute(insert(AnnotationRow), [values])
        if links:
            session.execute(insert(AnnotationThemeRow), links)
    return Change("annotation-added", {cable_id}, {annotation.id}, set(annotation.theme_ids),
                  annotation=annotation)


def annotate_quote(
    project: Project,
    cable_id: str,
    quote: str,
    theme_ids: list[int],
    note: str = "",
    occurrence: int = 1,
    part: str = BODY,
    author: str | None = None,
) -> Change:
    """Annotate the ``occurrence``-th appearance of ``quote`` in a part of a cable."""
    from .queries import load_cable

    if not quote.strip():
        raise AnnotationError("The quote is empty: give the exact text of the passage.")
    cable = load_cable(project, cable_id)
    try:
        text = cable.part_text(part)
    except KeyError as error:
        parts = ", ".join(cable.parts())
        raise AnnotationError(
            f"Cable {cable_id} has no part {part!r} (its parts: {parts})."
        ) from error
    found = find_occurrence(text, quote, occurrence)
    if found is None:
        count = text.count(quote) if quote else 0
        where = f"{part} of {cable_id}"
        if count:
            raise AnnotationError(
                f"The quote occurs only {count} time(s) in {where}, not {occurrence}."
            )
        raise AnnotationError(f"The quote {quote!r} does not occur in {where}.")
    return create_annotation(project, cable_id, part, found[0], found[1], theme_ids, note,
                             author)


def _load_row(session, project: Project, annotation_id: str) -> AnnotationRow:
    row = session.get(AnnotationRow, annotation_id)
    if row is None:
        raise NotFound(f"There is no annotation {annotation_id} in {project.path}.")
    return row


def update_annotation(
    project: Project,
    annotation_id: str,
    *,
    theme_ids: list[int] | None = None,
    note: str | None = None,
    expected: object = ANY,
    expected_note: str | None = None,
) -> Change:
    """Change the themes and/or note of an annotation; with ``expected`` (an Annotation),
    only if it is still stored as that (else ChangedElsewhere, nothing written).

    ``expected_note``: the note the reader's new one was written over; if the stored note
    is another by now (a second window saved its own), NoteChangedElsewhere and nothing is
    written. Only the note is compared: a theme changed meanwhile takes nothing from
    anybody's writing."""
    with project.transaction() as session:
        row = _load_row(session, project, annotation_id)
        _check_expected(row, expected, annotation_id)
        if expected_note is not None and (row.note or "") != expected_note:
            raise NoteChangedElsewhere(annotation_id, row.note or "")
        before = annotation_from_row(row)
        after = replace(before, modified=now_utc(), modified_by=default_author(),
                        version=new_annotation_id())
        if theme_ids is not None:
            _check_themes(session, theme_ids, project)
            after.theme_ids = list(dict.fromkeys(theme_ids))
        if note is not None:
            after.note = note
        fill_annotation_row(row, after)
    return Change("annotation-changed", {after.cable_id}, {annotation_id},
                  set(before.theme_ids) | set(after.theme_ids), annotation=after, before=before)


def delete_annotation(project: Project, annotation_id: str, expected: object = ANY) -> Change:
    """Remove an annotation; ``before`` keeps it whole so undo can restore it. With
    ``expected``, only if it is still stored as that (else ChangedElsewhere)."""
    with project.transaction() as session:
        row = session.get(AnnotationRow, annotation_id)
        if row is None and expected is not ANY and expected is not None:
            raise ChangedElsewhere(f"Annotation {annotation_id} was deleted elsewhere.")
        row = _load_row(session, project, annotation_id)
        _check_expected(row, expected, annotation_id)
        before = annotation_from_row(row)
        _bury(session, row)
        session.delete(row)
    return Change("annotation-removed", {before.cable_id}, {annotation_id},
                  set(before.theme_ids), before=before)


def restore_annotation(project: Project, annotation: Annotation,
                       expected: object = ANY) -> Change:
    """Put back an annotation exactly as it was (undo of delete, redo of create).

    ``expected=None``: only if no annotation with that id is stored now, or one exactly
    like ``annotation`` — another window may have re-created and changed it."""
    with project.transaction() as session:
        if session.get(CableRow, annotation.cable_id) is None:
            raise NotFound(f"There is no cable {annotation.cable_id!r} in {project.path}.")
        current = session.get(AnnotationRow, annotation.id)
        if current is not None and expected is None:
            _check_expected(current, annotation, annotation.id)
        stored = annotation_from_row(current) if current is not None else None
        existing = set(session.scalars(select(ThemeRow.id).where(
            ThemeRow.id.in_(annotation.theme_ids))))
        restored = replace(annotation,
                           theme_ids=[t for t in annotation.theme_ids if t in existing])
        row = session.get(AnnotationRow, annotation.id) or AnnotationRow()
        fill_annotation_row(row, restored)
        session.add(row)
        _unbury(session, annotation.id)
    # ``before``: what was stored under that id (usually nothing), so counts stay exact.
    return Change("annotation-added", {annotation.cable_id}, {annotation.id},
                  set(restored.theme_ids), annotation=restored, before=stored)


def reattach_annotation(project: Project, annotation_id: str, part: str, start: int,
                        end: int, expected: object = ANY) -> Change:
    """Put an annotation (typically an orphaned one) on a passage the reader selected.

    This is the reader's own act, unlike re-anchoring: the quote and its context become
    those of the new selection, and the annotation is no longer orphaned. ``before`` keeps
    the old state so undo can bring it back (``replace_annotation``)."""
    with project.transaction() as session:
        row = _load_row(session, project, annotation_id)
        _check_expected(row, expected, annotation_id)
        before = annotation_from_row(row)
        text = _passage_text(session, project, before.cable_id, part, start, end)
        selector = select_quote(text, start, end)
        after = replace(before, part=part, start=start, end=end, quote=selector.quote,
                        prefix=selector.prefix, suffix=selector.suffix, orphaned=False,
                        modified=now_utc(), modified_by=default_author(),
                        version=new_annotation_id())
        fill_annotation_row(row, after)
    return Change("annotation-changed", {after.cable_id}, {annotation_id},
                  set(after.theme_ids), annotation=after, before=before)


def replace_annotation(project: Project, annotation: Annotation,
                       expected: object = ANY) -> Change:
    """Write ``annotation`` whole over the stored one with its id (undo and redo of a
    re-attach); with ``expected``, only if the stored one is still that."""
    with project.transaction() as session:
        row = _load_row(session, project, annotation.id)
        _check_expected(row, expected, annotation.id)
        before = annotation_from_row(row)
        existing = set(session.scalars(select(ThemeRow.id).where(
            ThemeRow.id.in_(annotation.theme_ids))))
        after = replace(annotation, version=new_annotation_id(),
                        theme_ids=[t for t in annotation.theme_ids if t in existing])
        fill_annotation_row(row, after)
    return Change("annotation-changed", {after.cable_id}, {after.id},
                  set(before.theme_ids) | set(after.theme_ids), annotation=after,
                  before=before)
