"""Annotations as CSV for R, pandas and Excel: one row per annotation (or per theme).

UTF-8, RFC 4180 quoting (the csv module, CRLF line ends). A cell a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed
with an apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from ..domain.annotation import Annotation, Theme, theme_path
from ..domain.cable import Cable
from ..domain.citation import cite
from ..domain.volume import Volume

COLUMNS = (
    "annotation_id", "cable_id", "volume", "document_number", "cable_title", "cable_date",
    "part", "paragraph", "page", "start", "end", "quote", "themes", "note", "author",
    "created", "modified", "citation",
    "mrn", "dtg",  # raw telegrams (AAD, PlusD): message reference number, date-time group
)
THEME_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class AnnotatedCable:
    """A cable with its volume and annotations: what one export step needs."""

    cable: Cable
    volume: Volume | None
    annotations: list[Annotation]


def neutralise(value: str) -> str:
    """Defuse a cell that a spreadsheet would evaluate as a formula."""
    if value and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value



def annotation_rows(
    item: AnnotatedCable, themes_by_id: dict[int, Theme], long: bool = False
) -> Iterator[dict[str, str]]:
    """The CSV rows of one cable's annotations (one per theme in long format)."""
    cable = item.cable
    for annotation in item.annotations:
        placed = not annotation.orphaned
        pages = cable.page_range(annotation.part, annotation.start, annotation.end) \
            if placed else ""
        paths = [theme_path(themes_by_id[t], themes_by_id)
                 for t in annotation.theme_ids if t in themes_by_id]
        paragraph = cable.paragraph_range(annotation.part, annotation.start,
                                          annotation.end) if placed else ""
        row = {
            "annotation_id": annotation.id,
            "cable_id": cable.id,
            "volume": cable.volume,
            "document_number": cable.number,
            "cable_title": cable.title,
            "cable_date": cable.date or "",
            "part": annotation.part,
            "paragraph": paragraph,
            "page": pages,
            # An orphaned annotation's passage vanished from a re-imported text: its old
            # offsets would point at other words, so they are left out.
            "start": "" if annotation.orphaned else str(annotation.start),
            "end": "" if annotation.orphaned else str(annotation.end),
            "quote": annotation.quote,
            "themes": THEME_SEPARATOR.join(paths),
            "note": annotation.note,
            "author": annotation.author,
            "created": annotation.created,
            "modified": annotation.modified,
            "citation": cite(cable, item.volume, pages, paragraph),
            "mrn": cable.telegram.mrn if cable.telegram is not None else "",
            "dtg": cable.telegram.dtg if cable.telegram is not None else "",
        }
        if long:
            for path in paths or [""]:
                yield {**row, "themes": path}
        else:
            yield row


def write_csv(
    destination: TextIO,
    items: Iterable[AnnotatedCable],
    themes: list[Theme],
    long: bool = False,
    excel: bool = False,
) -> int:
    """Write the header and every row to ``destination``; returns the number of rows."""
    themes_by_id = {theme.id: theme for theme in themes if theme.id is not None}
    if excel:
        destination.write(UTF8_BOM)
    writer = csv.writer(destination, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for item in items:
        for row in annotation_rows(item, themes_by_id, long):
            writer.writerow([neutralise(row[column]) for column in COLUMNS])
            count += 1
    return count
