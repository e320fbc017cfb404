"""The corpus as a tree: volumes, then their documents in printed order, with counts.

Items carry ids in custom roles so views and tests never parse display text. The filter
proxy matches the filter box against number, title and date, and can be narrowed to the
cables that hold a theme (the codebook's "filter by theme").
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...domain.citation import human_date
from ...domain.telegram import is_mrn
from ...domain.volume import describe_volume_id

CABLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VOLUME_ID_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
_PLAIN_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

NAME_COLUMN, COUNT_COLUMN = 0, 1


def volume_label(volume_id: str, title: str = "") -> str:
    """A short tree label: ``FRUS 1969–1976, vol. E–11, pt. 2`` rather than the full title."""
    described = describe_volume_id(volume_id)
    if described.series == "State Department telegrams":
        return f"Telegrams, {described.volume_label}"
    if described.series.startswith("Foreign Relations of the United States"):
        years = described.series.rsplit(", ", 1)[-1]
        return f"FRUS {years}, {described.volume_label}".rstrip(", ")
    return title or volume_id


def document_label(summary) -> str:
    """A corpus row: ``293  Telegram 16696 From …`` for a FRUS document; a raw telegram
    by its MRN and subject (``1974STATE016696  PERUVIAN PURCHASE OF SOVIET TANKS``) —
    every raw telegram's title is "Telegram N From X to Y", which tells one from another
    by nothing. The MRN stands first, as a FRUS number does, so a narrow list cuts the
    subject, never the MRN; the tooltip has both, and the title."""
    if is_mrn(summary.number) and summary.subject.strip():
        return f"{summary.number}  {' '.join(summary.subject.split())}"
    return f"{summary.number or '–'}  {summary.title}"


class CorpusModel(QStandardItemModel):
    """Volumes → cables; call ``load`` with ``queries.list_cables`` output."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Document", "Notes"])
        self._cable_rows: dict[str, QPersistentModelIndex] = {}
        self._summaries: dict[str, object] = {}  # cable id → its CableSummary
        self._search_texts: dict[str, str] = {}

    def load(self, summaries, volume_titles: dict[str, str] | None = None) -> None:
        """Rebuild from cable summaries (already sorted by volume, then document number)."""
        volume_titles = volume_titles or {}
        self.removeRows(0, self.rowCount())
        self._cable_rows.clear()
        self._summaries.clear()
        self._search_texts.clear()
        # Each volume is filled while it is not yet in the model, then added whole: one
        # insertion per volume instead of one per document (1,404 at start with five
        # volumes, each passing through the filter proxy).
        volumes: dict[str, QStandardItem] = {}
        ids: dict[str, list[str]] = {}
        for summary in summaries:
            parent = volumes.get(summary.volume)
            if parent is None:
                parent = self._volume_item(summary.volume, volume_titles.get(summary.volume, ""))
                volumes[summary.volume] = parent
                ids[summary.volume] = []
            parent.appendRow(list(self._cable_items(summary)))
            ids[summary.volume].append(summary.id)
        for volume_id, item in volumes.items():
            cables = item.rowCount()
            item.setToolTip(f"{item.toolTip()}\n{cables} document{'s' * (cables != 1)}")
            self.appendRow([item, self._plain_item("")])
            for row, cable_id in enumerate(ids[volume_id]):
                self._cable_rows[cable_id] = QPersistentModelIndex(item.child(row).index())

    def _volume_item(self, volume_id: str, title: str) -> QStandardItem:
        item = self._plain_item(volume_label(volume_id, title))
        item.setData(volume_id, VOLUME_ID_ROLE)
        item.setToolTip(title or describe_volume_id(volume_id).title)
        return item

    def _cable_items(self, summary) -> tuple[QStandardItem, QStandardItem]:
        # The filter's text and the tooltip are made when first asked for (search_text,
        # tooltip): at start with five volumes they were a third of filling the tree.
        name = self._plain_item(document_label(summary))
        name.setData(summary.id, CABLE_ID_ROLE)
        name.setData(summary.volume, VOLUME_ID_ROLE)
        self._summaries[summary.id] = summary
        count = self._plain_item("")
        count.setData(summary.id, CABLE_ID_ROLE)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._write_count(name, count, summary.annotation_count)
        return name, count

    @staticmethod
    def _plain_item(text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setFlags(_PLAIN_FLAGS)  # not editable, not draggable, no drops
        return item

    @staticmethod
    def _write_count(name: QStandardItem, count: QStandardItem, value: int) -> None:
        name.setData(value, COUNT_ROLE)
        count.setData(value, COUNT_ROLE)
        count.setText(str(value) if value else "")

    def index_of(self, cable_id: str) -> QModelIndex:
        persistent = self._cable_rows.get(cable_id)
        return QModelIndex(persistent) if persistent and persistent.isValid() else QModelIndex()

    def set_count(self, cable_id: str, value: int) -> None:
        """Update one cable's annotation count in place (after an edit)."""
        index = self.index_of(cable_id)
        if not index.isValid():
            return
        name = self.itemFromIndex(index)
        count = name.parent().child(index.row(), COUNT_COLUMN)
        self._write_count(name, count, value)

    def cable_ids(self) -> list[str]:
        return list(self._cable_rows)

    def search_text(self, cable_id: str) -> str:
        """What the filter box matches for a cable: number, title, date and id, lower case."""
        found = self._search_texts.get(cable_id)
        if found is None:
            summary = self._summaries.get(cable_id)
            if summary is None:
                return ""
            shown = summary.subject if is_mrn(summary.number) else ""  # as listed
            found = (f"{summary.number or '–'} {summary.title} {shown} "
                     f"{human_date(summary.date)} {summary.id}").lower()
            self._search_texts[cable_id] = found
        return found

    def tooltip(self, index: QModelIndex) -> str:
        """The tooltip of a row: a cable's title, date and id; a volume's title and size."""
        cable_id = index.siblingAtColumn(NAME_COLUMN).data(CABLE_ID_ROLE)
        summary = self._summaries.get(cable_id) if cable_id else None
        if summary is None:
            return index.siblingAtColumn(NAME_COLUMN).data(Qt.ItemDataRole.ToolTipRole) or ""
        when = human_date(summary.date)
        subject = " ".join(summary.subject.split()) if is_mrn(summary.number) else ""
        return "\n".join(part for part in (subject, summary.title, when, summary.id) if part)


class CorpusFilter(QSortFilterProxyModel):
    """Filter-box text plus an optional set of allowed cable ids; volumes follow children."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._words: list[str] = []
        self._allowed: set[str] | None = None
        self._search: tuple[list[str], set[str]] | None = None

    # Each setter returns whether it changed the filter: filtering 1,404 rows again (and
    # expanding the tree) to clear what is not set cost a tenth of the window's start.

    def set_text(self, text: str) -> bool:
        words = text.lower().split()
        if words == self._words:
            return False
        self._refilter(lambda: setattr(self, "_words", words))
        return True

    def set_allowed(self, cable_ids: set[str] | None) -> bool:
        if cable_ids is None and self._allowed is None:
            return False
        self._refilter(lambda: setattr(self, "_allowed", cable_ids))
        return True

    def set_search(self, words: list[str], cable_ids: set[str] | None) -> bool:
        """Narrow to a full-text search: cables whose text matched (``cable_ids``) or whose
        number, title or date hold every word, so ``293`` or ``1974`` still find
        documents. ``None`` ends the search."""
        search = None if cable_ids is None else ([w.lower() for w in words], set(cable_ids))
        if search is None and self._search is None:
            return False
        self._refilter(lambda: setattr(self, "_search", search))
        return True

    def _refilter(self, apply) -> None:
        """Qt 6.9 brackets filter changes; older Qt only knows invalidating afterwards."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def is_active(self) -> bool:
        return bool(self._words) or self._allowed is not None or self._search is not None

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(source_row, NAME_COLUMN, source_parent)
        cable_id = index.data(CABLE_ID_ROLE)
        if cable_id is None:  # a volume: shown when no filter, else through its children
            return not self.is_active()
        if self._allowed is not None and cable_id not in self._allowed:
            return False
        if self._search is None and not self._words:
            return True  # (the row's search text is made only when a filter reads it)
        haystack = self.sourceModel().search_text(cable_id)
        if self._search is not None:
            words, found = self._search
            if cable_id not in found and not (words and all(w in haystack for w in words)):
                return False
        return all(word in haystack for word in self._words)
