"""File → Merge Project… and File → Resolve Merge Conflicts…: a mixin of ``MainWindow``.

The merge runs in the background job of imports and exports (a whole volume with 5,000
annotations on each side takes a few seconds: bench_exchange), in one transaction; when
it is done it becomes one step on the undo stack and its report opens.
"""

from __future__ import annotations

from pathlib import Path

from ...domain.annotation import Annotation
from ...services import queries
from ...services.errors import AnnotationError
from ...storage.errors import NotFound, ProjectError
from ..common.deferred_import import deferred
from ..desktop.file_dialogs import open_file_name
from .merge_commands import MergeProject, ResolveConflict
from .merge_dialog import MergeDialog
from .window_project_files import PROJECT_FILTER

merge_conflicts = deferred("cable_annotator.services.merge_conflicts")
merging = deferred("cable_annotator.services.merging")


class MergeMixin:
    def ask_merge_project(self) -> None:
        name = open_file_name(self, "Merge a colleague's project",
                              self.settings.last_directory, PROJECT_FILTER)
        if name:
            self.settings.last_directory = str(Path(name).parent)
            self.merge_project_file(Path(name))

    def merge_project_file(self, path: Path, show_dialog: bool = True) -> bool:
        """Merge ``path`` into the open project in the background; ``mergeFinished``
        gives the report (None when the file could not be read: a message names it).
        Once done, the merge is one undo step."""
        if self._job is not None:
            self.statusBar().showMessage("Another import or export is still running.", 4000)
            return False
        self.note_editor.commit()

        def job(project, _progress, _cancelled):
            return merging.merge_project(project, path)

        def done(report: merging.MergeReport) -> None:
            self.outside_changes.forget()  # the worker's writes are ours, shown below
            self.workspace.undo_stack.push(MergeProject(self.workspace, report, path))
            self.statusBar().showMessage(report.summary(), 8000)
            self.mergeFinished.emit(report)
            if show_dialog and self.isVisible():
                self.show_merge_dialog(report.summary(), _details(report), report.conflicts)

        self._start_job(f"Merging {path.name}…", job, done, self.mergeFinished)
        return True

    def ask_resolve_conflicts(self) -> None:
        conflicts = merge_conflicts.open_conflicts(self.project)
        summary = (f"{len(conflicts)} merge conflict(s) still to resolve." if conflicts
                   else "There are no merge conflicts to resolve.")
        self.show_merge_dialog(summary, [], conflicts)

    def build_merge_dialog(self, summary: str, details: list[str],
                           conflicts: list[merging.MergeConflict]) -> MergeDialog:
        return MergeDialog(summary, details, conflicts, self._annotation_by_id,
                           self._theme_names_of, self.resolve_merge_conflict, self)

    def show_merge_dialog(self, summary: str, details: list[str],
                          conflicts: list[merging.MergeConflict]) -> None:
        dialog = self.build_merge_dialog(summary, details, conflicts)
        dialog.exec()
        dialog.deleteLater()

    def resolve_merge_conflict(self, conflict: merging.MergeConflict, keep: str) -> bool:
        try:
            change = merge_conflicts.resolve_conflict(self.project, conflict, keep)
        except (NotFound, ProjectError, AnnotationError, ValueError) as error:
            self._show_error(f"Could not resolve the conflict: {error}")
            return False
        change.kind = "project-merged"
        self.workspace.undo_stack.push(ResolveConflict(self.workspace, change, conflict, keep))
        return True

    def _annotation_by_id(self, annotation_id: str | None) -> Annotation | None:
        if not annotation_id:
            return None
        found = queries.annotations_by_id(self.project, {annotation_id})
        return found[0] if found else None

    def _theme_names_of(self, annotation: Annotation) -> list[str]:
        names = {theme.id: theme.name for theme in self._themes}
        return [names[t] for t in annotation.theme_ids if t in names]


def _details(report: merging.MergeReport) -> list[str]:
    lines = [f"Documents added: {', '.join(report.cables_added)}"] if report.cables_added else []
    lines += [f"Text differs in {cable_id}: ours kept, their annotations placed on it"
              for cable_id in report.cables_differing]
    if report.orphaned:
        lines.append(f"{report.orphaned} of their annotation(s) could not be placed on our "
                     "text; they are kept as not found in text.")
    if report.themes_added:
        lines.append("Themes added: " + ", ".join(report.themes_added))
    lines += [f"Theme {difference}" for difference in report.theme_differences]
    return lines
