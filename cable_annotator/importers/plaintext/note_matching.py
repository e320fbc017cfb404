"""Which numbers in a copied page's text are the markers of its notes.

The note list of a copy restarts at 1, while the markers in the text may be numbered
through the chapter (1861–1945 volumes: "…August 14.58" for the list's "1.") or from 0
(1961–63 volumes: the source note "…Khrushchev0"). :func:`match_markers` tries the shifts
the text suggests and keeps the one that places the markers best;
:func:`markers_without_notes` finds the markers of a copy whose list was not copied.
The search of one marker is ``markers.find_note_markers``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from .markers import (
    DATE_DIGITS,
    LINE_END,
    SHORT_MONTHS,
    STRONG,
    SYMBOLS,
    WEAK,
    Cut,
    Cuts,
    MarkerHit,
    NumberIndex,
    best_occurrence,
    find_note_markers,
    heading_hit,
    occurrences,
    symbol_hit,
)
from .markers import MONTH_NAMES as _MONTH_NAMES

# A number glued to the end of a word, or to punctuation closing a word or a number
# ("Khrushchev0", "August 14.58", "Dulles,3"): the likeliest places of footnote markers.
# Also after a closing bracket or quote that follows a space ("( Rankin )58"), and after a
# space at the end of a line after a word ("Communist China 58", not "NSC 104", a
# paper's name): places a copy's markers stand too.
_GLUED_NUMBER = re.compile(
    r"(?:[^\W\d_][.,;:)\]\"'’”]{0,2}|\d[.,;:)\]\"'’”]{1,2}|\s[)\]’”])(\d{1,3})"
    r"(?=[\s.,;:)\]\"'’”!?—–]|$)|(?<=[A-Za-z] )(\d{1,3})(?=\n|$)"
)
# A marker glued to the day of a date ("August 958" is August 9, note 58).
_GLUED_TO_DAY = re.compile(
    rf"(?:{_MONTH_NAMES}|{SHORT_MONTHS})\s+(\d{{2,5}})(?=[\s.,;:)\]]|$)")
_OFFSET_SAMPLES = 16


def _glued_values(raw: str) -> dict[int, int]:
    """Every number glued to a word or to a day of a date, with where it first occurs."""
    values: dict[int, int] = {}
    for match in _GLUED_NUMBER.finditer(raw):
        group = 1 if match[1] is not None else 2
        values.setdefault(int(match[group]), match.start(group))
    for match in _GLUED_TO_DAY.finditer(raw):
        digits = match[1]
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            continue  # "October 1962" is a year, not October 1 and note 962
        # "Jan 1858" is January 18 and note 58 (a chapter's), not January 1 and note 858:
        # a two-digit day is taken where it can be one.
        for split in (2, 1):
            day, marker = digits[:split], digits[split:]
            if marker and not marker.startswith("0") and 1 <= int(day) <= 31:
                values.setdefault(int(marker), match.start(1) + split)
                break
    return values


def candidate_offsets(raw: str, first_marker: int = 1, count: int = 1,
                      index: NumberIndex | None = None) -> list[int]:
    """How the ``count`` markers in ``raw`` may be numbered relative to a note list
    starting at ``first_marker``: the same (0), from 0 (-1, the source note of 1961–63
    volumes), or from a number glued to a word (through the chapter, 1861–1945 volumes).
    Shifts under which more of the markers exist as glued numbers come first."""
    values = _glued_values(raw)
    if index is not None:  # and markers glued to telegram numbers ("Hicus 4058")
        for value, position in index.series_tails().items():
            if position < len(raw):
                values.setdefault(value, position)
    ordered = sorted(values)

    def support(offset: int) -> int:
        """How many of the shifted markers occur glued somewhere (a range count)."""
        low = first_marker + offset
        return bisect_left(ordered, low + count) - bisect_left(ordered, low)

    shifted = sorted({value - first_marker for value in values} - {0, -1},
                     key=lambda offset: (-support(offset), values[first_marker + offset]))
    # Each shift also one lower: the first marker may hide glued to a number ("Deptel
    # 103558", "April 1758") while the second stands safely ("Embtel 3258, May 17),59").
    offsets: list[int] = []
    for offset in shifted[:_OFFSET_SAMPLES]:
        offsets.extend(candidate for candidate in (offset, offset - 1)
                       if candidate not in offsets and candidate not in (0, -1))
    return [0, -1] + offsets


@dataclass(frozen=True)
class MarkerMatch:
    """The markers of a document's notes as found in its body: the printed markers
    (``markers``), where each was found (None: not found), and their offset from the
    list's numbering."""

    markers: list[str]
    hits: list[MarkerHit | None]
    offset: int


