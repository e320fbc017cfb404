"""Annotations as list rows: quote, themes, note, page and paragraph, in text order.

Rows are described from the store's objects (``AnnotationRow``) when a view first shows
them, so painting never queries the database and listing thousands costs nothing per row.
``show`` applies a fresh list as inserts, removals and in-place updates, which keeps the
selection and scroll position when one annotation changes.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress

from PySide6.QtCore import QStringListModel, Qt

from ...domain.annotation import Annotation, Theme
from ...domain.cable import Cable
from ...domain.citation import human_date
from ...domain.volume import describe_frus_id

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CABLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 3
THEME_NAMES_ROLE = Qt.ItemDataRole.UserRole + 4
THEME_COLORS_ROLE = Qt.ItemDataRole.UserRole + 5
NOTE_ROLE = Qt.ItemDataRole.UserRole + 6
LOCATION_ROLE = Qt.ItemDataRole.UserRole + 7
ORPHANED_ROLE = Qt.ItemDataRole.UserRole + 8
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 9
AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 10


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
    def byline(self) -> str:
        """``by ana`` (``by ana, edited by ben``), and a merge conflict still to resolve."""
        annotation = self.annotation
        line = f"by {annotation.author}" if annotation.author else ""
        if annotation.modified_by and annotation.modified_by != annotation.author:
            line += f"{', ' if line else ''}edited by {annotation.modified_by}"
        if annotation.conflict:
            line += f"{' · ' if line else ''}merge conflict"
        return line

    @property
    def summary(self) -> str:
        quote = " ".join(self.annotation.quote.split())
        parts = [f"“{quote}”", self.location, ", ".join(self.theme_names)]
        if self.annotation.note:
            parts.append(self.annotation.note)
        parts.append(self.byline)
        return " — ".join(part for part in parts if part)


def short_volume(volume_id: str) -> str:
    """``FRUS 1969–76 E–11 pt. 2`` for ``frus1969-76ve11p2``: enough to tell two volumes
    of one number apart (vol. XII of 1961–63 and of 1969–76); other ids as they are."""
    described = describe_frus_id(volume_id)
    if not described.series.startswith("Foreign Relations of the United States"):
        return volume_id
    years = described.series.rsplit(", ", 1)[-1]
    first, _, second = years.partition("–")
    if second and second[:2] == first[:2]:
        years = f"{first}–{second[2:]}"
    label = described.volume_label.replace("vol. ", "").replace(",", "")
    return f"FRUS {years} {label}".strip()


TITLE_ON_CARD = 48
"""Characters of a document's title a card shows when the document has no number."""


def untitled_label(cable: Cable) -> str:
    """A document without a printed number (pasted, or imported without a volume) on a
    card of "All documents": its title, cut at a word, and its date — a card once said
    only "Arms race · by root" of such a document, and nothing of which it was."""
    title = " ".join(cable.title.split())
    if len(title) > TITLE_ON_CARD:
        title = title[:TITLE_ON_CARD].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    when = human_date(cable.date)
    return ", ".join(piece for piece in (f"“{title}”" if title else "", when) if piece)


def describe_location(cable: Cable, annotation: Annotation, with_document: bool = False) -> str:
    """``p. 780–781 · para 4`` (``FRUS 1969–76 E–11 pt. 2, doc. 293 · `` first for
    project-wide lists; fn. for notes)."""
    pieces = []
    if with_document:
        document = f"doc. {cable.number}" if cable.number else untitled_label(cable)
        pieces.append(", ".join(p for p in (short_volume(cable.volume), document) if p))
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
    elif _wording_changed(cable, annotation):
        pieces.append("wording changed")
    return " · ".join(pieces)


def _wording_changed(cable: Cable, annotation: Annotation) -> bool:
    """Placed by a fuzzy match on a corrected text: the words there differ a little from
    the quote as it was highlighted (which is kept)."""
    try:
        return cable.part_text(annotation.part)[annotation.start:annotation.end] \
            != annotation.quote
    except KeyError:
        return False


