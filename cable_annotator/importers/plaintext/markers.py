"""Find and cut the two kinds of apparatus history.state.gov leaves in running text.

A copied document carries ``[Page 781]`` labels where the printed page turns and bare
footnote numbers glued to the word they annotate (``Peru1``, ``Velasco.2``, ``talks3
with``). Neither belongs in the canonical text a reader highlights, but both must be kept
as offsets. Removing them changes positions, so they are collected as :class:`Cut` spans
over the raw text first and removed all at once by :class:`Cuts`, which also maps raw
positions to positions in the cleaned text.

Footnote numbers are ambiguous with real numbers ("paragraph 2", "1974", "Document 299"),
so a number is only taken as a marker when a note with that number exists in the
apparatus, and markers are searched in apparatus order, preferring the safest kind of
occurrence (see :func:`find_note_markers`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .telegram_series import SURE_REFERENCE, TelegramSeries

# "[Page 781]" as the site renders a <pb/>; "Facsimile"/"Typeset" prefixes come from
# pb/@type. The label is a page number, roman numeral or facsimile id, never spaces.
PAGE_MARKER = re.compile(r"\[(?:Facsimile |Typeset )?Page (?P<label>[^\[\]\s]{1,20})\]")

# A line that holds nothing but page labels: the site's rendering of a <pb/> that sits
# between paragraphs.
PAGE_ONLY_LINE = re.compile(r"^\s*(?:\[(?:Facsimile |Typeset )?Page [^\[\]\s]{1,20}\]\s*)+$")

_SPACES = " \t"
# Punctuation a superscript marker is glued to when the note follows a sentence or clause.
_CLOSING_PUNCTUATION = ".,;:)]\"'’”!?…"
# Characters that may follow a marker: it ends a word, so no letter or digit follows.
_AFTER_MARKER = " \t\n.,;:)]>\"'’”!?—–-/"

# Words that a real number follows after a space ("paragraph 2", "January 3"): a number
# after them is never taken for a space-separated footnote marker.
_NUMBER_WORDS = frozenset(
    [
        "paragraph", "paragraphs", "para", "paras", "document", "documents", "telegram",
        "telegrams", "no", "no.", "nos.", "number", "numbers", "page", "pages", "p.", "pp.", "tab",
        "annex", "chapter", "section", "volume", "vol.", "vols.", "footnote", "footnotes",
        "article", "articles", "point", "points", "item", "items", "phase", "stage", "part",
        "table", "tables", "memorandum", "nssm", "nsdm", "nsam", "prm", "pd", "airgram",
        "despatch", "dispatch", "instruction", "circular", "resolution", "resolutions", "route",
        "routes", "box", "file", "files", "room", "sub-paragraph", "subparagraph", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
        "sept.", "oct.", "nov.", "dec.", "schedule", "option", "options", "alternative",
        "alternatives", "case", "level", "grade", "model", "series", "step",
    ]
)

# Capitalised words that open a sentence before a real number ("After 2 years").
_FUNCTION_WORDS = frozenset(
    [
        "after", "about", "all", "and", "another", "approximately", "around", "at", "before",
        "between", "but", "by", "during", "each", "every", "first", "for", "from", "in", "last",
        "nearly", "next", "of", "on", "only", "or", "over", "perhaps", "since", "some", "the",
        "these", "those", "to", "under", "until", "with", "within",
    ]
)

STRONG, WEAK, LINE_END, DATE_DIGITS, LOOSE, DIGITS, SPACED = 0, 1, 2, 3, 4, 5, 6
"""Confidence tiers of a marker occurrence, safest first: glued to a word or to
punctuation after a word ("Peru1", "Velasco.2"); glued to punctuation after digits
("1974.3", which could be a decimal); separated by a space at the end of a line
("Kissinger 3") or alone on a line (a note between two paragraphs); glued to the digits
of a date so that the date becomes impossible ("March 221", "August 16, 19612");
separated by a space after a name inside a sentence ("Colby 2), and"), which could be a
real number; glued to any other number ("Deptel 5082"), which only the absence of any
other place can settle; set off by a space after a common word inside a sentence, as the
site prints some superscripts ("an aide-mémoire 12 of which"), taken last of all."""

# Words a number set off after a lowercase word may be followed by when it is a marker:
# the sentence goes on ("aide-mémoire 12 of which", "the treaty 3 and"), where a real
# number would count something ("sent 12 copies").
_AFTER_SPACED_MARKER = frozenset([
    "of", "which", "that", "and", "but", "or", "to", "in", "on", "at", "was", "is", "were",
    "are", "had", "has", "have", "with", "for", "by", "from", "as", "who", "whom", "whose",
    "would", "will", "should", "could", "might", "may", "shall", "been", "be", "it", "he",
    "she", "they", "we", "i", "the", "a", "an", "this", "these", "there", "where", "when",
])

# A unit after a decimal: "$1.2 billion", "7.5 percent".
_UNIT_AFTER = re.compile(r"\s?(?:million|billion|thousand|percent|per cent|%|mm\b)")
# What follows the minutes of a time: "6:15 p. m.", "10:30 a.m.".
_TIME_AFTER = re.compile(r"\s?[ap]\.\s?m\.")
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# "March 22" + marker: a day number after a month name.
MONTH_NAMES = _MONTH_NAMES
"""The month names, as one alternation for regular expressions."""
# "March 22" + marker: a day number after a month name.
SHORT_MONTHS = r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
"""The months as telegrams abbreviate them ("urtel 107 Jan 10")."""
_DAY_BEFORE = re.compile(rf"(?:{_MONTH_NAMES}|{SHORT_MONTHS})\s+$")
# "August 16, 1961" / "May 1961" / "in 1961" + marker: a year after a date or a preposition.
_YEAR_BEFORE = re.compile(rf"(?:(?:{_MONTH_NAMES})(?:\s+\d{{1,2}},)?|\b(?:in|of|since|until))\s+$")


@dataclass(frozen=True)
class Cut:
    """A span ``[start, end)`` of the raw text that is removed from the canonical text."""

    start: int
    end: int


class Cuts:
    """Non-overlapping cuts over a raw text; removes them and maps positions across."""

    def __init__(self, cuts: Iterable[Cut]) -> None:
        self._cuts = sorted(cuts, key=lambda cut: cut.start)
        self._starts = [cut.start for cut in self._cuts]
        removed = 0
        self._removed_before: list[int] = []
        for cut in self._cuts:
            self._removed_before.append(removed)
            removed += cut.end - cut.start

    def apply(self, raw: str) -> str:
        """The raw text without the cut spans."""
        pieces = []
        position = 0
        for cut in self._cuts:
            pieces.append(raw[position : cut.start])
            position = cut.end
        pieces.append(raw[position:])
        return "".join(pieces)

    def map(self, position: int) -> int:
        """The position in the cleaned text of raw ``position`` (inside a cut: its start)."""
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        cut = self._cuts[index]
        removed = self._removed_before[index] + min(position, cut.end) - cut.start
        return position - removed

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches any cut (a marker inside a page label).

        A binary search: cuts do not overlap, so only the last one starting before
        ``end`` can reach into the span."""
        index = bisect_left(self._starts, end) - 1
        return index >= 0 and self._cuts[index].end > start