def placed(hits: list[MarkerHit | None], shifted: bool) -> int:
    """How well markers were found: two points for each safe one ("Khrushchev0",
    "August 14.58", "August 958" for August 9), one for each glued to a number
    ("Embtel 771") — which counts only for markers numbered as the list, never for
    shifted ones."""
    safe = sum(hit is not None and hit.tier <= DATE_DIGITS for hit in hits)
    loose = sum(hit is not None for hit in hits) - safe
    return 2 * safe + (0 if shifted else loose)


def _stands_somewhere(index: NumberIndex, marker: str, blocked: Cuts) -> bool:
    """Whether ``marker`` ends some run of digits outside ``blocked`` in the text."""
    if not marker.isdigit():
        return False
    return any(not blocked.overlaps(start, start + len(marker))
               for start in index.starts(marker, 0, len(index.raw) + 1))


def match_markers(raw: str, list_markers: list[str], blocked: Cuts,
                  heading_end: int | None, index: NumberIndex | None = None,
                  zero_source: bool = True) -> MarkerMatch:
    """Find the markers of the listed notes, numbered as the list or shifted.

    The list restarts at 1 on every page; the markers in the text may not. Each plausible
    shift is tried and the one that places the markers best wins (no shift on a tie).
    ``index`` may be that of a longer text ``raw`` begins (the apparatus reader's).
    ``zero_source`` allows markers numbered from 0, as only 1961–63 volumes (with numbered
    headings) number them; an older page's "October 50" is October 5 and note 0 never."""
    if index is None or not index.raw.startswith(raw):
        index = NumberIndex(raw)
    best: MarkerMatch | None = None
    best_score: tuple[int, int, int, int] = (-1, 0, 0, 0)
    numeric = all(marker.isdigit() for marker in list_markers)
    tail_shift = _heading_tail_shift(raw, int(list_markers[0]), heading_end) if (
        numeric and list_markers) else None
    for offset in _shifts(raw, list_markers, heading_end if numeric else None, numeric,
                          index):
        markers = [str(int(marker) + offset) if numeric else marker for marker in list_markers]
        if any(marker.startswith("-") for marker in markers) or (
                offset == -1 and not zero_source):
            continue
        hits = find_note_markers(raw, markers, blocked, heading_end, index=index,
                                 limit=len(raw))
        settled = offset != 0 and offset == tail_shift and hits[0] is not None
        # The title ending in the first marker settles the numbering: the next markers
        # count even glued to numbers ("Hicus 5359"), as they would unshifted.
        score = placed(hits, offset != 0 and not settled)
        if offset != 0 and score < len(markers) and not settled:
            continue  # a shift must place at least half its markers safely
        # At a tie, the shift whose unplaced markers stand in the text all the same (in
        # a title, glued to a number) beats the one whose unplaced markers are nowhere:
        # numbered one too high, a shift finds the same markers but misses its last.
        # No shift wins every tie, then the source note 0 of 1961–63; between other
        # shifts, the one with more markers glued to words ("New Delhi).58") beats one
        # glued to numbers ("Deptel 108").
        strong = sum(hit is not None and hit.tier == STRONG for hit in hits)
        ranked = (score, 2 if offset == 0 else 1 if offset == -1 else 0, strong, sum(
            1 for marker, hit in zip(markers, hits, strict=True)
            if hit is None and _stands_somewhere(index, marker, blocked)))
        if best is None or ranked > best_score:
            best, best_score = MarkerMatch(markers, hits, offset), ranked
        if score == 2 * len(markers) and (offset in (0, -1) or strong == len(markers)):
            break  # every marker found in a safe place
        if settled:
            best = MarkerMatch(markers, hits, offset)
            break  # the title ends in the first marker: the numbering is settled
    assert best is not None
    return best


# A word a lone marker may be glued to: "Daridan1", "Bao Dai1", "p. m.1", "Harriman’s1",
# "resolution”.1", "SC Res?1", "on UNCFI.1", "exercising ….1", not "F1" or "MIG1".
_LONE_MARKER_WORD = re.compile(
    r"(?:[A-Za-z][a-z]{2}(?:[’']s)?[.,;:)’”?!…]{0,2}|[A-Z]{3,}[.,;:)’”?!…]{1,2}|\b[a-z]\.|"
    r"\d[)\]][.,;:]?|…\.?)$")
