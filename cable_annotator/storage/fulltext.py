"""Full-text index of a project's cables: SQLite FTS5 beside the ORM tables.

The index is derived data — one FTS5 row per searchable part of a cable (its body, each
footnote, and its title when the body does not already carry it) — so it lives outside
the portable models: a PostgreSQL store would use ``tsvector`` instead, and nothing above
``storage`` knows FTS5 exists. It is created with ``IF NOT EXISTS`` when a project opens
(so files of earlier releases gain it without a migration) and rebuilt when its
fingerprint (index format, number of cables, newest import) no longer matches the cables,
e.g. after an earlier release imported into the file.

Matches are located with FTS5's own ``highlight()``: the markers it inserts are stripped
again in Python, which yields code-point offsets that agree exactly with FTS5's tokenizer
(diacritics, astral characters, ``U.S.-Peruvian``) without re-implementing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session

from ..domain.cable import BODY, Cable
from .index_state import (
    CREATE_STATEMENTS,
    FINGERPRINT_SOURCE,
    INDEX_FORMAT,  # noqa: F401 - part of this module's interface
    INDEX_TABLE,
    STATE_TABLE,
    STORED_FINGERPRINT,
    fingerprint,
)
from .mapping import cable_from_row
from .models import CableRow
from .row_checks import DamagedRow

TITLE = "title"
"""Part name of a title indexed on its own (only when the body does not contain it)."""
_OPEN, _CLOSE = "\x01", "\x02"
"""Markers ``highlight()`` puts around matches; control characters no cable text holds
(a part that does contain one is searched but not located)."""


Executor = Session | Connection


@dataclass(frozen=True)
class PartMatch:
    """One indexed part that matches a query: where the matched words lie in its text."""

    cable_id: str
    part: str
    rank: float
    text: str
    spans: list[tuple[int, int]]


# -- keeping the index ---------------------------------------------------------------------

def ensure_index(engine: Engine) -> bool:
    """Create the index if missing and rebuild it if stale; True when it was (re)built."""
    with engine.begin() as connection:
        existed = connection.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE name = :name"), {"name": INDEX_TABLE}
        ).scalar()
        for statement in CREATE_STATEMENTS:
            connection.execute(text(statement))
        if existed and _stored_fingerprint(connection) == _fingerprint(connection):
            return False
        rebuild(connection)
        return True


def rebuild(executor: Executor) -> None:
    """Index every cable afresh (inside the caller's transaction)."""
    executor.execute(text(f"DELETE FROM {INDEX_TABLE}"))
    if isinstance(executor, Session):
        _insert(executor, map(cable_from_row, executor.scalars(select(CableRow))))
    else:
        with Session(bind=executor) as session:
            _insert(executor, map(cable_from_row, session.scalars(select(CableRow))))
    _store_fingerprint(executor)


def index_cables(executor: Executor, cables: list[Cable]) -> None:
    """Replace the index rows of ``cables`` (call in the transaction that stores them)."""
    remove_cables(executor, [cable.id for cable in cables])
    _insert(executor, cables)
    _store_fingerprint(executor)


def remove_cables(executor: Executor, cable_ids: list[str]) -> None:
    """Drop the index rows of ``cable_ids`` (for re-import, or a deleted cable)."""
    for chunk in _chunks(cable_ids, 500):
        marks = ", ".join(f":c{i}" for i in range(len(chunk)))
        executor.execute(text(f"DELETE FROM {INDEX_TABLE} WHERE cable_id IN ({marks})"),
                         {f"c{i}": cable_id for i, cable_id in enumerate(chunk)})


def searchable_parts(cable: Cable) -> list[tuple[str, str]]:
    """``(part, text)`` pairs of a cable as indexed: body, footnotes, a title not in the body."""
    parts = [(BODY, cable.text)] + [(note.part, note.text) for note in cable.footnotes]
    if cable.title and cable.title not in cable.text:
        parts.append((TITLE, cable.title))
    return [(part, body) for part, body in parts if body]


def _insert(executor: Executor, cables: Iterable[Cable]) -> None:
    rows = [{"cable_id": cable.id, "part": part, "text": body}
            for cable in cables for part, body in searchable_parts(cable)]
    if rows:
        executor.execute(text(f"INSERT INTO {INDEX_TABLE} (cable_id, part, text) "
                              "VALUES (:cable_id, :part, :text)"), rows)


def _fingerprint(executor: Executor) -> str:
    count, newest = executor.execute(text(FINGERPRINT_SOURCE)).one()
    return fingerprint(count, newest)


def _stored_fingerprint(executor: Executor) -> str | None:
    return executor.execute(text(STORED_FINGERPRINT)).scalar()


def _store_fingerprint(executor: Executor) -> None:
    executor.execute(text(f"INSERT OR REPLACE INTO {STATE_TABLE} (key, value) "
                          "VALUES ('fingerprint', :value)"), {"value": _fingerprint(executor)})


# -- querying ------------------------------------------------------------------------------

def fts_query(user_text: str) -> str | None:
    """Turn what a historian types into a safe FTS5 query, or None when nothing is left.

    ``"arms race"`` (quoted) is a phrase; other words must all occur; a trailing ``*`` makes
    a word a prefix. Each word is passed as a quoted FTS5 string, so punctuation
    (``U.S.-Peruvian`` becomes the phrase ``u s peruvian``), operators such as ``NOT`` or
    ``NEAR`` and stray quotes or stars are all plain text and never a syntax error.
    """
    terms = []
    for phrase, prefix in _words(user_text):
        if not any(ch.isalnum() for ch in phrase):
            continue
        quoted = '"' + phrase.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) or None


