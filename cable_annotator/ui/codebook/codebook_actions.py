"""Codebook edits — add, rename, recolour, re-parent, merge, delete — as undoable commands.

The dialogs that ask for names, colours and merge targets live in the codebook panel;
these methods take the answers, so tests and menus reach the same code without a modal.
"""

from __future__ import annotations

from ..annotations.undo_commands import AddTheme, DeleteTheme, MergeThemes, UpdateTheme
from ..common.deferred_import import deferred
from ..window.workspace_actions import WorkspaceActions

codebook = deferred("cable_annotator.services.codebook")


class CodebookActions(WorkspaceActions):
    def add(self, name: str, color: str | None = None, parent_id: int | None = None) -> int | None:
        """Add a theme; returns its id (None when refused, e.g. a duplicate name)."""
        name = name.strip()
        if not name:
            return None
        change = self._guard("add the theme", lambda: codebook.add_theme(
            self._project, name, color=color, parent_id=parent_id))
        if change is None:
            return None
        self._workspace.undo_stack.push(AddTheme(self._workspace, change))
        return change.theme.id

    def _update(self, theme_id: int, text: str, **fields) -> bool:
        # "Rename theme to “USSR”" → "rename theme to “USSR”": only the verb is lowered.
        change = self._guard(text[:1].lower() + text[1:], lambda: codebook.update_theme(
            self._project, theme_id, **fields))
        if change is None:
            return False
        self._workspace.undo_stack.push(UpdateTheme(self._workspace, change, text, **fields))
        return True

    def rename(self, theme_id: int, name: str) -> bool:
        name = name.strip()
        return bool(name) and self._update(theme_id, f"Rename theme to “{name}”", name=name)

    def recolor(self, theme_id: int, color: str) -> bool:
        return self._update(theme_id, "Change theme colour", color=color)

    def reparent(self, theme_id: int, parent_id: int | None) -> bool:
        if parent_id == theme_id:
            return False
        return self._update(theme_id, "Move theme", parent_id=parent_id)

    def merge(self, source_id: int, target_id: int) -> bool:
        """Fold ``source`` into ``target``: its annotations take the target theme."""
        if source_id == target_id:
            return False
        change = self._guard("merge the themes", lambda: codebook.merge_themes(
            self._project, source_id, target_id))
        if change is None:
            return False
        self._workspace.undo_stack.push(
            MergeThemes(self._workspace, change, source_id, target_id, "Merge themes"))
        return True

    def delete(self, theme_id: int, reassign_to: int | None = None) -> bool:
        """Delete a theme; its annotations take ``reassign_to`` or simply lose the theme."""
        change = self._guard("delete the theme", lambda: codebook.delete_theme(
            self._project, theme_id, reassign_to))
        if change is None:
            return False
        self._workspace.undo_stack.push(
            DeleteTheme(self._workspace, change, theme_id, reassign_to, "Delete theme"))
        return True
