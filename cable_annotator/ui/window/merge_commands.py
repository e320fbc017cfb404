"""Merging a colleague's project and resolving its conflicts, as undoable steps.

The whole merge is one step: undo puts back every annotation, tombstone, theme and
document it wrote (``merging.undo_merge`` with the merge's snapshot); redo merges the same
file again. Each conflict resolved in the dialog is a step of its own.
"""

from __future__ import annotations

from pathlib import Path

from ...services.changes import Change
from ..annotations.undo_commands import ServiceCommand
from ..common.deferred_import import deferred
from .workspace import Workspace

merge_conflicts = deferred("cable_annotator.services.merge_conflicts")
merging = deferred("cable_annotator.services.merging")

MERGED = "project-merged"


def merge_change(report: merging.MergeReport) -> Change:
    """The change record of a merge: the window reloads what it shows."""
    snapshot = report.snapshot
    cables = {r["cable_id"] for r in snapshot.annotations.values() if r}
    return Change(MERGED, cables | set(snapshot.cables_added), set(snapshot.annotations),
                  set(snapshot.themes_added), snapshot=report)


class MergeProject(ServiceCommand):
    def __init__(self, workspace: Workspace, report: merging.MergeReport, path: Path) -> None:
        super().__init__(workspace, f"Merge {path.name}", merge_change(report))
        self._path = path
        self._snapshot = report.snapshot

    def _do(self):
        report = merging.merge_project(self.project, self._path)
        self._snapshot = report.snapshot
        return merge_change(report)

    def _undo(self):
        change = merging.undo_merge(self.project, self._snapshot)
        change.kind = MERGED
        return change


class ResolveConflict(ServiceCommand):
    def __init__(self, workspace: Workspace, change: Change,
                 conflict: merging.MergeConflict, keep: str) -> None:
        super().__init__(workspace, "Resolve merge conflict", change)
        self._conflict, self._keep = conflict, keep
        self._snapshot = change.snapshot

    def _do(self):
        change = merge_conflicts.resolve_conflict(self.project, self._conflict, self._keep)
        self._snapshot = change.snapshot
        change.kind = MERGED
        return change

    def _undo(self):
        change = merging.undo_merge(self.project, self._snapshot)
        change.kind = MERGED
        return change
