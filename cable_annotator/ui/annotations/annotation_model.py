"""Annotations as list rows: quote, themes, note, page and paragraph, in text order.

Rows are prepared once from the store (``AnnotationRow``) so painting never queries the
database. ``sync`` applies a fresh list as inserts, removals and in-place updates, which
keeps the selection and scroll position when one annotation changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.annotation import Annotation, Theme
from ...domain.cable import Cable

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CABLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 3
THEME_NAMES_ROLE = Qt.ItemDataRole.UserRole + 4
THEME_COLORS_ROLE = Qt.ItemDataRole.UserRole + 5
NOTE_ROLE = Qt.ItemDataRole.UserRole + 6
LOCATION_ROLE = Qt.ItemDataRole.UserRole + 7
ORPHANED_ROLE = Qt.ItemDataRole.UserRole + 8
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 9


@dataclass(eq=True)
class AnnotationRow:
    """What the list shows of one annotation, resolved against its cable and the codebook.

    The location (page and paragraph) is worked out when a view first asks for it, so a
    cable with thousands of annotations lists at once and only visible rows pay for it.
    """

    annotation: Annotation
    theme_names: tuple[str, ...]
    theme_colors: tuple[str, ...]
    cable: Cable | None = field(default=None, compare=False, repr=False)
    with_document: bool = False

    @cached_property
    def location(self) -> str:
        if self.cable is None:
            return ""
        return describe_location(self.cable, self.annotation, self.with_document)

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def summary(self) -> str:
        quote = " ".join(self.annotation.quote.split())
        parts = [f"“{quote}”", self.location, ", ".join(self.theme_names)]
        if self.annotation.note:
            parts.append(self.annotation.note)
        return " — ".join(part for part in parts if part)


def describe_location(cable: Cable, annotation: Annotation, with_document: bool = False) -> str:
    """``p. 780–781 · para 4`` (``doc. 293, `` first for project-wide lists; fn. for notes)."""
    pieces = []
    if with_document and cable.number:
        pieces.append(f"doc. {cable.number}")
    try:
        pages = cable.page_range(annotation.part, annotation.start, annotation.end)
        paragraph = cable.paragraph_range(annotation.part, annotation.start, annotation.end)
    except (KeyError, IndexError):
        pages, paragraph = "", ""
    if pages:
        pieces.append(f"{'pp.' if '–' in pages else 'p.'} {pages}")
    if annotation.part != "body":
        pieces.append(annotation.part.replace("footnote ", "fn. "))
    elif paragraph:
        pieces.append(f"para {paragraph}")
    if annotation.orphaned:
        pieces.append("not found in text")
    return " · ".join(pieces)


def make_rows(annotations: list[Annotation], cables: dict[str, Cable],
              themes: dict[int, Theme], with_document: bool = False,
              cache: dict[str, AnnotationRow] | None = None) -> list[AnnotationRow]:
    """Rows for ``annotations``. With a ``cache`` (id → row of an earlier call made with
    the same themes), a row whose annotation object is unchanged is reused, so refreshing a
    list of thousands after one edit only describes the annotations that changed."""
    rows = []
    for annotation in annotations:
        if cache is not None:
            earlier = cache.get(annotation.id)
            if earlier is not None and earlier.annotation is annotation:
                rows.append(earlier)
                continue
        named = [themes[t] for t in annotation.theme_ids if t in themes]
        rows.append(AnnotationRow(
            annotation=annotation,
            theme_names=tuple(theme.name for theme in named),
            theme_colors=tuple(theme.color for theme in named),
            cable=cables.get(annotation.cable_id),
            with_document=with_document,
        ))
    if cache is not None:
        cache.clear()
        cache.update((row.id, row) for row in rows)
    return rows


class AnnotationListModel(QAbstractListModel):
    """One row per annotation; all fields available through custom roles."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AnnotationRow] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        annotation = row.annotation
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.summary
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary
        values = {
            ANNOTATION_ID_ROLE: annotation.id,
            CABLE_ID_ROLE: annotation.cable_id,
            QUOTE_ROLE: annotation.quote,
            THEME_NAMES_ROLE: list(row.theme_names),
            THEME_COLORS_ROLE: list(row.theme_colors),
            NOTE_ROLE: annotation.note,
            LOCATION_ROLE: row.location,
            ORPHANED_ROLE: annotation.orphaned,
            ANNOTATION_ROLE: annotation,
        }
        return values.get(role)

    def roleNames(self) -> dict[int, bytes]:  # noqa: N802
        names = dict(super().roleNames())
        names.update({ANNOTATION_ID_ROLE: b"annotationId", QUOTE_ROLE: b"quote",
                      THEME_NAMES_ROLE: b"themes", NOTE_ROLE: b"note",
                      LOCATION_ROLE: b"location"})
        return names

    def row_of(self, annotation_id: str) -> int:
        return next((n for n, row in enumerate(self._rows) if row.id == annotation_id), -1)

    def annotation(self, row: int) -> Annotation | None:
        return self._rows[row].annotation if 0 <= row < len(self._rows) else None

    def ids(self) -> list[str]:
        return [row.id for row in self._rows]

    def replace(self, rows: list[AnnotationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def sync(self, rows: list[AnnotationRow]) -> None:
        """Bring the list to ``rows`` with minimal row changes (keeps the selection).

        An edit changes one stretch of a list that may hold thousands of rows: the common
        head and tail are kept (rows whose content changed are updated in place) and only
        the stretch between them is removed and inserted, each as one range. When little
        of the old list survives (another cable was opened) the model is simply reset.
        """
        old = self._rows
        old_ids = [row.annotation.id for row in old]
        new_ids = [row.annotation.id for row in rows]
        head = 0
        limit = min(len(old), len(rows))
        while head < limit and old_ids[head] == new_ids[head]:
            head += 1
        old_end, new_end = len(old), len(rows)
        while old_end > head and new_end > head and old_ids[old_end - 1] == new_ids[new_end - 1]:
            old_end -= 1
            new_end -= 1
        if 2 * (len(old) - (old_end - head)) < max(len(old), len(rows)):
            self.replace(rows)
            return
        for position in [*range(head), *range(old_end, len(old))]:
            fresh = rows[position if position < head else position - old_end + new_end]
            if old[position] is not fresh and old[position] != fresh:
                old[position] = fresh
                index = self.index(position)
                self.dataChanged.emit(index, index)
        if old_end > head:
            self.beginRemoveRows(QModelIndex(), head, old_end - 1)
            del old[head:old_end]
            self.endRemoveRows()
        if new_end > head:
            self.beginInsertRows(QModelIndex(), head, new_end - 1)
            old[head:head] = rows[head:new_end]
            self.endInsertRows()