class AnnotationListModel(QStringListModel):
    """One row per annotation; all fields available through custom roles.

    The rows are counted in C++: the model is a string list of annotation ids, so a view
    laying out tens of thousands of rows never calls back into Python for the row count
    (``QListView`` asks twice per row, which cost 35 ms at 20,000 rows). ``data`` reads the
    id at the row and describes the annotation when a view first asks (``AnnotationRow``,
    kept until the annotation or the codebook changes), so listing a cable costs nothing
    per annotation beyond its id.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []  # the string list, mirrored for searching
        self._objects: list[Annotation] = []  # the annotation of each row, in row order
        self._annotations: dict[str, Annotation] = {}
        self._rows: dict[str, AnnotationRow] = {}
        self._cables: dict[str, Cable] = {}
        self._themes: dict[int, Theme] = {}
        self._with_document = False

    # -- reading --------------------------------------------------------------------------

    def _id_at(self, row: int) -> str | None:
        if not 0 <= row < self.rowCount():
            return None
        return QStringListModel.data(self, self.index(row), Qt.ItemDataRole.EditRole)

    def row_at(self, row: int) -> AnnotationRow | None:
        """The described row ``row`` (made on first use)."""
        annotation_id = self._id_at(row)
        if annotation_id is None:
            return None
        described = self._rows.get(annotation_id)
        if described is None:
            annotation = self._annotations.get(annotation_id)
            if annotation is None:  # a row being inserted has no id for a moment
                return None
            named = [self._themes[t] for t in annotation.theme_ids if t in self._themes]
            described = AnnotationRow(
                annotation=annotation,
                theme_names=tuple(theme.name for theme in named),
                theme_colors=tuple(theme.color for theme in named),
                cable=self._cables.get(annotation.cable_id),
                with_document=self._with_document,
            )
            self._rows[annotation_id] = described
        return described

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        annotation = row.annotation
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return row.summary
        if role == ANNOTATION_ID_ROLE:
            return annotation.id
        if role == CABLE_ID_ROLE:
            return annotation.cable_id
        if role == QUOTE_ROLE:
            return annotation.quote
        if role == THEME_NAMES_ROLE:
            return list(row.theme_names)
        if role == THEME_COLORS_ROLE:
            return list(row.theme_colors)
        if role == NOTE_ROLE:
            return annotation.note
        if role == LOCATION_ROLE:
            return row.location
        if role == ORPHANED_ROLE:
            return annotation.orphaned
        if role == ANNOTATION_ROLE:
            return annotation
        if role == AUTHOR_ROLE:
            return row.byline
        return None

    def itemData(self, index) -> dict:  # noqa: N802 (not the string list's raw ids)
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ANNOTATION_ID_ROLE)
        return {role: self.data(index, role) for role in roles} if index.isValid() else {}

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        return False  # read-only: rows change through ``show``

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.IgnoreAction

    def roleNames(self) -> dict[int, bytes]:  # noqa: N802
        names = dict(super().roleNames())
        names.update({ANNOTATION_ID_ROLE: b"annotationId", QUOTE_ROLE: b"quote",
                      THEME_NAMES_ROLE: b"themes", NOTE_ROLE: b"note",
                      LOCATION_ROLE: b"location"})
        return names

    def row_of(self, annotation_id: str) -> int:
        try:
            return self._ids.index(annotation_id)
        except ValueError:
            return -1

    def annotation(self, row: int) -> Annotation | None:
        annotation_id = self._id_at(row)
        return self._annotations.get(annotation_id) if annotation_id is not None else None

    def ids(self) -> list[str]:
        return list(self._ids)

    # -- changing -------------------------------------------------------------------------

    def show(self, annotations: list[Annotation], cables: dict[str, Cable],
             themes: dict[int, Theme], with_document: bool = False) -> None:
        """List ``annotations`` in this order, described against ``cables`` and ``themes``
        (``with_document``: with their volume and document, for project-wide lists).

        An edit changes one stretch of a list that may hold thousands of rows: the common
        head and tail are kept (rows whose annotation changed are updated in place) and
        only the stretch between them is removed and inserted, each as one range, which
        keeps the selection and scroll position. Other cables, another codebook or little
        in common with the old list reset the model.
        """
        context_changed = (with_document != self._with_document or themes != self._themes
                           or cables.keys() != self._cables.keys()
                           or any(cables[key] is not self._cables[key]
                                  and cables[key] != self._cables[key] for key in cables))
        new_ids = [annotation.id for annotation in annotations]
        old_ids, old_objects = self._ids, self._objects
        # Common head and tail, compared in C (map) — a cable may list 20,000 rows.
        same = list(map(operator.eq, old_ids, new_ids))
        head = same.index(False) if False in same else len(same)
        same = list(map(operator.eq, reversed(old_ids), reversed(new_ids)))
        tail = same.index(False) if False in same else len(same)
        tail = min(tail, len(old_ids) - head, len(new_ids) - head)
        old_end, new_end = len(old_ids) - tail, len(new_ids) - tail
        if context_changed or 2 * (len(old_ids) - (old_end - head)) < max(len(old_ids),
                                                                         len(new_ids)):
            self._cables, self._themes = dict(cables), dict(themes)
            self._with_document = with_document
            self._replace(annotations, new_ids)
            return
        # Kept rows whose annotation is another object: updated in place if it changed.
        changed = []  # by new position
        for old_start, new_start, count in ((0, 0, head), (old_end, new_end, tail)):
            olds = old_objects[old_start:old_start + count]
            news = annotations[new_start:new_start + count]
            for offset in compress(range(count), map(operator.is_not, olds, news)):
                fresh = news[offset]
                if fresh != olds[offset]:
                    changed.append(new_start + offset)
                self._annotations[fresh.id] = fresh
                self._rows.pop(fresh.id, None)
                old_objects[old_start + offset] = fresh
        if old_end > head:
            self.removeRows(head, old_end - head)
            for annotation_id in old_ids[head:old_end]:
                self._annotations.pop(annotation_id, None)
                self._rows.pop(annotation_id, None)
            del old_ids[head:old_end]
            del old_objects[head:old_end]
        if new_end > head:
            inserted = annotations[head:new_end]
            for annotation in inserted:
                self._annotations[annotation.id] = annotation
                self._rows.pop(annotation.id, None)
            QStringListModel.insertRows(self, head, len(inserted))
            for offset, annotation in enumerate(inserted):
                QStringListModel.setData(self, self.index(head + offset), annotation.id,
                                         Qt.ItemDataRole.EditRole)
            old_ids[head:head] = new_ids[head:new_end]
            old_objects[head:head] = inserted
        for position in changed:
            index = self.index(position)
            self.dataChanged.emit(index, index)

    def _replace(self, annotations: list[Annotation], ids: list[str]) -> None:
        self._annotations = {annotation.id: annotation for annotation in annotations}
        self._rows = {}
        self._ids = list(ids)
        self._objects = list(annotations)
        self.setStringList(ids)
