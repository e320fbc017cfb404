"""Use cases on the codebook: add, edit, re-parent, merge and delete themes.

Merge and delete return a ThemeSnapshot of everything they touch (themes, their children's
parents, annotation links) so that undo can restore the codebook exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select

from ..domain.annotation import Theme, now_utc
from ..storage.errors import NotFound
from ..storage.mapping import theme_from_row
from ..storage.models import AnnotationRow, AnnotationThemeRow, ThemeRow
from ..storage.project import Project
from .annotating import default_author
from .changes import Change
from .errors import CodebookError
from .theme_colors import next_color

_UNSET = object()
MAX_NAME = 120


@dataclass
class ThemeSnapshot:
    """Themes and annotation links as they were before a merge or delete."""

    themes: list[Theme] = field(default_factory=list)
    links: list[tuple[str, int, int]] = field(default_factory=list)  # annotation, theme, position
    parents: dict[int, int | None] = field(default_factory=dict)  # child id -> parent id


_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def _check_color(color: str) -> str:
    """A colour as ``#rrggbb`` (or ``#rgb``), which every view and export understands."""
    if not _COLOR.fullmatch(color.strip()):
        raise CodebookError(f"{color!r} is not a colour; write it as #rrggbb, e.g. #e8743b.")
    return color.strip().lower()


def _get(session, project: Project, theme_id: int) -> ThemeRow:
    row = session.get(ThemeRow, theme_id)
    if row is None:
        raise NotFound(f"There is no theme with id {theme_id} in {project.path}.")
    return row


