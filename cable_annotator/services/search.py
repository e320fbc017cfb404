"""Full-text search across a project's cables: ranked hits located to the character.

A hit names the part (``body`` or ``footnote KEY``) and the code-point offsets of the
matched words in that part's text — the same coordinates annotations use — so the window
can mark it, the command line can give its printed page, and a reader can tag it.
Whatever the reader types is a valid search (see ``fulltext.fts_query``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..storage import fulltext
from ..storage.models import CableRow
from ..storage.project import Project

SNIPPET_CONTEXT = 40
"""Characters shown on each side of a hit in its snippet."""


@dataclass(frozen=True)
class SearchHit:
    """One occurrence of the query: where it lies and a line of text around it."""

    cable_id: str
    number: str
    title: str
    part: str
    start: int
    end: int
    snippet: str


def search(project: Project, query: str, limit: int = 200,
           cable_id: str | None = None) -> list[SearchHit]:
    """Hits of ``query``, best-ranked part (bm25) first and in text order within a part;
    at most ``limit`` of them. ``cable_id`` restricts the search to one cable."""
    expression = fulltext.fts_query(query)
    if expression is None or limit <= 0:
        return []
    hits: list[tuple[str, str, int, int, str]] = []
    with project.reading() as session:
        for match in fulltext.find_parts(session, expression, cable_id, limit_spans=limit):
            for start, end in merge_adjacent(match.text, match.spans):
                hits.append((match.cable_id, match.part, start, end,
                             snippet(match.text, start, end)))
        hits = hits[:limit]
        titles = _titles(session, {hit[0] for hit in hits})
    return [SearchHit(cable, *titles.get(cable, ("", "")), part, start, end, text)
            for cable, part, start, end, text in hits]


def count_hits(project: Project, query: str, limit: int = 1000) -> int:
    """How many hits ``search`` would give (at most ``limit``), without their snippets or
    titles: the window's summary line needs only the number."""
    expression = fulltext.fts_query(query)
    if expression is None or limit <= 0:
        return 0
    total = 0
    with project.reading() as session:
        for match in fulltext.find_parts(session, expression, None, limit_spans=limit):
            total += len(merge_adjacent(match.text, match.spans))
            if total >= limit:
                return limit
    return total


def matching_cables(project: Project, query: str) -> list[str]:
    """Ids of every cable whose text, footnotes or title match ``query``, best first."""
    expression = fulltext.fts_query(query)
    if expression is None:
        return []
    with project.reading() as session:
        return fulltext.matching_cable_ids(session, expression)


def merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans separated only by a space or punctuation: ``arms race`` typed without
    quotes and found side by side on a line (or ``U.S. Government``) is one hit, as the reader
    thinks of it, not two."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        gap = text[merged[-1][1]:start] if merged else "x"
        if len(gap) <= 3 and "\n" not in gap and not any(c.isalnum() for c in gap):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> str:
    """The hit with about ``context`` characters either side, cut at word boundaries and
    on one line (a snippet is read in a list, where line breaks mislead)."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0 and not text[left - 1].isspace():
        left = next((i + 1 for i in range(left, start) if text[i].isspace()), left)
    if right < len(text) and not text[right].isspace():
        right = next((i for i in range(right, end, -1) if text[i].isspace()), right)
    body = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + body + ("…" if right < len(text) else "")


def _titles(session, cable_ids: set[str]) -> dict[str, tuple[str, str]]:
    if not cable_ids:
        return {}
    rows = session.execute(select(CableRow.id, CableRow.number, CableRow.title)
                           .where(CableRow.id.in_(cable_ids)))
    return {row[0]: (row[1], row[2]) for row in rows}


@dataclass(frozen=True)
class FindOutcome:
    """Everything the find box shows for one query: the matching documents (best first),
    the number of hits in all of them (at most ``total_limit``) and the hits in the open
    cable. Computed in one go, off the GUI thread, as the reader types."""

    query: str
    matching: list[str]
    total: int
    hits_here: list[SearchHit]


def find_outcome(project: Project, query: str, cable_id: str | None,
                 total_limit: int = 1000) -> FindOutcome:
    """The find box's three questions about ``query``, answered from the store."""
    hits_here = (search(project, query, limit=100_000, cable_id=cable_id)
                 if cable_id is not None else [])
    return FindOutcome(query, matching_cables(project, query),
                       count_hits(project, query, limit=total_limit), hits_here)
