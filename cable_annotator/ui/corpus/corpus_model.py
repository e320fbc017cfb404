"""The corpus as a tree: volumes, then their documents in printed order, with counts.

Items carry ids in custom roles so views and tests never parse display text. The filter
proxy matches the filter box against number, title and date, and can be narrowed to the
cables that hold a theme (the codebook's "filter by theme").
"""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt

from ...domain.citation import human_date, short_date
from ...domain.telegram import is_mrn
from ...domain.volume import describe_volume_id, prints_document_numbers

CABLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VOLUME_ID_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
LABEL_HEAD_ROLE = Qt.ItemDataRole.UserRole + 4
"""The start of a document's label a narrow column must keep whole: number (and date)."""
SHARED_RECIPIENT_ROLE = Qt.ItemDataRole.UserRole + 5
"""The title's ``(sender, recipient)`` when the recipient is what the volume's titles share
(a title too long for the column drops it first), else None."""
_NUMBERS = re.compile(r"\d+")  # the numbers in a title (a telegram's)
_PLAIN_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

NAME_COLUMN, COUNT_COLUMN = 0, 1
_ROOT = QModelIndex()  # the invisible root, as Qt's own signatures default to


def volume_label(volume_id: str, title: str = "") -> str:
    """A short tree label: ``FRUS 1969–1976, vol. E–11, pt. 2`` rather than the full title."""
    described = describe_volume_id(volume_id)
    if described.series == "State Department telegrams":
        return f"Telegrams, {described.volume_label}"
    if described.series.startswith("Foreign Relations of the United States"):
        years = described.series.rsplit(", ", 1)[-1]
        return f"FRUS {years}, {described.volume_label}".rstrip(", ")
    return title or volume_id


def document_label(summary, dated: bool = False) -> str:
    """A corpus row: ``293  Telegram 16696 From …`` for a FRUS document; a raw telegram
    by its MRN and subject (``1974STATE016696  PERUVIAN PURCHASE OF SOVIET TANKS``) —
    every raw telegram's title is "Telegram N From X to Y", which tells one from another
    by nothing. The MRN stands first, as a FRUS number does, so a narrow list cuts the
    subject, never the MRN; the tooltip has both, and the title.

    ``dated``: the title is shared by other documents of the volume (ten "Telegram From
    the Department of State to the Embassy in Argentina" in vol. XII, two unnumbered
    "The Ambassador in Russia (Francis) to the Secretary of State"): the date comes
    before the title, ``173  Sept. 27, 1961  Telegram From …``, where a narrow column that
    cuts the title keeps it (as it does for every page of a volume that printed no
    numbers)."""
    return label_head(summary, dated) + label_rest(summary)


def label_head(summary, dated: bool = False) -> str:
    """The number (an MRN, for a raw telegram), and the date when ``dated``."""
    if is_mrn(summary.number) and summary.subject.strip():
        return f"{summary.number}  "
    if summary.date and (dated or not (summary.number
                                       and prints_document_numbers(summary.volume))):
        # Pages of the volumes of before 1952 printed no numbers and share titles ("The
        # Ambassador in France (Caffery) to the Acting Secretary of State" heads dozens);
        # later volumes repeat titles too (ten telegrams to the Embassy in Argentina): the
        # date tells them apart, before the title so a narrow list keeps it.
        return f"{summary.number or '–'}  {short_date(summary.date)}  "
    return f"{summary.number or '–'}  "


def title_ends(title: str) -> tuple[str, str] | None:
    """A title's sender and recipient, ``("Telegram From the Embassy in Peru", "the
    Department of State")``, or None when it names no recipient."""
    sender, found, recipient = title.rpartition(" to ")
    return (sender, recipient) if found and sender and recipient else None


def shared_recipients(summaries) -> dict[str, tuple[str, str]]:
    """The titles whose recipient tells documents of their volume apart less than their
    sender does, split as ``title_ends`` splits them.

    Cut in the middle, "Telegram From the Department of State to the Embassy in
    Argentina" keeps whom it went to, which is what differs in a volume of telegrams
    from Washington. But the pages of the 1940s are headed "The Ambassador in France
    (Bruce) to the Secretary of State", hundreds to one recipient: cut in the middle they
    all read "The Amb…f State"; and "Telegram From the Embassy in Argentina to the
    Department of State" lost the post it came from. Such a title, cut, drops its
    recipient first, then its sender's start ("…in France (Bruce) to …")."""
    senders: Counter = Counter()
    recipients: Counter = Counter()
    ends = {}
    for summary in summaries:
        parts = title_ends(summary.title)
        if parts is not None:
            ends[summary.id] = parts
            senders[(summary.volume, parts[0])] += 1
            recipients[(summary.volume, parts[1])] += 1
    return {summary.id: ends[summary.id] for summary in summaries
            if summary.id in ends
            and recipients[(summary.volume, ends[summary.id][1])]
            > max(senders[(summary.volume, ends[summary.id][0])], 2)}