def _check_name(session, name: str, parent_id: int | None, own_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise CodebookError("A theme needs a name.")
    if "/" in name:
        raise CodebookError(f"A theme name cannot contain '/' ({name!r}): it separates levels.")
    if ";" in name:
        raise CodebookError(f"A theme name cannot contain ';' ({name!r}): it separates "
                            "themes in the CSV export.")
    if len(name) > MAX_NAME:
        raise CodebookError(f"A theme name can have at most {MAX_NAME} characters.")
    clash = session.scalars(select(ThemeRow).where(
        func.lower(ThemeRow.name) == name.lower(), ThemeRow.parent_id.is_(parent_id)
        if parent_id is None else ThemeRow.parent_id == parent_id)).first()
    if clash is not None and clash.id != own_id:
        raise CodebookError(f"There is already a theme called {clash.name!r} at that level.")
    return name


def add_theme(project: Project, name: str, color: str | None = None,
              parent_id: int | None = None, description: str = "") -> Change:
    """Add a theme at the end of the codebook (its digit shortcut is its position + 1)."""
    with project.transaction() as session:
        if parent_id is not None:
            _get(session, project, parent_id)
        name = _check_name(session, name, parent_id)
        count = session.scalar(select(func.count()).select_from(ThemeRow)) or 0
        position = (session.scalar(select(func.max(ThemeRow.position))) or 0) + 1
        # A new theme's colour is the palette's farthest from those in use (and from the
        # selection), not the next entry in turn, which could nearly repeat a theme.
        color = _check_color(color) if color else next_color(
            session.scalars(select(ThemeRow.color)))
        stamp, author = now_utc(), default_author()
        row = ThemeRow(name=name, color=color,
                       parent_id=parent_id, description=description,
                       position=position if count else 0, created_by=author, created=stamp,
                       modified_by=author, modified=stamp)
        session.add(row)
        session.flush()
        theme = theme_from_row(row)
    return Change("theme-added", theme_ids={theme.id}, theme=theme)


def update_theme(project: Project, theme_id: int, *, name: str | None = None,
                 color: str | None = None, parent_id: object = _UNSET,
                 description: str | None = None, position: int | None = None) -> Change:
    """Rename, recolour, re-parent, describe or move a theme; snapshot = previous Theme."""
    with project.transaction() as session:
        row = _get(session, project, theme_id)
        before = theme_from_row(row)
        new_parent = row.parent_id if parent_id is _UNSET else parent_id
        if new_parent is not None:
            ancestor = _get(session, project, new_parent)
            while ancestor is not None:
                if ancestor.id == theme_id:
                    raise CodebookError(f"{row.name!r} cannot be placed under its own sub-theme.")
                ancestor = session.get(ThemeRow, ancestor.parent_id) if ancestor.parent_id else None
        if name is not None or new_parent != row.parent_id:
            row.name = _check_name(session, name if name is not None else row.name, new_parent,
                                   theme_id)
        row.parent_id = new_parent
        if color is not None:
            row.color = _check_color(color)
        if description is not None:
            row.description = description
        if position is not None:
            row.position = position
        if theme_from_row(row) != before:  # an edit, not a no-op: record who and when
            row.modified, row.modified_by = now_utc(), default_author()
        after = theme_from_row(row)
    return Change("theme-changed", theme_ids={theme_id}, theme=after, snapshot=before)


def restore_theme(project: Project, theme: Theme) -> Change:
    """Put a theme's fields back as they were (undo of update_theme)."""
    return update_theme(project, theme.id, name=theme.name, color=theme.color,
                        parent_id=theme.parent_id, description=theme.description,
                        position=theme.position)


def _snapshot(session, theme_ids: list[int]) -> ThemeSnapshot:
    snapshot = ThemeSnapshot()
    for theme_id in theme_ids:
        snapshot.themes.append(theme_from_row(session.get(ThemeRow, theme_id)))
    links = session.execute(select(AnnotationThemeRow.annotation_id, AnnotationThemeRow.theme_id,
                                   AnnotationThemeRow.position)
                            .where(AnnotationThemeRow.theme_id.in_(theme_ids)))
    snapshot.links = [tuple(link) for link in links]
    children = session.scalars(select(ThemeRow).where(ThemeRow.parent_id.in_(theme_ids)))
    snapshot.parents = {child.id: child.parent_id for child in children}
    return snapshot


def _cable_ids_of(session, annotation_ids: set[str]) -> set[str]:
    if not annotation_ids:
        return set()
    return set(session.scalars(select(AnnotationRow.cable_id)
                               .where(AnnotationRow.id.in_(annotation_ids))))


def merge_themes(project: Project, source_id: int, target_id: int) -> Change:
    """Fold ``source`` into ``target``: its annotations and sub-themes move; it is removed."""
    if source_id == target_id:
        raise CodebookError("A theme cannot be merged into itself.")
    with project.transaction() as session:
        source = _get(session, project, source_id)
        _get(session, project, target_id)
        snapshot = _snapshot(session, [source_id, target_id])
        has_target = {a for a, t, _ in snapshot.links if t == target_id}
        moved = {a for a, t, _ in snapshot.links if t == source_id}
        for annotation_id, theme_id, position in snapshot.links:
            if theme_id == source_id and annotation_id not in has_target:
                session.add(AnnotationThemeRow(annotation_id=annotation_id, theme_id=target_id,
                                               position=position))
        session.execute(delete(AnnotationThemeRow)
                        .where(AnnotationThemeRow.theme_id == source_id))
        for child in session.scalars(select(ThemeRow).where(ThemeRow.parent_id == source_id)):
            child.parent_id = target_id
        session.delete(source)
        cables = _cable_ids_of(session, moved)
    return Change("themes-merged", cable_ids=cables, annotation_ids=moved,
                  theme_ids={source_id, target_id}, snapshot=snapshot)


def delete_theme(project: Project, theme_id: int, reassign_to: int | None = None) -> Change:
    """Delete a theme. Its annotations move to ``reassign_to`` when given; otherwise they
    lose this theme but are kept (with their other themes, or none). Sub-themes move up."""
    if reassign_to == theme_id:
        raise CodebookError("The annotations of a deleted theme cannot move to that same theme.")
    if reassign_to is not None:
        change = merge_themes(project, theme_id, reassign_to)
        change.kind = "theme-removed"
        return change
    with project.transaction() as session:
        row = _get(session, project, theme_id)
        snapshot = _snapshot(session, [theme_id])
        touched = {a for a, _, _ in snapshot.links}
        for child in session.scalars(select(ThemeRow).where(ThemeRow.parent_id == theme_id)):
            child.parent_id = row.parent_id
        session.execute(delete(AnnotationThemeRow).where(AnnotationThemeRow.theme_id == theme_id))
        session.delete(row)
        cables = _cable_ids_of(session, touched)
    return Change("theme-removed", cable_ids=cables, annotation_ids=touched,
                  theme_ids={theme_id}, snapshot=snapshot)


def restore_snapshot(project: Project, snapshot: ThemeSnapshot) -> Change:
    """Undo a merge or delete: themes, links and sub-theme parents as they were."""
    with project.transaction() as session:
        for theme in snapshot.themes:
            row = session.get(ThemeRow, theme.id) or ThemeRow(id=theme.id)
            row.name, row.color, row.parent_id = theme.name, theme.color, theme.parent_id
            row.description, row.position = theme.description, theme.position
            if theme.uid:
                row.uid = theme.uid
            row.created_by, row.created = theme.created_by, theme.created
            row.modified_by, row.modified = theme.modified_by, theme.modified
            session.add(row)
        session.flush()
        theme_ids = [theme.id for theme in snapshot.themes]
        session.execute(delete(AnnotationThemeRow)
                        .where(AnnotationThemeRow.theme_id.in_(theme_ids)))
        session.flush()
        for annotation_id, theme_id, position in snapshot.links:
            session.add(AnnotationThemeRow(annotation_id=annotation_id, theme_id=theme_id,
                                           position=position))
        for child_id, parent_id in snapshot.parents.items():
            child = session.get(ThemeRow, child_id)
            if child is not None:
                child.parent_id = parent_id
        touched = {a for a, _, _ in snapshot.links}
        cables = _cable_ids_of(session, touched)
    return Change("themes-restored", cable_ids=cables, annotation_ids=touched,
                  theme_ids=set(theme_ids), snapshot=snapshot)
