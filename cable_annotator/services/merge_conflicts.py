"""Settling the conflicts a merge left (``merging``): keep mine, theirs or both when an
annotation changed in both copies; keep it or delete it when one copy deleted what the
other changed.

The outcome is a new version that knows the versions it settled (and, for a deletion
overruled, the deleted version), so the next merge with the colleague's file — in either
direction — does not raise the conflict again. Each resolution returns the snapshot its
undo needs (``merging.undo_merge``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from ..domain.annotation import now_utc
from ..storage.errors import NotFound
from ..storage.mapping import annotation_from_row
from ..storage.models import AnnotationRow, AnnotationThemeRow
from ..storage.project import Project
from .annotating import default_author
from .changes import Change
from .merging import (
    _KEPT_OVER_DELETION,
    BOTH_CHANGED,
    DELETED_VS_CHANGED,
    MINE,
    THEIRS,
    MergeConflict,
    MergeSnapshot,
    _annotation_record,
    _bury,
    _note_written,
    _remember_into,
    conflict_kind,
)

KEEP_MINE, KEEP_THEIRS, KEEP_BOTH = "mine", "theirs", "both"  # both changed
KEEP_ANNOTATION, KEEP_DELETION = "keep", "delete"  # deleted on one side, changed on the other


def open_conflicts(project: Project) -> list[MergeConflict]:
    """The merge conflicts still to resolve, rebuilt from the marked annotations (each
    both-changed pair once, from the version that holds the UUID)."""
    with project.reading() as session:
        rows = [annotation_from_row(row) for row in session.scalars(
            select(AnnotationRow).where(AnnotationRow.conflict != "")
            .order_by(AnnotationRow.cable_id, AnnotationRow.part, AnnotationRow.start))]
    out = []
    for annotation in rows:
        kind, side = conflict_kind(annotation.conflict)
        if kind == BOTH_CHANGED:
            other = annotation.conflict_of
            mine, theirs = (other, annotation.id) if side == THEIRS else (annotation.id, other)
            out.append(MergeConflict(BOTH_CHANGED, annotation.cable_id, annotation.quote,
                                     mine, theirs))
        elif kind == DELETED_VS_CHANGED:
            mine, theirs = (None, annotation.id) if side == THEIRS else (annotation.id, None)
            deleted_by = {THEIRS: MINE, MINE: THEIRS}.get(side, "")
            out.append(MergeConflict(DELETED_VS_CHANGED, annotation.cable_id,
                                     annotation.quote, mine, theirs, deleted_by))
    return out


def resolve_conflict(project: Project, conflict: MergeConflict, keep: str) -> Change:
    """Settle one conflict — both changed: keep ``mine``, ``theirs`` or ``both``; deleted
    and changed: ``keep`` the annotation or ``delete`` it. The outcome is a new version
    that knows the versions it settled, so the next merge with the colleague's file does
    not raise the conflict again."""
    allowed = ((KEEP_MINE, KEEP_THEIRS, KEEP_BOTH) if conflict.kind == BOTH_CHANGED
               else (KEEP_ANNOTATION, KEEP_DELETION))
    if keep not in allowed:
        raise ValueError(f"A {conflict.kind} conflict is resolved by {' or '.join(allowed)}, "
                         f"not {keep!r}.")
    undo = MergeSnapshot()
    with project.transaction() as session:
        for annotation_id in (conflict.mine_id, conflict.theirs_id):
            if annotation_id:
                _remember_into(session, undo, annotation_id)
        if conflict.kind == BOTH_CHANGED:
            touched = _resolve_both_changed(session, project, conflict, keep)
        else:
            touched = _resolve_deletion(session, project, conflict, keep)
        _note_written(session, undo)
    return Change("conflict-resolved", {conflict.cable_id}, touched, snapshot=undo)


def _row(session, project: Project, annotation_id: str | None) -> AnnotationRow:
    row = session.get(AnnotationRow, annotation_id) if annotation_id else None
    if row is None:
        raise NotFound(f"There is no annotation {annotation_id} in {project.path}.")
    return row


def _settle(row: AnnotationRow, known: Iterable[str]) -> None:
    """Clear the conflict and give ``row`` a new version that remembers ``known``."""
    history = [*(row.history or [])]
    for version in [row.version, *known]:
        if version and version not in history:
            history.append(version)
    row.history = history[-200:]
    row.version = str(uuid.uuid4())
    row.conflict, row.conflict_of = "", ""
    row.modified, row.modified_by = now_utc(), default_author()


def _resolve_both_changed(session, project: Project, conflict: MergeConflict,
                          keep: str) -> set[str]:
    mine = _row(session, project, conflict.mine_id)
    theirs = _row(session, project, conflict.theirs_id)
    main_row, copy_row = ((mine, theirs) if conflict_kind(mine.conflict)[0] == BOTH_CHANGED
                          else (theirs, mine))
    known = [main_row.version, copy_row.version, *(copy_row.history or [])]
    if keep == KEEP_BOTH:
        _settle(main_row, known)
        copy_row.conflict, copy_row.conflict_of = "", ""
        return {main_row.id, copy_row.id}
    kept = mine if keep == KEEP_MINE else theirs
    if kept is copy_row:  # the kept words move under the shared UUID
        record = _annotation_record(copy_row)
        for name in ("part", "start", "end", "quote", "prefix", "suffix", "note", "author",
                     "created", "orphaned"):
            setattr(main_row, name, record[name])
        main_row.themes = [AnnotationThemeRow(theme_id=t, position=p)
                           for p, t in enumerate(record["themes"])]
    _settle(main_row, known)
    session.flush()
    _bury(session, copy_row, now_utc(), default_author())
    return {main_row.id, copy_row.id}


def _resolve_deletion(session, project: Project, conflict: MergeConflict,
                      keep: str) -> set[str]:
    annotation_id = conflict.mine_id or conflict.theirs_id
    row = _row(session, project, annotation_id)
    if keep == KEEP_DELETION:
        _bury(session, row, now_utc(), default_author())
        return {annotation_id}
    deleted_version = row.conflict_of
    _settle(row, [])
    if deleted_version:
        row.history = [*row.history, _KEPT_OVER_DELETION + deleted_version]
    return {annotation_id}
