"""What the reader does to annotations — tag a selection, toggle a theme, edit a note,
delete — turned into undoable commands.

Kept out of the window so the rules (toggle instead of duplicating an identical passage,
drop an untagged annotation only when it holds no note) are testable on their own.
"""

from __future__ import annotations

from bisect import bisect_left

from ...domain.annotation import Annotation
from ...domain.cable import BODY
from ...services import queries
from ..common.deferred_import import deferred
from ..window.workspace_actions import WorkspaceActions
from .note_conflicts import join_notes
from .undo_commands import (
    CreateAnnotation,
    DeleteAnnotation,
    ReplaceAnnotation,
    UpdateAnnotation,
)

annotating = deferred("cable_annotator.services.annotating")


def same_passage(annotations: list[Annotation], part: str, start: int,
                 end: int) -> Annotation | None:
    """The first annotation on exactly ``part`` ``start:end``, found by bisection in
    ``annotations``, which must be in text order (as the window keeps its list): a scan
    of 20,000 annotations on every digit key cost 5 ms."""
    wanted = (part != BODY, part, start, end)
    at = bisect_left(annotations, wanted, key=queries.text_order)
    if at < len(annotations) and queries.text_order(annotations[at]) == wanted:
        return annotations[at]
    return None


class AnnotationActions(WorkspaceActions):
    """Turns reader intentions into commands pushed on the workspace's undo stack."""

    def apply_theme(self, cable_id: str, selection: tuple[str, int, int],
                    theme_id: int, existing: list[Annotation]) -> str | None:
        """Tag the selected passage with a theme; returns the annotation id touched.

        When an annotation covers exactly the selected passage the theme is toggled on it,
        so pressing a digit twice undoes the first press instead of stacking duplicates.
        """
        part, start, end = selection
        if start >= end:
            return None
        same = same_passage(existing, part, start, end)
        if same is None:
            change = self._guard("add the annotation", lambda: annotating.create_annotation(
                self._project, cable_id, part, start, end, [theme_id]))
            if change is None:
                return None
            self._push(CreateAnnotation(self._workspace, change))
            return change.annotation.id
        return self.toggle_theme(same, theme_id)

    def toggle_theme(self, annotation: Annotation, theme_id: int) -> str | None:
        """Add or remove one theme; an annotation left with neither theme nor note goes."""
        themes = list(annotation.theme_ids)
        if theme_id in themes:
            themes.remove(theme_id)
        else:
            themes.append(theme_id)
        if not themes and not annotation.note.strip():
            self.delete(annotation.id)
            return None
        return self.set_themes(annotation.id, themes)

    def set_themes(self, annotation_id: str, theme_ids: list[int]) -> str | None:
        change = self._guard("change the themes", lambda: annotating.update_annotation(
            self._project, annotation_id, theme_ids=theme_ids))
        if change is not None:
            self._push(UpdateAnnotation(self._workspace, change, "Change themes"))
        return annotation_id

    note_conflicts = None
    """Asks what to keep when a note was changed elsewhere (``NoteConflicts``; the window
    sets it). Without one, both notes are kept."""

    def set_note(self, annotation_id: str, note: str, base: str | None = None) -> str | None:
        """Save ``note``, written over ``base`` (the note as the reader found it); returns
        the note as stored now, or None when nothing could be saved.

        If another window saved a different note since, the reader is asked: keep both,
        theirs, or the other — one undo step whichever is written."""
        saved = self._guard("save the note", lambda: self._save_note(annotation_id, note, base))
        if saved is None:
            return None
        change, stored = saved
        if change is not None:
            self._push(UpdateAnnotation(self._workspace, change, "Edit note"))
        return stored

    def _save_note(self, annotation_id: str, note: str, base: str | None):
        try:
            change = annotating.update_annotation(self._project, annotation_id, note=note,
                                                  expected_note=base)
        except annotating.NoteChangedElsewhere as conflict:
            choice = (self.note_conflicts.ask(conflict.stored, note)
                      if self.note_conflicts is not None else "both")
            if choice == "theirs":
                return None, conflict.stored
            if choice == "both":
                note = join_notes(conflict.stored, note)
            change = annotating.update_annotation(self._project, annotation_id, note=note,
                                                  expected_note=conflict.stored)
        return change, change.annotation.note

    def delete(self, annotation_id: str) -> bool:
        """Delete an annotation (one undo step); False when it could not be."""
        change = self._guard("delete the annotation", lambda: annotating.delete_annotation(
            self._project, annotation_id))
        if change is not None:
            self._push(DeleteAnnotation(self._workspace, change))
        return change is not None

    def reattach(self, annotation_id: str, selection: tuple[str, int, int]) -> str | None:
        """Put an (orphaned) annotation on the selected passage; one undo step."""
        part, start, end = selection
        if start >= end:
            return None
        change = self._guard("re-attach the annotation", lambda: annotating.reattach_annotation(
            self._project, annotation_id, part, start, end))
        if change is None:
            return None
        self._push(ReplaceAnnotation(self._workspace, change, "Re-attach annotation"))
        return annotation_id
