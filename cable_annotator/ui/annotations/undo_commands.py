"""Every edit a reader can make, as a QUndoCommand over the services.

The first ``redo`` does not call the service again: the caller has already made the change
(so a refused edit raises in plain Python, before anything reaches the undo stack) and
hands its ``Change`` over. Later redos and undos call the services, which keep ids stable
(``restore_annotation``, ``restore_snapshot``) so a redone edit is the same edit, not a copy.

Annotation commands undo and redo only over what they last wrote: another window on the
same project may have changed the annotation since (a note written there), and blindly
writing the old state back would silently destroy that work. The services compare the
stored annotation with the expected one in the same transaction; on a mismatch the step is
skipped with a message and dropped from the stack (``setObsolete``), so the rest of the
history stays usable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...services.errors import ChangedElsewhere
from ..common.deferred_import import deferred
from ..window.workspace import Workspace

annotating = deferred("cable_annotator.services.annotating")
codebook = deferred("cable_annotator.services.codebook")


class ServiceCommand(QUndoCommand):
    """Base: runs a service call, then broadcasts the change it reports."""

    def __init__(self, workspace: Workspace, text: str, first_change) -> None:
        super().__init__(text)
        self._workspace = workspace
        self._pending = first_change

    def _run(self, call: Callable[[], object], step: str = "undo") -> None:
        try:
            change = call()
        except ChangedElsewhere:
            self.setObsolete(True)  # the stack drops this step: its state is gone
            self._workspace.inform(f"This annotation was changed elsewhere; {step} skipped "
                                   f"(“{self.text()}”), so that change is kept.")
            return
        except Exception as error:  # a failed undo must not crash the event loop
            self._workspace.report(f"Could not {self.text().lower()}: {error}")
            return
        self._workspace.broadcast(change)

    def redo(self) -> None:
        if self._pending is not None:
            change, self._pending = self._pending, None
            self._after_first(change)
            self._workspace.broadcast(change)
            return
        self._run(self._do, "redo")

    def undo(self) -> None:
        self._run(self._undo)

    def _after_first(self, change) -> None:
        """Keep what undo needs from the first change record."""

    def _do(self):
        raise NotImplementedError

    def _undo(self):
        raise NotImplementedError

    @property
    def project(self):
        return self._workspace.project


class CreateAnnotation(ServiceCommand):
    def __init__(self, workspace: Workspace, change) -> None:
        super().__init__(workspace, "Add annotation", change)
        self._annotation = change.annotation

    def _do(self):
        change = annotating.restore_annotation(self.project, self._annotation, expected=None)
        self._annotation = change.annotation  # as written (a theme may have gone since)
        return change

    def _undo(self):
        return annotating.delete_annotation(self.project, self._annotation.id,
                                            expected=self._annotation)


class UpdateAnnotation(ServiceCommand):
    """Theme or note edits; undo writes the previous themes and note back."""

    def __init__(self, workspace: Workspace, change, text: str = "Edit annotation") -> None:
        super().__init__(workspace, text, change)
        self._before = change.before
        self._after = change.annotation

    def _do(self):
        change = annotating.update_annotation(
            self.project, self._after.id, theme_ids=list(self._after.theme_ids),
            note=self._after.note, expected=self._before)
        self._after = change.annotation
        return change

    def _undo(self):
        change = annotating.update_annotation(
            self.project, self._before.id, theme_ids=list(self._before.theme_ids),
            note=self._before.note, expected=self._after)
        self._before = change.annotation
        return change


class ReplaceAnnotation(ServiceCommand):
    """A change of the whole annotation (re-attaching an orphan to a new passage): undo
    and redo write one whole state over the other, if it is still the one last written."""

    def __init__(self, workspace: Workspace, change, text: str) -> None:
        super().__init__(workspace, text, change)
        self._before = change.before
        self._after = change.annotation

    def _do(self):
        change = annotating.replace_annotation(self.project, self._after, expected=self._before)
        self._after = change.annotation
        return change

    def _undo(self):
        change = annotating.replace_annotation(self.project, self._before, expected=self._after)
        self._before = change.annotation
        return change


class DeleteAnnotation(ServiceCommand):
    def __init__(self, workspace: Workspace, change) -> None:
        super().__init__(workspace, "Delete annotation", change)
        self._before = change.before

    def _do(self):
        return annotating.delete_annotation(self.project, self._before.id,
                                            expected=self._before)

    def _undo(self):
        change = annotating.restore_annotation(self.project, self._before, expected=None)
        self._before = change.annotation
        return change


class AddTheme(ServiceCommand):
    """Undo deletes the new theme; redo restores that deletion's snapshot (same id)."""

    def __init__(self, workspace: Workspace, change) -> None:
        super().__init__(workspace, f"Add theme “{change.theme.name}”", change)
        self._theme_id = change.theme.id
        self._snapshot = None

    def _do(self):
        return codebook.restore_snapshot(self.project, self._snapshot)

    def _undo(self):
        change = codebook.delete_theme(self.project, self._theme_id)
        self._snapshot = change.snapshot
        return change


class UpdateTheme(ServiceCommand):
    """Rename, recolour, re-parent or move; undo writes the previous theme back."""

    def __init__(self, workspace: Workspace, change, text: str, **fields) -> None:
        super().__init__(workspace, text, change)
        self._previous = change.snapshot
        self._fields = fields

    def _do(self):
        return codebook.update_theme(self.project, self._previous.id, **self._fields)

    def _undo(self):
        before = self._previous
        return codebook.update_theme(
            self.project, before.id, name=before.name, color=before.color,
            parent_id=before.parent_id, description=before.description,
            position=before.position)


class MergeThemes(ServiceCommand):
    def __init__(self, workspace: Workspace, change, source_id: int, target_id: int,
                 text: str) -> None:
        super().__init__(workspace, text, change)
        self._source_id, self._target_id = source_id, target_id
        self._snapshot = change.snapshot

    def _do(self):
        change = codebook.merge_themes(self.project, self._source_id, self._target_id)
        self._snapshot = change.snapshot
        return change

    def _undo(self):
        return codebook.restore_snapshot(self.project, self._snapshot)


class DeleteTheme(ServiceCommand):
    def __init__(self, workspace: Workspace, change, theme_id: int, reassign_to: int | None,
                 text: str) -> None:
        super().__init__(workspace, text, change)
        self._theme_id, self._reassign_to = theme_id, reassign_to
        self._snapshot = change.snapshot

    def _do(self):
        change = codebook.delete_theme(self.project, self._theme_id, self._reassign_to)
        self._snapshot = change.snapshot
        return change

    def _undo(self):
        return codebook.restore_snapshot(self.project, self._snapshot)
