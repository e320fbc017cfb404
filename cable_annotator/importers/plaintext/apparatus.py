"""Separate the footnote apparatus at the end of a copied document from its body.

history.state.gov gathers a document's notes into one ordered list after the text. Readers
copy it in three shapes, each read by its own function here:

* the site's list, ``  1. Summary: …`` with further paragraphs indented deeper
  (:func:`_indented_list`): an indented note line after which every line is indented;
* the same list with its indentation lost (:func:`_flat_list`), which looks exactly like
  numbered telegram paragraphs: the apparatus is then the run of ``1.``, ``2.`` … lines to
  the end of the text whose numbers best appear as footnote markers in the text before it
  (numbered paragraphs fail, because their numbers are not glued to words above them);
* a browser's reader view or a Markdown converter (:func:`_back_linked_list`): a bulleted
  list whose notes each end in a back-link, ``- Source: … Secret.↩``.

The list restarts at 1 on every page, whatever numbers the markers in the text carry
(volumes of 1861–1945 number them through the chapter, 1961–63 volumes mark the source
note ``0``); the markers are matched to the notes in order (``markers.match_markers``).
Every reader is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..frus_prose import kind_of
from .body_text import assemble_body
from .markers import (
    STRONG,
    SYMBOLS,
    Cut,
    Cuts,
    NumberIndex,
    find_note_markers,
    occurrences,
    page_label_cuts,
)
from .markers import (
    symbol_hit as _symbol_hit,
)
from .note_matching import MarkerMatch, candidate_offsets, placed, with_symbols
from .opening import NUMBERED_HEADING

# The first line of a note: optional indentation, the note number, a period, the text.
# The older volumes also mark a note with a symbol, "*", "†", "‡" (one the source text
# itself carries, or every note of a 19th-century page), printed "* Not printed." or
# "*Not printed." as well as "*. Not printed."; a line of asterisks ("* * * *") is an
# ellipsis, never a note.
NOTE_START = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<marker>\d{1,3}|[*†‡§]{1,3})\.\s+"
    r"|(?P<symbol>[*†‡§]{1,3})\.?\s*(?=[^\s*†‡§]))(?P<text>\S.*)$"
)
# A reader view's note: a bullet ("-", "*", "•" or "1.") before the text; a bullet may
# keep the note's number as well ("- 1. The same, …↩").
_BULLET = re.compile(
    r"^\s*(?:[-*•]\s+(?:(?P<kept>\d{1,3})\.\s+)?|(?P<number>\d{1,3})\.\s+)(?P<text>\S.*)$")
# The back-link a reader view or Markdown converter puts after each note.
BACK_LINK = re.compile(r"\s*↩\ufe0e?\ufe0f?\s*$")
# A heading a converter may put above the notes.
_NOTES_HEADING = re.compile(r"^\s*(?:#+\s*)?(?:Foot)?[Nn]otes:?\s*$")
# How many "1." lines, counted from the end, may open a list that lost its indentation.
_FLAT_CANDIDATES = 8


@dataclass
class RawNote:
    """One note as read from the apparatus: marker and paragraphs (still with page labels).

    ``paragraphs`` holds (text, follows_blank_line) pairs so the note's own layout of
    paragraphs can be kept. ``marker`` is the number the list gives the note.
    """

    marker: str
    line: int
    paragraphs: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Apparatus:
    """The notes of a copy and the line where they begin (the body ends before it)."""

    first_line: int
    notes: list[RawNote]
    shape: str  # "indented", "flat" or "back-linked"
    numbered: bool = True
    """False for bullets: the list gives its notes no numbers to match markers by."""
    index: NumberIndex | None = None
    """For a flat list: the number index of the whole text, assembled as the body is
    (``body_text``), which the body above the notes is a prefix of: kept for the search
    of the markers, so the text is indexed once."""
    labels: list[str] = field(default_factory=list)
    """For Markdown definitions (``[^fn1]: …``): the label each note is referred to by."""


def indentation(line: str) -> int:
    """Width of the leading white space, a tab counting as four columns."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def note_marker(start: re.Match[str]) -> str:
    """The marker a note line gives its note: "1", or a symbol ("*", "†")."""
    return start["marker"] or start["symbol"]


def is_symbol(marker: str) -> bool:
    """Whether a note is marked by a symbol ("*", "†", "‡") rather than a number."""
    return bool(marker) and all(char in SYMBOLS for char in marker)


