"""Annotations and themes: what a reader says about a passage.

An annotation is anchored twice, after the W3C Web Annotation model: by position
(``start``/``end`` in code points of its part's text) for speed, and by the exact quote
with some context on either side so that it can be found again when the text changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone


def now_utc() -> str:
    """The current time as an ISO 8601 UTC timestamp with seconds, as stored and exported."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def new_annotation_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Theme:
    """A code of the codebook. Themes form a tree through ``parent_id``."""

    id: int | None
    name: str
    color: str = "#f2c94c"
    parent_id: int | None = None
    description: str = ""
    position: int = 0
    uid: str = ""  # stable across copies of the project (``id`` is one file's)
    created_by: str = ""
    created: str = ""
    modified_by: str = ""
    modified: str = ""


@dataclass
class Annotation:
    """A highlighted passage with its themes and note.

    ``orphaned`` is set when a re-imported text no longer holds the quote: the
    annotation is kept and shown apart, never deleted.
    """

    id: str
    cable_id: str
    part: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    theme_ids: list[int] = field(default_factory=list)
    note: str = ""
    author: str = ""
    created: str = field(default_factory=now_utc)
    modified: str = field(default_factory=now_utc)
    orphaned: bool = False
    modified_by: str = ""  # who made the last edit (``author`` made the annotation)
    version: str = field(default_factory=new_annotation_id)  # changes with each edit
    conflict: str = ""  # an unresolved merge conflict: "both-changed" or "deleted-here"…
    conflict_of: str = ""  # …and the annotation it conflicts with (the other version)


def theme_path(theme: Theme, themes_by_id: dict[int, Theme]) -> str:
    """The theme's name with its ancestors, ``Parent/Child``, as exported."""
    names = [theme.name]
    seen = {theme.id}
    parent_id = theme.parent_id
    while parent_id is not None and parent_id in themes_by_id and parent_id not in seen:
        parent = themes_by_id[parent_id]
        names.append(parent.name)
        seen.add(parent_id)
        parent_id = parent.parent_id
    return "/".join(reversed(names))


def tree_order(themes: list[Theme]) -> list[tuple[Theme, int]]:
    """Themes as the codebook shows them — each followed by its sub-themes — with depth.

    ``themes`` come in codebook order (which also gives the digit shortcuts); a theme whose
    parent is missing is shown at the top level.
    """
    ids = {theme.id for theme in themes}
    children: dict[int | None, list[Theme]] = {}
    for theme in themes:
        parent = theme.parent_id if theme.parent_id in ids else None
        children.setdefault(parent, []).append(theme)
    out: list[tuple[Theme, int]] = []
    seen: set[int | None] = set()

    def visit(parent: int | None, depth: int) -> None:
        for theme in children.get(parent, []):
            if theme.id not in seen:
                seen.add(theme.id)
                out.append((theme, depth))
                visit(theme.id, depth + 1)

    visit(None, 0)
    out.extend((theme, 0) for theme in themes if theme.id not in seen)  # cycles, if any
    return out