@dataclass(frozen=True)
class PageLabel:
    """A ``[Page N]`` occurrence: its label, the span to cut, and where the page begins."""

    label: str
    cut: Cut
    begins_at: int


def page_label_cuts(raw: str) -> list[PageLabel]:
    """Every ``[Page N]`` of ``raw`` with the span to remove.

    A label standing between two words ("could [Page 781] ensue") takes one of the two
    spaces with it, so the words stay one space apart; a label inside a word
    ("consider[Page 69]able") takes nothing else. The page begins at the first character
    after the label that is not white space.
    """
    labels = []
    for match in PAGE_MARKER.finditer(raw):
        start, end = match.span()
        before = raw[start - 1] if start else "\n"
        after = raw[end] if end < len(raw) else "\n"
        if after in _SPACES and before in _SPACES + "\n":
            end += 1
        elif before in _SPACES and after == "\n":
            start -= 1
        begins = end
        while begins < len(raw) and raw[begins] in _SPACES + "\n":
            begins += 1
        labels.append(PageLabel(match["label"], Cut(start, end), begins))
    return labels


@dataclass(frozen=True)
class MarkerHit:
    """A footnote marker found in the raw text.

    ``cut`` is what to remove (the digits, plus the space before them for a marker that
    stood apart); ``at`` is where the note is anchored: right after the annotated word.
    """

    cut: Cut
    at: int
    tier: int