def parse_notes(lines: list[str], first: int) -> list[RawNote]:
    """The notes of the numbered apparatus that begins at ``lines[first]``.

    A note begins at a ``N.`` line indented no deeper than the first note; anything else
    continues the current note, a blank line separating its paragraphs.
    """
    base = indentation(lines[first])
    notes: list[RawNote] = []
    blank_before = False
    for number in range(first, len(lines)):
        line = lines[number]
        if not line.strip():
            blank_before = True
            continue
        start = NOTE_START.match(line)
        if start and indentation(line) <= base:
            notes.append(RawNote(note_marker(start), number, [(start["text"].strip(), False)]))
        elif notes:
            notes[-1].paragraphs.append((line.strip(), blank_before))
        blank_before = False
    return notes


def _back_linked_list(lines: list[str], body_start: int) -> Apparatus | None:
    """Notes written as a bulleted list, each ending in "↩", at the end of the text.

    Walking back from the last line: each note ends at a back-linked line and begins at
    the nearest bullet above it; the list goes on while the line above a note's bullet
    ends another note (or is a "Footnotes" heading, which belongs to the list).
    """
    last = len(lines) - 1
    while last > body_start and not lines[last].strip():
        last -= 1
    if last <= body_start or not BACK_LINK.search(lines[last]):
        return None
    groups: list[tuple[int, int]] = []
    end = last
    while end > body_start and BACK_LINK.search(lines[end]):
        start = end
        while start > body_start and not _BULLET.match(lines[start]):
            start -= 1
            if BACK_LINK.search(lines[start]):
                return None  # a back-link without its bullet: not a note list
        if start <= body_start:
            break
        groups.append((start, end))
        end = start - 1
        while end > body_start and not lines[end].strip():
            end -= 1
    if not groups:
        return None
    first = groups[-1][0]
    above = first - 1
    while above > body_start and not lines[above].strip():
        above -= 1
    if above > body_start and _NOTES_HEADING.match(lines[above]):
        first = above
    notes = []
    bullets = [_BULLET.match(lines[start]) for start, _ in reversed(groups)]
    kept = _kept_numbers(bullets)
    for number, ((start, end), bullet) in enumerate(zip(reversed(groups), bullets, strict=True),
                                                    start=1):
        assert bullet is not None
        paragraphs: list[tuple[str, bool]] = []
        blank_before = False
        for index in range(start, end + 1):
            text = (bullet["kept"] + ". " + bullet["text"] if bullet["kept"] and not kept
                    else bullet["text"]) if index == start else lines[index]
            if not text.strip():
                blank_before = True
                continue
            paragraphs.append((BACK_LINK.sub("", text).strip(), blank_before))
            blank_before = False
        notes.append(RawNote(bullet["number"] or (bullet["kept"] if kept else "") or str(number),
                             start, paragraphs))
    numbered = kept or all(bullet["number"] for bullet in bullets)
    return Apparatus(first, notes, "back-linked", numbered=numbered)


def _kept_numbers(bullets: list[re.Match[str] | None]) -> bool:
    """Whether every bullet keeps its note's number after it, counting 1, 2, 3 … ("- 1.
    The same …↩", "- 2. See …↩"): the numbers are the list's, not the notes' first
    words."""
    numbers = [bullet["kept"] if bullet else None for bullet in bullets]
    return bool(numbers) and all(numbers) and [int(n) for n in numbers if n] == list(
        range(1, len(numbers) + 1))


def _indented_list(lines: list[str], body_start: int) -> Apparatus | None:
    """The site's list: an indented note line after which every line is indented."""
    indented_to_end = True
    first = None
    for number in range(len(lines) - 1, body_start, -1):
        line = lines[number]
        if line.strip() and indentation(line) == 0:
            indented_to_end = False
        if not indented_to_end:
            break
        if NOTE_START.match(line):
            first = number  # the earliest such line wins, as notes are read in order
    if first is None:
        return None
    return Apparatus(first, parse_notes(lines, first), "indented")


def _descents(markers: list[str]) -> int:
    """How often the numbering goes down: notes are numbered in order, so a list that
    runs "10, 1" is a paragraph followed by the apparatus."""
    numbers = [int(marker) for marker in markers if marker.isdigit()]
    return sum(later < earlier for earlier, later in zip(numbers, numbers[1:], strict=False))


@dataclass
class _Body:
    """The whole text assembled once for all candidate starts of the list: the text
    above a candidate is a prefix of it (``ends[line]``)."""

    raw: str
    ends: dict[int, int]
    blocked: Cuts
    index: NumberIndex