def label_rest(summary) -> str:
    """What follows the head: the subject of a raw telegram, else the title."""
    if is_mrn(summary.number) and summary.subject.strip():
        return " ".join(summary.subject.split())
    return summary.title


class _Volume:
    """One volume's row: its label, tooltip and documents in printed order."""

    __slots__ = ("id", "label", "tooltip", "cables")

    def __init__(self, volume_id: str, title: str) -> None:
        self.id = volume_id
        self.label = volume_label(volume_id, title)
        self.tooltip = title or describe_volume_id(volume_id).title
        self.cables: list = []  # CableSummary, in printed order


class CorpusModel(QAbstractItemModel):
    """Volumes → cables; call ``load`` with ``queries.list_cables`` output.

    A model of our own over the summaries rather than a QStandardItemModel: building 2,808
    items for five volumes was a twelfth of the window's start, and every row's text is
    made only when the view paints it. A volume row's internal id is 0; a cable row's is
    its volume's row + 1, which is all ``parent`` needs.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._volumes: list[_Volume] = []
        self._rows: dict[str, tuple[int, int]] = {}  # cable id → (volume row, row)
        self._counts: dict[str, int] = {}
        self._search_texts: dict[str, str] = {}
        self._repeated_titles: set[str] = set()  # ids of documents whose title repeats
        self._shared_recipients: dict[str, tuple[str, str]] = {}  # id → (sender, recipient)

    def load(self, summaries, volume_titles: dict[str, str] | None = None) -> None:
        """Rebuild from cable summaries (already sorted by volume, then document number)."""
        volume_titles = volume_titles or {}
        summaries = list(summaries)
        self.beginResetModel()
        self._volumes, self._rows, self._counts = [], {}, {}
        self._search_texts.clear()
        by_id: dict[str, _Volume] = {}
        for summary in summaries:
            volume = by_id.get(summary.volume)
            if volume is None:
                volume = _Volume(summary.volume, volume_titles.get(summary.volume, ""))
                by_id[summary.volume] = volume
                self._volumes.append(volume)
            self._rows[summary.id] = (len(self._volumes) - 1, len(volume.cables))
            self._counts[summary.id] = summary.annotation_count
            volume.cables.append(summary)
        titles = Counter((summary.volume, summary.title) for summary in summaries)
        self._repeated_titles = {summary.id for summary in summaries
                                 if titles[(summary.volume, summary.title)] > 1}
        self._shared_recipients = shared_recipients(summaries)
        self.endResetModel()

    # -- the tree's shape -------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        if not 0 <= column < 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._volumes) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != NAME_COLUMN:
            return QModelIndex()  # cables have no children; only column 0 has them
        cables = self._volumes[parent.row()].cables
        return self.createIndex(row, column, parent.row() + 1) if row < len(cables) \
            else QModelIndex()

    def parent(self, index: QModelIndex | None = None):  # type: ignore[override]
        if index is None:  # QObject.parent(), which the same name also answers
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, NAME_COLUMN, 0)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._volumes)
        if parent.internalId() == 0 and parent.column() == NAME_COLUMN:
            return len(self._volumes[parent.row()].cables)
        return 0

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        return 2

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return _PLAIN_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Document", "Notes")[section] if 0 <= section < 2 else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._volume_data(self._volumes[index.row()], index.column(), role)
        summary = self._volumes[index.internalId() - 1].cables[index.row()]
        return self._cable_data(summary, index.column(), role)

    def _volume_data(self, volume: _Volume, column: int, role: int):
        if column != NAME_COLUMN:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return volume.label
        if role == VOLUME_ID_ROLE:
            return volume.id
        if role == Qt.ItemDataRole.ToolTipRole:
            cables = len(volume.cables)
            return f"{volume.tooltip}\n{cables} document{'s' * (cables != 1)}"
        return None

    def _cable_data(self, summary, column: int, role: int):
        if role == CABLE_ID_ROLE:
            return summary.id
        if role == COUNT_ROLE:
            return self._counts[summary.id]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return document_label(summary, summary.id in self._repeated_titles)
            count = self._counts[summary.id]
            return str(count) if count else ""
        if column == NAME_COLUMN and role == LABEL_HEAD_ROLE:
            return label_head(summary, summary.id in self._repeated_titles)
        if column == NAME_COLUMN and role == SHARED_RECIPIENT_ROLE:
            return self._shared_recipients.get(summary.id)
        if column == NAME_COLUMN and role == VOLUME_ID_ROLE:
            return summary.volume
        if column == COUNT_COLUMN and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- what the window asks -----------------------------------------------------------

    def index_of(self, cable_id: str) -> QModelIndex:
        place = self._rows.get(cable_id)
        if place is None:
            return QModelIndex()
        volume_row, row = place
        return self.createIndex(row, NAME_COLUMN, volume_row + 1)

    def set_count(self, cable_id: str, value: int) -> None:
        """Update one cable's annotation count in place (after an edit)."""
        index = self.index_of(cable_id)
        if not index.isValid():
            return
        self._counts[cable_id] = value
        self.dataChanged.emit(index, index.siblingAtColumn(COUNT_COLUMN))

    def cable_ids(self) -> list[str]:
        return list(self._rows)

    def max_count(self) -> int:
        """The largest annotation count listed (what the count column must fit)."""
        return max(self._counts.values(), default=0)

    def _summary(self, cable_id: str):
        place = self._rows.get(cable_id)
        return None if place is None else self._volumes[place[0]].cables[place[1]]

    def search_text(self, cable_id: str) -> str:
        """What the filter box matches for a cable: number, title, date and id, lower case."""
        found = self._search_texts.get(cable_id)
        if found is None:
            summary = self._summary(cable_id)
            if summary is None:
                return ""
            shown = summary.subject if is_mrn(summary.number) else ""  # as listed
            # The document's own part of the id ("d173"), not the volume's: "12" matched
            # every document of vol. XII through "frus1961-63v12/…".
            own_id = summary.id.rsplit("/", 1)[-1]
            found = (f"{summary.number or '–'} {summary.title} {shown} "
                     f"{human_date(summary.date)} {own_id}").lower()
            self._search_texts[cable_id] = found
        return found

    def matches_digits(self, cable_id: str, digits: str) -> bool:
        """Whether a filter of digits alone means this document: its number starts with
        them (``35``: docs 35 and 350–359), a number in its title is them (telegram 16696),
        or its year is. "35" listed docs 135 and 235 of every volume, "18" every document
        of a 18th; a day is found with its month ("Jan 18")."""
        summary = self._summary(cable_id)
        if summary is None:
            return False
        number = summary.number or ""
        if number.startswith(digits):
            return True
        if digits in _NUMBERS.findall(summary.title):
            return True
        return bool(summary.date) and summary.date[:4] == digits

    def tooltip(self, index: QModelIndex) -> str:
        """The tooltip of a row: a cable's title, date and id; a volume's title and size."""
        name = index.siblingAtColumn(NAME_COLUMN)
        cable_id = name.data(CABLE_ID_ROLE)
        summary = self._summary(cable_id) if cable_id else None
        if summary is None:
            return name.data(Qt.ItemDataRole.ToolTipRole) or ""
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
        """Change the filter and map the tree afresh. Not Qt's incremental refilter
        (``begin/endFilterChange``, ``invalidateRowsFilter``): it announces each run of
        rows removed or inserted, and the tree view relaid itself out for each — the first
        letter typed over 1,404 documents took 0.2–0.9 s, the box lagging behind the keys.
        A full remap (``invalidate``: one layout change) takes a tenth of that."""
        apply()
        self.invalidate()

    def is_active(self) -> bool:
        return bool(self._words) or self._allowed is not None or self._search is not None

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not self.is_active():
            return True  # (asked once per row at every load: 1,409 rows at start)
        index = self.sourceModel().index(source_row, NAME_COLUMN, source_parent)
        cable_id = index.data(CABLE_ID_ROLE)
        if cable_id is None:  # a volume: shown through its children while filtering
            return False
        if self._allowed is not None and cable_id not in self._allowed:
            return False
        if self._search is None and not self._words:
            return True  # (the row's search text is made only when a filter reads it)
        model = self.sourceModel()
        haystack = model.search_text(cable_id)
        if self._search is not None:
            words, found = self._search
            if cable_id not in found and not (words and all(w in haystack for w in words)):
                return False
        if self._words and all(word.isdigit() for word in self._words):
            # Digits alone are a document number as it is being typed (or a telegram's,
            # or a year); beside a word ("jan 18") they match anywhere, as words do.
            return all(model.matches_digits(cable_id, word) for word in self._words)
        return all(word in haystack for word in self._words)