def _word_before(raw: str, position: int) -> str:
    """The whitespace-delimited word that ends at ``position``."""
    start = position
    # A word is short; the bound keeps a text without spaces from making this quadratic.
    while start > 0 and position - start < 64 and not raw[start - 1].isspace():
        start -= 1
    return raw[start:position]


def _digits_tier(raw: str, start: int, end: int) -> int | None:
    """The tier of a marker glued to the number that ends at ``start``; None: not one.

    A number that reads as a whole date part ("October 1962", "March 22") or that opens a
    line ("517. Based on…") keeps its digits.
    """
    number_start = start
    while number_start > 0 and raw[number_start - 1].isdigit():
        number_start -= 1
    if number_start == 0 or raw[number_start - 1] == "\n":
        return None
    number, whole = raw[number_start:start], raw[number_start:end]
    context = raw[max(0, number_start - 30) : number_start]
    if _DAY_BEFORE.search(context):
        if 1 <= int(whole) <= 31:
            return None
        if len(number) <= 2 and 1 <= int(number) <= 31:
            return DATE_DIGITS
    if _YEAR_BEFORE.search(context):
        if len(whole) == 4 and whole[:2] in ("19", "20"):
            return None
        if len(number) == 4 and number[:2] in ("19", "20"):
            return DATE_DIGITS
    return DIGITS


def _tier(raw: str, start: int, end: int) -> int | None:
    """How safely the digits at ``[start, end)`` read as a footnote marker; None: not one."""
    if start == 0:
        return None
    if end < len(raw) and raw[end] not in _AFTER_MARKER:
        if _glued_to_next_line(raw, start, end):
            return LINE_END
        return None
    before = raw[start - 1]
    continued = end + 1 < len(raw) and raw[end] in ".,:" and raw[end + 1].isdigit()
    if continued and (before.isdigit() or before in _SPACES):
        return None  # "12:45", "3.5", "1,000": the digits go on
    if before.isdigit():
        return _digits_tier(raw, start, end)
    if before == "." and re.search(
            r"/[^/\s]*[A-Za-z][^/\s]*$", _word_before(raw, start)) and not (
            raw[end:end + 1] == " " and raw[end + 1:end + 2].isupper()):
        # A document's symbol goes on in its digits: "A/C.1/SR.441", "A/1841/Add.1
        # through", "S/PV.530": a marker there only where no other place is left; a
        # sentence's end with a new one after it is one ("to PL/VM.3 Alerting …").
        return DIGITS
    if before.isalpha():
        return STRONG
    if before in _CLOSING_PUNCTUATION:
        two_back = raw[start - 2] if start >= 2 else " "
        if before in ".," and two_back.isdigit():
            # "$21,200,000": a group of a number with separators goes on after it;
            # "$1.2 billion", "3.5 percent": a decimal before its unit.
            if continued or (before == "." and _UNIT_AFTER.match(raw, end)):
                return None
            return WEAK
        if before == ":" and two_back.isdigit() and (
                _TIME_AFTER.match(raw, end) or _minutes(raw, start, end)):
            return None  # the minutes of a time, "6:15 p. m.", "resumed at 2:30 and"
        return STRONG
    at_line_end = end == len(raw) or raw[end] == "\n"
    if before == "\n" and at_line_end:
        return LINE_END
    if before in _SPACES and start >= 2 and (at_line_end or raw[end] in " \t),;"):
        return _loose_tier(raw, start - 1, at_line_end) or _spaced_tier(raw, start - 1, end)
    return None


_LOWER_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ’'-]{2,}")