def _joined_body(lines: list[str], body_start: int) -> _Body:
    """The text assembled as the body will be, with where it ends above each line. The
    lines above the heading (a file number) are blocked: they hold no marker."""
    assembled = assemble_body(lines)
    ends: dict[int, int] = {}
    block = 0
    for number in range(len(lines) + 1):
        while block < len(assembled.blocks) and assembled.block_lines[block] < number:
            block += 1
        ends[number] = assembled.blocks[block - 1][1] if block else 0
    raw = assembled.raw
    opening = [Cut(start, end) for (start, end), line in
               zip(assembled.blocks, assembled.block_lines, strict=True) if line < body_start]
    blocked = Cuts([label.cut for label in page_label_cuts(raw)] + opening)
    return _Body(raw, ends, blocked, NumberIndex(raw))


def _offsets(body: _Body, limit: int, markers: list[str]):
    """No shift first; the shifts from the text are worked out only when asked for."""
    yield 0
    yield from candidate_offsets(body.raw[:limit], int(markers[0]), len(markers))[1:]


def _evidence_score(lines: list[str], body: _Body, first: int, to_beat: int = 0) -> int:
    """How well the notes from ``first`` on fit the text above them: markers found,
    minus twice those not found, minus three times each step down in numbering. The
    markers may be numbered from another start than the list (through the chapter).
    A start that cannot score above ``to_beat`` is not searched."""
    listed = [note.marker for note in parse_notes(lines, first)]
    symbols = [marker for marker in listed if is_symbol(marker)]
    markers = [marker for marker in listed if marker.isdigit()]
    if len(symbols) + len(markers) != len(listed) or not markers:
        return 0
    # A "*" note among numbered ones ("… May 4, 1951.*"): found if glued to a word.
    symbol_score = sum(1 if symbol_glued(body.raw[:body.ends[first]], symbol) else -2
                       for symbol in symbols)
    penalty = 3 * _descents(markers)
    numbers = [int(marker) for marker in markers]
    if not markers or numbers[0] != 1 or any(
            later < earlier - 1 for earlier, later in zip(numbers, numbers[1:], strict=False)):
        return 0  # the list counts 1, 2, 3 …; a run that restarts is numbered paragraphs
    if len(markers) - penalty <= to_beat:
        return len(markers) - penalty
    limit = body.ends[first]
    region = "\n".join(line.strip() for line in lines[first:])
    region_index = NumberIndex(region)
    best = None
    for offset in _offsets(body, limit, markers):
        shifted = [str(int(marker) + offset) for marker in markers]
        if any(marker.startswith("-") for marker in shifted):
            continue
        hits = find_note_markers(body.raw, shifted, body.blocked, index=body.index, limit=limit)
        if offset == 0 and None in hits:
            # A list the copy renumbered, whose "2." is the text's "*" or "†".
            hits = with_symbols(body.raw[:limit], MarkerMatch(shifted, hits, 0), body.blocked,
                                None, body.index).hits
        found = sum(hit is not None for hit in hits) if offset == 0 else placed(hits, True) // 2
        score = found - 2 * (len(hits) - found)
        if _marker_within(region_index, shifted) or (
                len(markers) > 1 and _marker_after(body.index, shifted, hits, body.blocked, limit)):
            if offset == 0:
                return 0  # more markers than the list has notes: numbered paragraphs
            score = 0
        best = score if best is None else max(best, score)
        if found == len(markers):
            break  # all placed: no shift can do better
    return (best or 0) - penalty + symbol_score


def symbol_glued(raw: str, symbol: str) -> bool:
    """Whether ``symbol`` ("*", "†") stands glued to a word or a closing mark in ``raw``,
    as a note marker does ("… despatch No. 10,* which"), not as an ellipsis ("* * *")."""
    return _symbol_hit(raw, symbol, 0, len(raw), Cuts([])) is not None


def _symbol_list(lines: list[str], body_start: int) -> Apparatus | None:
    """Notes marked by symbols at the end of the text, one line each, with no indentation
    ("* Not printed." / "† Ante, p. 44."), as 19th-century pages print them and compact
    copies keep them: the trailing run of note lines that opens with a symbol, each of
    whose symbols stands glued to a word in the text above."""
    first = None
    for number in range(len(lines) - 1, body_start, -1):
        line = lines[number]
        if not line.strip():
            continue
        start = NOTE_START.match(line)
        if start is None:
            break
        if start["symbol"] or is_symbol(start["marker"] or ""):
            first = number
    if first is None:
        return None
    notes = parse_notes(lines, first)
    above = "\n".join(lines[body_start:first])
    if not all(symbol_glued(above, note.marker) for note in notes if is_symbol(note.marker)):
        return None
    return Apparatus(first, notes, "flat")