# …or to the full stop, bracket, comma or colon after a number that ends a sentence or
# clause: "rptd London 461.1 Occasion taken …", "(Embtel 394 Sept 5).1", "Fol receipt
# Hicus 30,1 Sec had …", "Ushic 24:1 Feel obliged …" — the next sentence or line follows.
_LONE_SENTENCE_END = re.compile(r"\s+(?:[A-Z“\"(]|$)")
_SHORT_MONTHS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
# …or to the full stop after a date: "my letter of December 13.1", "June 7.1", "Mar 31.1",
# "on August 3, 1950.1".
_LONE_AFTER_DATE = re.compile(
    rf"(?:(?:{_MONTH_NAMES}|{_SHORT_MONTHS})\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?|"
    rf"(?:{_MONTH_NAMES})\s+\d{{4}})[.,)]{{1,2}}$")


def _shifts(raw: str, list_markers: list[str], heading_end: int | None,
            numeric: bool, index: NumberIndex | None = None) -> Iterator[int]:
    """The shifts to try, none first: the others are worked out only if asked for."""
    yield 0
    if not numeric or not list_markers:
        return
    first = int(list_markers[0])
    offsets = candidate_offsets(raw, first, len(list_markers), index)
    tail = _heading_tail_shift(raw, first, heading_end)
    if tail is not None:
        if tail in offsets:
            offsets.remove(tail)
        offsets.insert(2, tail)
    yield from offsets[1:]


def _heading_tail_shift(raw: str, first: int, heading_end: int | None) -> int | None:
    """The shift a number ending the heading implies ("… to the Secretary of State 58"
    under a list that starts at 1): the first marker, numbered through the chapter."""
    if heading_end is None:
        return None
    tail = re.search(r"(\d{1,3})\s*$", raw[max(0, heading_end - 8):heading_end])
    if tail is None or int(tail[1]) - first in (0, -1):
        return None
    return int(tail[1]) - first


def match_bullets(raw: str, count: int, blocked: Cuts, heading_end: int | None,
                  index: NumberIndex | None = None, zero_source: bool = True) -> MarkerMatch:
    """The markers of ``count`` bulleted notes, which carry no numbers: numbered in order
    as :func:`match_markers` finds them, where a note the text marks "*" may stand between
    two numbers ("… May 4, 1951.*"). Each next note takes whichever comes first in the
    text: the next number, or a "*" glued to a word."""
    listed = [str(n) for n in range(1, count + 1)]
    numbered = match_markers(raw, listed, blocked, heading_end, index, zero_source)
    unshifted = symbols_over_shift(raw, numbered, blocked, heading_end, index)
    if unshifted is not None:
        return unshifted
    if all(hit is not None for hit in numbered.hits):
        return numbered
    return with_symbols(raw, numbered, blocked, heading_end, index)


def symbols_over_shift(raw: str, shifted: MarkerMatch, blocked: Cuts, heading_end: int | None,
                       index: NumberIndex | None = None) -> MarkerMatch | None:
    """The notes taken in order with the text's symbols ("… 1951.*"), unshifted, when
    that places them better than ``shifted`` (a shift read from a number such as "NSC
    104" ending a line): a symbol glued to a word is a marker beyond doubt, a shift a
    guess — at a tie, when every note is a symbol's. None when there is no shift to doubt
    or no symbol to prefer."""
    if shifted.offset == 0 or not any(symbol in raw for symbol in SYMBOLS):
        return None
    count = len(shifted.markers)
    listed = [str(n) for n in range(1, count + 1)]
    unshifted = with_symbols(raw, MarkerMatch(listed, [None] * count, 0), blocked,
                             heading_end, index)
    misses, shifted_misses = unshifted.hits.count(None), shifted.hits.count(None)
    weak_shift = any(hit is not None and hit.tier >= LINE_END for hit in shifted.hits)
    symbols = sum(not marker.isdigit() for marker in unshifted.markers)
    if symbols and (misses < shifted_misses or (
            misses == shifted_misses and weak_shift and symbols == count)):
        return unshifted
    return None