def _spaced_tier(raw: str, space: int, end: int) -> int | None:
    """SPACED for a number set off after a common word in mid-sentence, the sentence going
    on after it ("an aide-mémoire 12 of which"); None for what reads as a count ("sent 12
    copies", "about 12 of them") or a name's number ("paragraph 12")."""
    word = _word_before(raw, space)
    if not _LOWER_WORD.fullmatch(word) or word in _NUMBER_WORDS or word in _FUNCTION_WORDS:
        return None
    if raw[end] in ",;)":
        return SPACED
    following = raw[end + 1:end + 12].split(" ", 1)[0]
    return SPACED if following in _AFTER_SPACED_MARKER else None


def _minutes(raw: str, start: int, end: int) -> bool:
    """Whether ``raw[start:end]`` are the two digits of a time's minutes after its hour
    and colon ("10:30", "2:45"): never a marker, though "Ushic 24:1" may carry one."""
    hour = re.search(r"(?<!\d)(\d{1,2}):$", raw[max(0, start - 3):start])
    return (end - start == 2 and hour is not None and int(hour[1]) <= 24
            and int(raw[start:end]) <= 59)


def _glued_to_next_line(raw: str, start: int, end: int) -> bool:
    """A marker a reader view put at the start of the next line, glued to its first word
    ("Extract\n1Subject: …"): the note belongs to the line above."""
    return (raw[start - 1] == "\n" and end + 1 < len(raw) and raw[end].isupper()
            and raw[end + 1].islower())


def _loose_tier(raw: str, space: int, at_line_end: bool) -> int | None:
    """The tier of a marker after the space at ``space``: it must follow a name or a
    closing punctuation mark, never a word that numbers follow or a sentence's first word."""
    word = _word_before(raw, space)
    if not word or any(char.isdigit() for char in word):
        return None
    if word.lower() in _NUMBER_WORDS or word.lower().rstrip(".,") in _NUMBER_WORDS:
        return None
    if not (word[0].isupper() or word[-1] in _CLOSING_PUNCTUATION):
        return None
    if at_line_end:
        return LINE_END
    if word.lower() in _FUNCTION_WORDS:
        return None
    return LOOSE


# The last one to three digits of a run of digits.
_RUN_TAIL = re.compile(r"\d{1,3}(?!\d)")


