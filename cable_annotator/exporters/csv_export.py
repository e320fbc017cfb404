"""Annotations as CSV for R, pandas and Excel: one row per annotation (or per theme).

UTF-8, RFC 4180 quoting (the csv module, CRLF line ends), every field in quotes so that a
``;`` or ``|`` inside a cell is never taken for a separator by a spreadsheet that splits on
it. A cell a spreadsheet could run as a formula is prefixed with an apostrophe, as OWASP
advises against CSV injection — and not only when its very first character is ``=``, ``+``,
``-``, ``@``, tab or carriage return: Excel and LibreOffice skip leading spaces, line
breaks, no-break and zero-width spaces, a byte-order mark and quotes before they look,
read full-width ``＝ ＋ － ＠`` as the ASCII signs, and ``|`` and ``%`` open DDE links and
encoded payloads (``%0A=``). So the guard looks at the first character that is none of
those ignorable ones, folded by Unicode compatibility (NFKC), on every column.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from ..app_info import made_by
from ..domain.annotation import Annotation, Theme, theme_path
from ..domain.cable import Cable
from ..domain.citation import cite
from ..domain.volume import Volume

COLUMNS = (
    "annotation_id", "cable_id", "volume", "document_number", "cable_title", "cable_date",
    "part", "paragraph", "page", "start", "end", "quote", "themes", "note", "author",
    "created", "modified", "citation",
    "mrn", "dtg",  # raw telegrams (AAD, PlusD): message reference number, date-time group
    "exported_with",
)
THEME_SEPARATOR = "; "
FORMULA_TRIGGERS = frozenset("=+-@|%\t\r\n\u2212")
"""Characters that make a spreadsheet evaluate a cell (U+2212 is the minus sign)."""
_SKIPPED_QUOTES = frozenset("\"'`;,")
UTF8_BOM = "\ufeff"


def _ignorable(char: str) -> bool:
    """Characters a spreadsheet passes over before deciding a cell is a formula."""
    return (char.isspace() or char in _SKIPPED_QUOTES
            or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp"))


def starts_like_formula(value: str) -> bool:
    """True when a spreadsheet could evaluate ``value``: its first character is a formula
    sign, or the first one after ignorable characters is (after NFKC folding)."""
    if not value:
        return False
    if value[0] in FORMULA_TRIGGERS:
        return True
    for char in value:
        if _ignorable(char) and char not in FORMULA_TRIGGERS:
            continue
        folded = unicodedata.normalize("NFKC", char)
        return bool(folded) and folded[0] in FORMULA_TRIGGERS
    return False


@dataclass(frozen=True)
class AnnotatedCable:
    """A cable with its volume and annotations: what one export step needs."""

    cable: Cable
    volume: Volume | None
    annotations: list[Annotation]


def neutralise(value: str) -> str:
    """Defuse a cell that a spreadsheet would evaluate as a formula."""
    if starts_like_formula(value):
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
            "citation": cite(cable, item.volume, pages, paragraph, annotation.part),
            "mrn": cable.telegram.mrn if cable.telegram is not None else "",
            "dtg": cable.telegram.dtg if cable.telegram is not None else "",
            "exported_with": made_by(),  # which release wrote the file: 'Cable Annotator 0.1.0'
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
    csv.writer(destination, lineterminator="\r\n").writerow(COLUMNS)  # plain names
    writer = csv.writer(destination, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    count = 0
    for item in items:
        for row in annotation_rows(item, themes_by_id, long):
            writer.writerow([neutralise(row[column]) for column in COLUMNS])
            count += 1
    return count