def with_symbols(raw: str, numbered: MarkerMatch, blocked: Cuts, heading_end: int | None,
                 index: NumberIndex | None = None) -> MarkerMatch:
    """The notes of ``numbered`` taken in order of the text, where a note may be marked by
    a symbol ("… May 4, 1951.*", "despatch,† which") between the numbered ones: for
    bullets, which carry no numbers, and for a list renumbered 1, 2, 3 … by the copy (an
    HTML list pasted as text), whose "2." may be the text's "*". Each next note takes
    whichever comes first: the next number, or a symbol glued to a word. ``numbered`` is
    returned when no symbol stands in the text."""
    symbols = [symbol for symbol in SYMBOLS if symbol in raw]
    if not symbols:
        return numbered
    count = len(numbered.markers)
    index = index if index is not None and index.raw.startswith(raw) else NumberIndex(raw)
    expected = next((int(marker) for marker in numbered.markers if marker.isdigit()), 1)
    markers, hits, low = [], [], 0
    for position in range(count):
        by_number = find_note_markers(raw, [str(expected)], blocked,
                                      heading_end if position == 0 else None, index=index,
                                      limit=len(raw), low=low)[0]
        by_symbol = min((hit for hit in (symbol_hit(raw, symbol * repeat, low, len(raw), blocked)
                                         for symbol in symbols for repeat in (1, 2))
                         if hit is not None), key=lambda hit: (hit.at, hit.cut.start - hit.cut.end),
                        default=None)
        if by_symbol is not None and (by_number is None or by_symbol.at < by_number.at):
            markers.append(raw[by_symbol.cut.start:by_symbol.cut.end])
            hits.append(by_symbol)
        else:
            markers.append(str(expected))
            hits.append(by_number)
            expected += 1
        if hits[-1] is not None:
            low = hits[-1].cut.end
    return MarkerMatch(markers, hits, numbered.offset)


def _between(index: NumberIndex, marker: int, low: int, blocked: Cuts) -> MarkerHit | None:
    """A marker of the sequence glued to a number ("Embtel 771") or set off by a space
    ("with Mr. Stalin 2 and", "an aide-mémoire 12 of which"), taken when the next
    marker stands safely after it (glued to a word or to a day, "July 143"): the one
    place of ``marker`` before its successor."""
    following = next((candidate for candidate in occurrences(
        index, str(marker + 1), low, len(index.raw), blocked) if candidate.tier <= DATE_DIGITS),
        None)
    if following is None:
        return None
    return best_occurrence(index, str(marker), low, following.at, blocked)


# A run of one to three of the same symbol glued to what precedes it ("1951.*",
# "Granada.**", "bloc†"), never part of a longer run or of "* * *".
_SYMBOL_RUN = re.compile(r"(?<=[^\s*†‡§])([*†‡§])\1{0,2}(?![*†‡§])")


def with_uncopied_symbols(raw: str, match: MarkerMatch, blocked: Cuts) -> MarkerMatch:
    """``match`` with every note marker that is a symbol ("… May 4, 1951.*", "bloc†")
    added in its place, for a copy whose notes were not copied: a symbol glued to a word
    is a marker, never the text's ("* * *" between words is an ellipsis)."""
    symbol_hits = [
        (run[0], MarkerHit(Cut(run.start(), run.end()), run.start(), STRONG))
        for run in _SYMBOL_RUN.finditer(raw) if not blocked.overlaps(run.start(), run.end())]
    if not symbol_hits:
        return match
    placed_hits = [(marker, hit) for marker, hit in zip(match.markers, match.hits, strict=True)
                   if hit is not None]
    merged = sorted(placed_hits + symbol_hits, key=lambda item: item[1].at)
    return MarkerMatch([marker for marker, _ in merged], [hit for _, hit in merged],
                       match.offset)


_NUMBERED_PARTS = frozenset([
    "attachment", "enclosure", "appendix", "annex", "tab", "exhibit", "part", "chapter",
    "section", "table", "figure", "chart", "map", "draft", "option", "item",
    "recommendation", "recommendations", "conclusion", "conclusions", "question", "problem",
    "phase", "step", "stage", "point", "paper", "report", "study", "memorandum", "no.",
])
"""Parts of a document numbered in their heading ("Attachment 1"): in a copy without
notes, the number is the heading's."""
_SHORT_LINE = 100
"""A heading, a name in a list of participants: a line no longer than this."""


def _ends_short_line(raw: str, hit: MarkerHit) -> bool:
    """Whether ``hit`` is a number set off at the end of a short line after a name, as the
    site sets a note on a heading or on a participant ("Communist China 1", "Mr.
    Hulley—BNA 1"): a marker that opens a copy's sequence. "Annex 1", "Attachment 1" or
    a one-word heading's "Recommendation 1" (the heading's own number) is never taken."""
    if hit.tier != LINE_END or raw[hit.cut.start:hit.cut.start + 1] not in " \t":
        return False
    line_start = raw.rfind("\n", 0, hit.at) + 1
    words = raw[line_start:hit.at].split()
    return hit.cut.end - line_start <= _SHORT_LINE and len(words) >= 2 and (
        words[-1].lower() not in _NUMBERED_PARTS)