def _marker_after(index: NumberIndex, markers: list[str], hits: list, blocked: Cuts,
                  limit: int) -> bool:
    """Whether the marker that would follow the list's last one stands glued to a word
    after the last marker found, above the list: the "notes" are then numbered
    paragraphs ("1. Accept …", "2. Refer …" after "… Tabs I and II,3"). Not asked of a
    list of one note, as a long text may hold a glued "2" of its own."""
    found = [hit for hit in hits if hit is not None]
    if not found or not markers[-1].isdigit():
        return False
    following = str(int(markers[-1]) + 1)
    return any(hit.tier == STRONG for hit in occurrences(index, following, found[-1].cut.end,
                                                          limit, blocked))


def _marker_within(region: NumberIndex, markers: list[str]) -> bool:
    """Whether the "notes" (``region``, the text from the list on) carry the marker that
    would follow the list's last one, glued to a word: they are then paragraphs of the
    text ("1. Accept this report …", "2. Refer …", "… at Tabs I and II,3 …") whose notes
    were not copied."""
    if not markers or not markers[-1].isdigit():
        return False
    following = str(int(markers[-1]) + 1)
    return any(hit.tier == STRONG for hit in occurrences(region, following, 0, len(region.raw),
                                                          Cuts([])))


def _needs_source_note(heading: str) -> bool:
    """Whether a numbered heading of 1961 on announces a list opening with its source note
    (every document but an editorial note has one)."""
    numbered = NUMBERED_HEADING.match(heading)
    return bool(numbered) and kind_of(numbered["title"]) != "editorial note"


def _opens_with_source(lines: list[str], first: int) -> bool:
    """Whether the note at ``lines[first]`` is a source note ("1. Source: …", "1. Summary:
    …"): a lone "1. Results of the Conference" closing the text is a paragraph."""
    start = NOTE_START.match(lines[first])
    return bool(start) and start["text"].startswith(("Source:", "Summary:"))


def _introduced(lines: list[str], number: int, body_start: int) -> bool:
    """Whether the line above ``lines[number]`` ends in a colon ("Dept suggests fol:",
    "the following considerations:"): the "1." after it opens the text's own numbered
    list, which a copy cut before its notes ends with; a note list follows a sentence,
    a signature or a "Footnotes:" heading, never a colon announcing it."""
    above = number - 1
    while above > body_start and not lines[above].strip():
        above -= 1
    line = lines[above].rstrip()
    return above > body_start and line.endswith(":") and not _NOTES_HEADING.match(line)


def _flat_list(lines: list[str], body_start: int) -> Apparatus | None:
    """A numbered list that lost its indentation, told from numbered paragraphs by the
    markers of its notes in the text above it. Only the last few "1." lines are tried,
    each once: the list restarts at 1, and the search stays linear."""
    candidates = [
        number
        for number in range(body_start + 1, len(lines))
        if (start := NOTE_START.match(lines[number])) and start["marker"] == "1"
    ][-_FLAT_CANDIDATES:]
    candidates = [number for number in candidates if not _introduced(lines, number, body_start)]
    if not candidates:
        return None
    if _needs_source_note(lines[body_start]):
        candidates = [number for number in candidates if _opens_with_source(lines, number)]
        if not candidates:
            return None
    body = _joined_body(lines, body_start)
    best, best_score = None, 0
    for number in candidates:
        # A few markers glued to numbers ("Deptel 5082") may stay hidden; numbered
        # paragraphs taken for notes leave many more unfound.
        score = _evidence_score(lines, body, number, best_score)
        if score > best_score:
            best, best_score = number, score
    if best is None:
        return None
    return Apparatus(best, parse_notes(lines, best), "flat", body.index)


APPARATUS_READERS = (_back_linked_list, _indented_list, _flat_list, _symbol_list)
"""The shapes of a note list, tried in this order; the first that finds one wins."""


def find_apparatus(lines: list[str], body_start: int) -> Apparatus | None:
    """The apparatus of the copy, or None when it has none (or the reader stopped
    selecting before it). ``body_start`` is the heading's line; notes can only follow it."""
    for reader in APPARATUS_READERS:
        found = reader(lines, body_start)
        if found is not None and found.notes:
            return _with_heading(lines, body_start, found)
    return None


def _with_heading(lines: list[str], body_start: int, apparatus: Apparatus) -> Apparatus:
    """The apparatus with the "Footnotes" or "Notes" line a copy may show above it, so
    that the heading of the list is not read as the document's last paragraph."""
    above = apparatus.first_line - 1
    while above > body_start and not lines[above].strip():
        above -= 1
    if above > body_start and _NOTES_HEADING.match(lines[above]):
        apparatus.first_line = above
    return apparatus
