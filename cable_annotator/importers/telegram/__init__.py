"""Raw State Department telegrams — AAD and PlusD text, typed archive copies, and AAD's
labelled-field records — as domain Cables, one per telegram.

The modules each read one part of the format: ``cleaning`` (archive marks), ``dtg``
(date-time group), ``addresses`` (FM/TO/INFO), ``header`` (the header lines in order),
``tags`` (TAGS decoded from ``resources/telegram_tags.json``), ``references`` (REF
lines), ``body`` (paragraphs and quoted traffic), ``aad_fields`` (labelled records) and
``build`` (the Cable). Nothing here touches a project or Qt.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...collector import collector_paused
from ...domain.cable import Cable
from ..errors import ImportFailed
from ..plaintext import decode_text_file
from .aad_fields import looks_labelled, split_records
from .build import NotATelegram, build_cable
from .detect import looks_like_telegram

__all__ = ["looks_like_telegram", "parse_telegrams", "read_telegram_file",
           "split_raw_telegrams"]


def parse_telegrams(text: str, source: Path | str = "text") -> list[Cable]:
    """Every telegram in ``text``: AAD/PlusD records, or raw telegrams (one, or several
    one after another, each ended by ``NNNN``).

    Raises ImportFailed naming ``source`` (and the record's line) when a telegram lacks
    what identifies it — nothing is half-imported."""
    if not text.strip():
        raise ImportFailed(source, "there is no text to import")
    if looks_labelled(text):
        with collector_paused():  # thousands of records, lasting objects, no cycles
            return _records(text, source)
    chunks = split_raw_telegrams(text)
    if len(chunks) == 1:
        try:
            return [build_cable(text)]
        except NotATelegram as error:
            raise ImportFailed(source, f"this is not a raw telegram: {error}") from None
    cables = []
    for line, chunk in chunks:
        try:
            cables.append(build_cable(chunk))
        except NotATelegram as error:
            raise ImportFailed(source, f"this telegram is not complete: {error}",
                               line=line) from None
    return _unique(cables, source)


_END_OF_MESSAGE = re.compile(r"^\s*(?:NNNN|<<\s*END OF DOCUMENT\s*>>)\s*$", re.IGNORECASE)


def split_raw_telegrams(text: str) -> list[tuple[int, str]]:
    """Several raw telegrams copied into one file, one after another: each ends with
    ``NNNN`` (or AAD's ``<< END OF DOCUMENT >>``). Returns (first line, text) pairs; a
    text with one telegram (or none marked) is one chunk."""
    chunks: list[tuple[int, str]] = []
    lines = text.split("\n")
    start = 0
    ends = [n for n, line in enumerate(lines) if _END_OF_MESSAGE.match(line)]
    for end in [*ends, len(lines) - 1]:
        chunk = "\n".join(lines[start:end + 1])
        if chunk.strip():
            if chunks and not looks_like_telegram(chunk):
                # No telegram of its own (a second end mark, a trailing stamp): it belongs
                # to the telegram before it.
                line, before = chunks.pop()
                chunk = before + "\n" + chunk
                chunks.append((line, chunk))
            else:
                chunks.append((start + 1, chunk))
        start = end + 1
    return chunks or [(1, text)]


def _records(text: str, source: Path | str) -> list[Cable]:
    """The cables of AAD or PlusD records, the first bad record failing the whole file."""
    cables = []
    for record in split_records(text):
        source_format = "plusd" if "Canonical ID" in record.labels else "aad"
        try:
            cables.append(build_cable(record.text, record.fields, source_format))
        except NotATelegram as error:
            raise ImportFailed(source, f"this record is not a telegram: {error}",
                               line=record.line) from None
    return _unique(cables, source)


def read_telegram_file(path: Path) -> list[Cable]:
    """The telegrams of one file (UTF-8, with or without byte-order mark, or cp1252)."""
    return parse_telegrams(decode_text_file(path), path)


def _unique(cables: list[Cable], source: Path | str) -> list[Cable]:
    seen: dict[str, Cable] = {}
    for cable in cables:
        if cable.id in seen:
            raise ImportFailed(source, f"holds telegram {cable.id} twice; keep one record")
        seen[cable.id] = cable
    if not seen:
        raise ImportFailed(source, "holds no telegram records")
    return list(seen.values())