def markers_without_notes(raw: str, blocked: Cuts, heading_end: int | None,
                          title_numbered: bool = True) -> MarkerMatch:
    """The footnote markers of a copy whose note list was not copied.

    Only safe places count (a digit after a number or a space may be the text's own):
    glued to a word, to punctuation closing one, or to a date's day ("August 958"), in
    sequence from the first: from the heading's marker, else from a 0 or 1, else from a
    number glued to a word that its successors follow (numbering through the chapter).
    A lone marker counts at the end of the heading, or as 0 or 1 glued to a word
    ("Daridan1") or to the full stop after a date ("December 13.1"). A number after a
    space ends a title as a marker when it is 0 or 1 (the source note, "… Station in
    Saigon 1"), or when the title is unnumbered (older volumes, "… at Saigon 58"); a
    numbered title may end in its own number ("NSC 68").
    An empty match when there is no sequence."""
    index = NumberIndex(raw)
    values = _glued_values(raw)
    chained = sorted((value for value in values if value + 1 in values),
                     key=lambda value: values[value])
    # An older page numbers its markers through the chapter: its one marker may be any
    # number ("… the Turkish Government.32"), where the sentence has ended ("Add.5." is
    # a document's part).
    single = [] if title_numbered else sorted(values, key=lambda value: values[value])
    # …and its title may end in its first marker, set off by a space ("… of a Telephone
    # Conversation 11"): the numbering of the rest follows from it.
    tail = re.search(r"[^\W\d] (\d{1,3})\s*$", raw[:heading_end]) if (
        heading_end is not None and not title_numbered) else None
    titled = [int(tail[1])] if tail else []
    for first in dict.fromkeys([0, 1] + titled + chained[:_OFFSET_SAMPLES]
                               + single[:_OFFSET_SAMPLES]):
        hits: list[MarkerHit | None] = []
        low = 0
        marker = first
        while True:
            hit = None
            if not hits and heading_end is not None:
                hit = heading_hit(raw, str(marker), heading_end)
                if hit is not None and ((raw[hit.at - 1].isdigit() and not (
                        title_numbered and marker == 1)) or (
                        hit.tier != STRONG and title_numbered and marker > 1)):
                    # "Memorandum No. 881", "NSC 68": may be the title's own; but a
                    # numbered heading (1961 on) always ends in its source note's 1,
                    # "… Study Memorandum 1851" being NSSM 185 and note 1.
                    hit = None
            if hit is None:
                # A sequence opens safely: glued to a word, or as 0 or 1 to a day that
                # cannot be one ("urtel 92 Mar 291" is March 29, note 1) or to a telegram
                # number one digit too long for its series ("Gocus 5551").
                # A line-end "Attachment 1" never opens one: it is a heading's number.
                hit = next((candidate for candidate in occurrences(
                    index, str(marker), low, len(raw), blocked)
                    if candidate.tier <= (DATE_DIGITS if hits else WEAK)
                    or (candidate.tier == DATE_DIGITS and marker <= 1)
                    or (not hits and marker <= 1 and _ends_short_line(raw, candidate))), None)
            if hit is None and hits:
                hit = _between(index, marker, low, blocked)
            if hit is None:
                break
            hits.append(hit)
            low = hit.cut.end
            marker += 1
        in_heading = bool(hits) and heading_end is not None and hits[0].at <= heading_end
        glued_to_word = bool(hits) and hits[0].tier == STRONG and bool(
            _LONE_MARKER_WORD.search(raw, 0, hits[0].at))
        lone = len(hits) == 1 and (glued_to_word and not title_numbered and (
            raw[hits[0].cut.end:hits[0].cut.end + 1] not in ".,;:") if first > 1 else (
            glued_to_word or _ends_short_line(raw, hits[0])
            or (hits[0].tier <= WEAK and (_LONE_AFTER_DATE.search(raw, 0, hits[0].at) or (
                first == 1 and raw[hits[0].at - 1] in ".),:;"
                and _LONE_SENTENCE_END.match(raw, hits[0].cut.end))))
            or hits[0].tier == DATE_DIGITS))
        if len(hits) >= 2 or in_heading or lone:
            return MarkerMatch([str(first + n) for n in range(len(hits))], list(hits), 0)
    return MarkerMatch([], [], 0)