def _words(user_text: str) -> Iterator[tuple[str, bool]]:
    """``(phrase, prefix?)`` pieces of the input: quoted runs whole, other text by spaces."""
    pieces = user_text.split('"')
    for index, piece in enumerate(pieces):
        quoted = index % 2 == 1
        if quoted:
            following = pieces[index + 1] if index + 1 < len(pieces) else ""
            yield piece.strip(), following.startswith("*")
            continue
        for word in piece.split():
            stripped = word.rstrip("*")
            yield stripped, stripped != word


def find_parts(executor: Executor, query: str, cable_id: str | None = None,
               limit_spans: int | None = None) -> Iterator[PartMatch]:
    """Matching parts, best (bm25) first, each with the spans of its matched words.

    Ranks are computed for every matching part but ``highlight()`` only for the parts
    consumed, so a common word over a thousand documents stays cheap.
    """
    condition = f"{INDEX_TABLE} MATCH :query"
    params: dict = {"query": query}
    if cable_id is not None:
        condition += " AND cable_id = :cable_id"
        params["cable_id"] = cable_id
    ranked = executor.execute(text(
        f"SELECT rowid, cable_id, part, rank FROM {INDEX_TABLE} WHERE {condition} "
        "ORDER BY rank"), params).all()
    found = 0
    for chunk in _chunks(ranked, 16):
        located = _highlight(executor, query, [row[0] for row in chunk])
        for rowid, row_cable, part, rank in chunk:
            body, spans = located.get(rowid, ("", []))
            yield PartMatch(row_cable, part, rank, body, spans)
            found += len(spans)
        if limit_spans is not None and found >= limit_spans:
            return


def matching_cable_ids(executor: Executor, query: str) -> list[str]:
    """Ids of the cables with at least one matching part, best match first."""
    rows = executor.execute(text(
        f"SELECT cable_id, min(rank) AS best FROM {INDEX_TABLE} WHERE {INDEX_TABLE} "
        "MATCH :query GROUP BY cable_id ORDER BY best"), {"query": query})
    return [row[0] for row in rows]


def _highlight(executor: Executor, query: str, rowids: list[int]
               ) -> dict[int, tuple[str, list[tuple[int, int]]]]:
    marks = ", ".join(f":r{i}" for i in range(len(rowids)))
    params = {f"r{i}": rowid for i, rowid in enumerate(rowids)} | {"query": query}
    rows = executor.execute(text(
        f"SELECT rowid, text, highlight({INDEX_TABLE}, 2, :open, :close) FROM {INDEX_TABLE} "
        f"WHERE {INDEX_TABLE} MATCH :query AND rowid IN ({marks})"),
        params | {"open": _OPEN, "close": _CLOSE})
    out = {}
    for rowid, original, marked in rows:
        if not isinstance(original, str) or not isinstance(marked, str):
            raise DamagedRow("The search index", f"its row {rowid} holds "
                             f"{type(original).__name__}, not text")
        if _OPEN in original or _CLOSE in original:
            out[rowid] = (original, [])
            continue
        out[rowid] = (original, spans_of(marked))
    return out


def spans_of(marked: str) -> list[tuple[int, int]]:
    """Code-point spans between the markers of a ``highlight()`` result, as offsets into
    the text without the markers."""
    spans = []
    removed = 0
    position = marked.find(_OPEN)
    while position >= 0:
        close = marked.find(_CLOSE, position)
        if close < 0:
            break
        spans.append((position - removed, close - removed - 1))
        removed += 2
        position = marked.find(_OPEN, close)
    return spans


def _chunks(items: list, size: int) -> Iterator[list]:
    for begin in range(0, len(items), size):
        yield items[begin:begin + size]
