"""Anchoring passages by quote and context, and finding them again in a changed text.

Follows the W3C TextQuoteSelector approach used by Hypothesis, in three steps that each
must be sure of themselves, because a highlight moved onto other words is worse than one
reported as lost (a corrected re-import once moved "an arms race could ensue", whose clause
was deleted, onto "an arms race. He should" three paragraphs on):

1. **position** — the stored offsets, if the text there is still the quote;
2. **exact** — an exact occurrence of the quote whose context (the ~32 characters before
   and after) still agrees on at least one side, the best such one (nearest the old place
   on a tie); a unique long quote needs no context;
3. **fuzzy** — an approximate match (rapidfuzz's Indel similarity) whose quote *and*
   context both clear a threshold, as Hypothesis scores quote, prefix and suffix.

Anything else is not placed (None): the caller keeps the annotation as orphaned. The stored
quote is never rewritten by re-anchoring: it is what the reader highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_LENGTH = 32

QUOTE_THRESHOLD = 0.75
"""Fuzzy placement: least similarity of the quote to the words it is placed on."""
CONTEXT_THRESHOLD = 0.6
"""Fuzzy placement: least mean similarity of the context before and after."""
COMBINED_THRESHOLD = 0.82
"""Fuzzy placement: least mean of the two: a reworded quote needs its context intact, a
quote whose context changed must itself be nearly unchanged."""
EXACT_CONTEXT_THRESHOLD = 0.6
"""Exact placement: least similarity of the better side of the context."""
SELF_EVIDENT_QUOTE = 24
"""A quote this long that occurs exactly once is its own evidence."""
_EDGE_SLACK = 6
"""How far the fuzzy step moves each edge of a candidate to fit the quote best."""


@dataclass(frozen=True)
class QuoteSelector:
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    """Where a passage was found: offsets, and how (``position``, ``exact``, ``fuzzy``)."""

    start: int
    end: int
    method: str
    score: float = 1.0


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


def similarity(a: str, b: str) -> float:
    """0–1 Indel similarity (rapidfuzz); two empty strings are alike."""
    if not a and not b:
        return 1.0
    from rapidfuzz import fuzz  # (imported when first needed, not at every start: 12 ms)

    return fuzz.ratio(a, b, processor=None) / 100.0


def _prefix_score(text: str, start: int, selector: QuoteSelector) -> float:
    """How well the text before ``start`` matches the stored prefix. A passage stored at
    the very start of its text (no prefix) gives no evidence either way: 1."""
    if not selector.prefix:
        return 1.0
    return similarity(text[max(0, start - len(selector.prefix)) : start], selector.prefix)


def _suffix_score(text: str, end: int, selector: QuoteSelector) -> float:
    if not selector.suffix:
        return 1.0
    return similarity(text[end : end + len(selector.suffix)], selector.suffix)


def _context_scores(text: str, start: int, end: int,
                    selector: QuoteSelector) -> tuple[float, float]:
    return _prefix_score(text, start, selector), _suffix_score(text, end, selector)


def place(text: str, selector: QuoteSelector, start: int, end: int) -> Placement | None:
    """Find the passage described by ``selector`` (last seen at ``start:end``) in ``text``,
    a possibly changed text; None when it cannot be placed with confidence."""
    quote = selector.quote
    if not quote:
        return None
    if start >= 0 and text[start:end] == quote:
        return Placement(start, start + len(quote), "position")
    exact = _place_exactly(text, selector, start)
    if exact is not None:
        return exact
    return _place_fuzzily(text, selector, start)


def reanchor(text: str, selector: QuoteSelector, start: int, end: int) -> tuple[int, int] | None:
    """``place`` as plain offsets (or None)."""
    found = place(text, selector, start, end)
    return None if found is None else (found.start, found.end)


def _place_exactly(text: str, selector: QuoteSelector, start: int) -> Placement | None:
    quote = selector.quote
    candidates: list[int] = []
    index = text.find(quote)
    while index >= 0:
        candidates.append(index)
        index = text.find(quote, index + 1)
    if not candidates:
        return None
    scored = []
    for at in candidates:
        before, after = _context_scores(text, at, at + len(quote), selector)
        scored.append((max(before, after), (before + after) / 2, -abs(at - start), at))
    best_side, best_mean, _distance, at = max(scored)
    self_evident = len(candidates) == 1 and len(quote) >= SELF_EVIDENT_QUOTE
    if best_side < EXACT_CONTEXT_THRESHOLD and not self_evident:
        return None
    return Placement(at, at + len(quote), "exact", best_mean)


def _alignment(needle: str, haystack: str, offset: int) -> tuple[int, int] | None:
    """The span of ``haystack`` (shifted by ``offset``) most like ``needle``."""
    if not needle or not haystack:
        return None
    if len(needle) > len(haystack):
        return offset, offset + len(haystack)
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(needle, haystack, processor=None)
    if found is None or found.score == 0:
        return None
    return offset + found.dest_start, offset + found.dest_end


def _candidates(text: str, selector: QuoteSelector, start: int) -> set[tuple[int, int]]:
    """Spans worth scoring: the quote's best match in the whole text and near its old
    place, and the stretch between where its prefix and its suffix are found near there."""
    quote = selector.quote
    spans: set[tuple[int, int]] = set()
    whole = _alignment(quote, text, 0)
    if whole:
        spans.add(whole)
    reach = 2 * len(quote) + 4 * CONTEXT_LENGTH + 200
    low, high = max(0, start - reach), min(len(text), start + len(quote) + reach)
    near = _alignment(quote, text[low:high], low)
    if near:
        spans.add(near)
    if selector.prefix and selector.suffix:
        before = _alignment(selector.prefix, text[low:high], low)
        if before:
            limit = min(len(text), before[1] + 2 * len(quote) + len(selector.suffix))
            after = _alignment(selector.suffix, text[before[1]:limit], before[1])
            if after and after[0] > before[1]:
                spans.add((before[1], after[0]))
    return spans


def _refine(text: str, quote: str, start: int, end: int) -> tuple[float, int, int]:
    """Move each edge a few characters to fit the quote best: (similarity, start, end)."""
    best = (similarity(text[start:end], quote), start, end)
    for new_start in range(max(0, start - _EDGE_SLACK), start + _EDGE_SLACK + 1):
        for new_end in range(max(new_start + 1, end - _EDGE_SLACK),
                             min(len(text), end + _EDGE_SLACK) + 1):
            score = similarity(text[new_start:new_end], quote)
            if score > best[0]:
                best = (score, new_start, new_end)
    return best


def _place_fuzzily(text: str, selector: QuoteSelector, start: int) -> Placement | None:
    quote = selector.quote
    best: Placement | None = None
    for span_start, span_end in _candidates(text, selector, start):
        if span_end <= span_start:
            continue
        score, at, to = _refine(text, quote, span_start, span_end)
        at, to = _trim_like(text, quote, at, to)
        if to <= at:
            continue
        before, after = _context_scores(text, at, to, selector)
        context = (before + after) / 2
        combined = (score + context) / 2
        if (score < QUOTE_THRESHOLD or context < CONTEXT_THRESHOLD
                or combined < COMBINED_THRESHOLD):
            continue
        if best is None or combined > best.score:
            best = Placement(at, to, "fuzzy", combined)
    return best


def _trim_like(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace the fuzzy window took in at either edge that the quote lacks."""
    if not quote[:1].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not quote[-1:].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end
