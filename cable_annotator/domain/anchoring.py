"""Anchoring passages by quote and context, and finding them again in a changed text.

Follows the W3C TextQuoteSelector approach used by Hypothesis: the stored position is
tried first; then an exact search for the quote (the occurrence whose context matches
best); then a fuzzy search. A passage that cannot be placed is reported as None so the
caller can keep the annotation as orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT_LENGTH = 32


@dataclass(frozen=True)
class QuoteSelector:
    quote: str
    prefix: str
    suffix: str


def select(text: str, start: int, end: int, context: int = CONTEXT_LENGTH) -> QuoteSelector:
    """The quote at ``start:end`` of ``text`` with up to ``context`` characters each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}–{end} lies outside a text of {len(text)} characters")
    return QuoteSelector(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (1-based) exact occurrence of ``quote`` in ``text``."""
    if not quote or occurrence < 1:
        return None
    index = -1
    for _ in range(occurrence):
        index = text.find(quote, index + 1)
        if index < 0:
            return None
    return index, index + len(quote)


def _context_score(text: str, start: int, end: int, selector: QuoteSelector) -> float:
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    score = 0.0
    if selector.prefix:
        score += SequenceMatcher(None, before, selector.prefix).ratio()
    if selector.suffix:
        score += SequenceMatcher(None, after, selector.suffix).ratio()
    return score


def reanchor(
    text: str, selector: QuoteSelector, start: int, end: int, min_ratio: float = 0.75
) -> tuple[int, int] | None:
    """Find the passage described by ``selector`` in ``text`` (a possibly changed text).

    Returns new offsets, or None when the passage cannot be placed.
    """
    quote = selector.quote
    if not quote:
        return None
    if text[start:end] == quote:
        return start, end
    candidates: list[int] = []
    index = text.find(quote)
    while index >= 0:
        candidates.append(index)
        index = text.find(quote, index + 1)
    if candidates:
        best = max(
            candidates,
            key=lambda at: (_context_score(text, at, at + len(quote), selector), -abs(at - start)),
        )
        return best, best + len(quote)
    return _fuzzy_find(text, selector, start, min_ratio)


def _fuzzy_find(
    text: str, selector: QuoteSelector, start: int, min_ratio: float
) -> tuple[int, int] | None:
    """Best approximate match of the quote, searched around its context first."""
    quote = selector.quote
    size = len(quote)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)
    best: tuple[float, int, int] | None = None
    # Seed candidate starts from where long pieces of the quote occur in the text.
    seeds: set[int] = set()
    piece = max(8, size // 4)
    for offset in range(0, max(1, size - piece + 1), max(1, piece // 2)):
        fragment = quote[offset : offset + piece]
        found = text.find(fragment)
        while found >= 0 and len(seeds) < 200:
            seeds.add(max(0, found - offset))
            found = text.find(fragment, found + 1)
    for seed in seeds:
        for length in {size, int(size * 0.9), int(size * 1.1)}:
            for shift in (-4, -2, 0, 2, 4):
                at = max(0, seed + shift)
                candidate = text[at : at + length]
                matcher.set_seq1(candidate)
                ratio = matcher.ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, at, at + len(candidate))
    if best is None or best[0] < min_ratio:
        return None
    return _trim_like(text, quote, best[1], best[2])


def _trim_like(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace the fuzzy window took in at either edge that the quote lacks."""
    if not quote[:1].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not quote[-1:].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end