class NumberIndex:
    """Where each number of up to three digits (as a note list numbers its notes) ends a
    run of digits in a raw text.

    A footnote marker is glued to what precedes it, so the marker "1" may end the run
    "221" ("March 221"). Looking every marker up here, instead of scanning the text once
    per marker, keeps the search for a document's markers linear in its length."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._starts: dict[str, list[int]] = {}
        self._tiers: dict[tuple[int, int], int | None] = {}
        self._strong: dict[tuple[str, int], list[int]] = {}
        self._series: TelegramSeries | None = None
        self.by_series: set[int] = set()
        """Places a telegram series made as safe as a date: an impossible day beats them
        ("Contels 114 and 117, Aug 134": the marker is the day's)."""
        starts: defaultdict[str, list[int]] = defaultdict(list)
        # The last three digits of every run, then their tails: one regex match per run.
        for run in _RUN_TAIL.finditer(raw):
            digits, start = run[0], run.start()
            starts[digits].append(start)
            if len(digits) > 1:
                starts[digits[1:]].append(start + 1)
                if len(digits) > 2:
                    starts[digits[2:]].append(start + 2)
        for positions in starts.values():
            positions.sort()
        self._starts = dict(starts)

    def starts(self, number: str, low: int, high: int) -> list[int]:
        """Starts of ``number`` (ending a digit run) within ``[low, high)``, in order."""
        starts = self._starts.get(number, [])
        return starts[bisect_left(starts, low) : bisect_left(starts, high - len(number) + 1)]

    def tier(self, start: int, end: int) -> int | None:
        """:func:`_tier` of ``raw[start:end]``, worked out once per place."""
        key = (start, end)
        if key not in self._tiers:
            tier = _tier(self.raw, start, end)
            if tier == DIGITS and self.reference_score(start) >= SURE_REFERENCE:
                tier = DATE_DIGITS  # "(Gocus 5551)" among "Gocus 553": as safe as a date
                self.by_series.add(start)
            self._tiers[key] = tier
        return self._tiers[key]

    def series(self) -> TelegramSeries:
        """The telegram series the text names (read once, on first need)."""
        if self._series is None:
            self._series = TelegramSeries(self.raw, _NUMBER_WORDS)
        return self._series

    def reference_score(self, position: int) -> int:
        """:meth:`TelegramSeries.reference_score` of the marker at ``position``."""
        return self.series().reference_score(position)

    def series_tails(self) -> dict[int, int]:
        """:meth:`TelegramSeries.tails` of the text."""
        return self.series().tails()

    def strong_starts(self, number: str, blocked: Cuts) -> list[int]:
        """Starts of ``number`` where it is glued to a word, outside ``blocked``."""
        key = (number, id(blocked))
        if key not in self._strong:
            raw = self.raw
            # Only a number right after a letter or a closing mark can be glued to a word:
            # most starts (the tails of longer numbers) are passed over without a look.
            self._strong[key] = [
                start for start in self._starts.get(number, [])
                if start and (raw[start - 1].isalpha() or raw[start - 1] in _CLOSING_PUNCTUATION)
                and not blocked.overlaps(start, start + len(number))
                and self.tier(start, start + len(number)) == STRONG
            ]
        return self._strong[key]


def _occurrences(index: NumberIndex, marker: str, low: int, high: int,
                 blocked: Cuts) -> Iterator[MarkerHit]:
    """Occurrences of ``marker`` as a whole number in ``raw[low:high]`` that may be markers."""
    raw = index.raw
    for start in index.starts(marker, low, high):
        end = start + len(marker)
        if blocked.overlaps(start, end):
            continue
        tier = index.tier(start, end)
        if tier is None:
            continue
        if raw[start - 1] == "\n":
            previous_end = start
            while previous_end > 0 and raw[previous_end - 1] == "\n":
                previous_end -= 1
            if _glued_to_next_line(raw, start, end):  # "Extract\n1Subject": the digits only
                yield MarkerHit(Cut(start, end), previous_end, tier)
            else:
                yield MarkerHit(Cut(previous_end, end), previous_end, tier)
        elif raw[start - 1] in _SPACES:
            # "Colby 2), and" keeps its space, as the site shows "Colby )"; "Hill 2 come"
            # loses one of its two.
            spaced = end == len(raw) or raw[end].isspace()
            yield MarkerHit(Cut(start - 1 if spaced else start, end), start - 1, tier)
        else:
            yield MarkerHit(Cut(start, end), start, tier)


def _best(index: NumberIndex, marker: str, low: int, high: int,
          blocked: Cuts) -> MarkerHit | None:
    """The earliest occurrence of the safest tier available in ``[low, high)``.

    A marker glued to an ordinary number is taken only when it is the one place left:
    cutting a digit from a real telegram number would corrupt the text.
    """
    best: MarkerHit | None = None
    glued_to_numbers: list[MarkerHit] = []
    for hit in _occurrences(index, marker, low, high, blocked):
        if hit.tier == DIGITS:
            glued_to_numbers.append(hit)
        if best is None or hit.tier < best.tier or (
                hit.tier == best.tier == DATE_DIGITS and best.cut.start in index.by_series
                and hit.cut.start not in index.by_series):
            best = hit
            if hit.tier == STRONG:
                break
    if best is not None and best.tier == DIGITS and len(glued_to_numbers) > 1:
        ranked = sorted(((index.reference_score(hit.at), -hit.at, hit) for hit in glued_to_numbers),
                        key=lambda item: item[:2], reverse=True)
        top = ranked[0][0]
        if top == 0 or (len(ranked) > 1 and ranked[1][0] == top):
            return None  # no place stands out: cutting a digit could corrupt a number
        return ranked[0][2]
    return best


def best_occurrence(index: NumberIndex, marker: str, low: int, high: int,
                    blocked: Cuts) -> MarkerHit | None:
    """The safest place of ``marker`` in ``[low, high)``, or None (see :func:`_best`)."""
    return _best(index, marker, low, high, blocked)


def heading_hit(raw: str, marker: str, heading_end: int) -> MarkerHit | None:
    """A note's marker at the end of the heading, whatever it is glued to.

    The source note always belongs to the heading, so a heading ending in its number
    ("Peru1", "Saigon 1", "Memorandum No. 881") ends with the marker.
    """
    heading = raw[:heading_end].rstrip()
    if not heading.endswith(marker) or len(heading) <= len(marker):
        return None
    start = len(heading) - len(marker)
    if raw[start - 1] in _SPACES:
        return MarkerHit(Cut(start - 1, len(heading)), start - 1, LINE_END)
    return MarkerHit(Cut(start, len(heading)), start, STRONG)


def _first_strong(index: NumberIndex, marker: str, low: int, high: int,
                  blocked: Cuts) -> int | None:
    """Where ``marker`` first stands glued to a word in ``[low, high)`` (a binary search)."""
    starts = index.strong_starts(marker, blocked)
    at = bisect_left(starts, low)
    return starts[at] if at < len(starts) and starts[at] + len(marker) <= high else None


SYMBOLS = "*†‡§"
"""The symbols that mark notes in place of numbers."""


def symbol_hit(raw: str, marker: str, low: int, high: int, blocked: Cuts) -> MarkerHit | None:
    """The first "*" (or "**", "†", "‡") glued to what precedes it in ``[low, high)``: a
    note the source text itself carries ("… May 4, 1951.*") or a 19th-century note;
    "* * *" between words is an ellipsis, and "**" is not the marker "*"."""
    at = raw.find(marker, low, high)
    while at > 0:
        end = at + len(marker)
        alone = raw[end:end + 1] != marker[0] and raw[at - 1] != marker[0]
        if alone and not raw[at - 1].isspace() and not blocked.overlaps(at, end):
            return MarkerHit(Cut(at, end), at, STRONG)
        at = raw.find(marker, end, high)
    return None


def find_note_markers(
    raw: str, markers: list[str], blocked: Cuts | None = None, heading_end: int | None = None,
    index: NumberIndex | None = None, limit: int | None = None, low: int = 0,
) -> list[MarkerHit | None]:
    """Locate each note marker of ``markers`` (in apparatus order) in ``raw``.

    Notes are listed in the order their markers occur, so each marker is searched after
    the previous one and before the first safe ("strong") occurrence of the next one;
    within that window a glued occurrence beats one after digits ("1974.3"), which beats
    one separated by a space ("Saigon 1"), which beats one glued to a number. When
    ``heading_end`` is given, the first note is the source note and its marker ends the
    heading. None marks a marker that could not be found. ``limit`` confines the search to
    ``raw[:limit]`` (a shared ``index`` of a longer text serves several prefixes), and
    ``low`` starts it further on.
    """
    blocked = blocked or Cuts([])
    if index is None or not (index.raw is raw or index.raw.startswith(raw)):
        index = NumberIndex(raw)
    end = len(raw) if limit is None else min(limit, len(index.raw))
    hits: list[MarkerHit | None] = []
    for number, marker in enumerate(markers):
        if number == 0 and heading_end is not None:
            hit = heading_hit(raw, marker, heading_end)
            if hit is not None:
                hits.append(hit)
                low = hit.cut.end
                continue
        high = end
        if number + 1 < len(markers):
            following = _first_strong(index, markers[number + 1], low, end, blocked)
            if following is not None:
                high = following
        if not marker.isdigit():
            hit = symbol_hit(raw, marker, low, end, blocked)
            hits.append(hit)
            if hit is not None:
                low = hit.cut.end
            continue
        hit = _best(index, marker, low, high, blocked)
        if hit is None and high < end:
            hit = _best(index, marker, low, end, blocked)
            if hit is not None and hit.tier != STRONG:
                hit = None
        hits.append(hit)
        if hit is not None:
            low = hit.cut.end
    return hits


def occurrences(index: NumberIndex, marker: str, low: int, high: int,
                blocked: Cuts) -> list[MarkerHit]:
    """Every place in ``[low, high)`` where ``marker`` may stand as a footnote marker."""
    return list(_occurrences(index, marker, low, high, blocked))
