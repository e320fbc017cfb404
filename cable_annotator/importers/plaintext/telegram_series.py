"""Telegram series a page names, to tell a footnote marker glued to a telegram's number.

A marker glued to a number ("Embtel 7711" where 1 is the note) cannot be told from the
number by its shape. What tells is the rest of the page: a telegram series it names more
than once ("Gocus 553", "Gocus 574") whose numbers have three digits makes "(Gocus 5551)"
Gocus 555 and note 1. :class:`TelegramSeries` reads the series of a text once and scores
a place by how surely its number names a telegram of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

SURE_REFERENCE = 3
"""A reference word or series, and a number that has the series' digits without the
marker (:meth:`TelegramSeries.reference_score`): a marker glued to it is as safe as one
glued to an impossible day."""

# Between the numbers of a list that names its series once ("Gocus 615 and 616",
# "Usgoc 519, 521 and 524").
_LIST_GAP = r"(?:,\s+|,?\s+and\s+|\s*&\s*)"
# Words after which a number names a telegram or document ("Deptel 692", "telegram
# No. 77", "CA-715"): where a note about that telegram is most often attached.
_REFERENCE_WORD = re.compile(
    rf"(?:\b(?:[A-Za-z]*tels?|telegrams?|[Aa]irgrams?|No\.|Nos\.|[A-Z]{{1,3}}-)\s*)"
    rf"(?:\d+(?!\d)(?:{_LIST_GAP}|\s*))*$"
)
# A word and the numbers after it ("Gocus 555", "Usgoc 353, 354 and 356", "Deptel
# 1035"): a telegram series when the text names it before numbers more than once.
_SERIES_NUMBERS = re.compile(
    rf"\b([A-Z][A-Za-z]{{2,9}})[’']?s?\s+(?:No\.\s*)?(\d{{1,6}}(?:{_LIST_GAP}\d{{1,6}})*)\b")
_NUMBER = re.compile(r"\d{1,6}")
_SERIES_BEFORE = re.compile(
    rf"([A-Z][A-Za-z]{{2,9}})[’']?s?\s+(?:No\.\s*)?(?:\d{{1,6}}{_LIST_GAP})*$")
_BEFORE_WINDOW = 60
"""How far before a number its series word may stand (a list of a few numbers)."""
_MONTHS = frozenset([
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
])


def _series_key(word: str) -> str:
    """One series for a word's singular and plural: "Embtels 1393 and 1416" and "Embtel
    1393" name the Embassy's telegrams alike."""
    return word[:-1] if word.endswith("tels") else word


def _series_numbers(raw: str) -> Iterator[tuple[str, str, int]]:
    """Each number a series word names, with the word and where the number starts: both
    of "Gocus 615 and 616"."""
    for match in _SERIES_NUMBERS.finditer(raw):
        for number in _NUMBER.finditer(match[2]):
            yield _series_key(match[1]), number[0], match.start(2) + number.start()


def _usual(lengths: list[int]) -> int:
    """The commonest digit count of a series' numbers."""
    return max(set(lengths), key=lengths.count)


class TelegramSeries:
    """The series a text names and the digit counts of their numbers ("Gocus": [3, 3, 4]).

    Months (a day follows them) and the words of ``own_numbers``, which number their own
    things ("Box 50", "Document 12"), are no series."""

    def __init__(self, raw: str, own_numbers: Iterable[str] = ()) -> None:
        self.raw = raw
        excluded = {word.lower() for word in own_numbers}
        self.lengths: dict[str, list[int]] = {}
        for word, number, _ in _series_numbers(raw):
            if word not in _MONTHS and word.lower() not in excluded:
                self.lengths.setdefault(word, []).append(len(number))

    def reference_score(self, position: int) -> int:
        """How surely the number the marker at ``position`` is glued to names a telegram
        ("Deptel 7711", "(Gocus 5551)"), where a note on it is most often attached: 2
        after a reference word, 1 after a word the text numbers more than once, plus 2
        when, without the marker, the number has the digits the series' others have."""
        raw = self.raw
        number_start = position
        while number_start > 0 and raw[number_start - 1].isdigit():
            number_start -= 1
        before = raw[max(0, number_start - _BEFORE_WINDOW):number_start]
        word = _SERIES_BEFORE.search(before)
        lengths = self.lengths.get(_series_key(word[1]), []) if word else []
        score = 2 if _REFERENCE_WORD.search(before) else 1 if len(lengths) > 1 else 0
        if score and lengths:
            digits = position - number_start
            marker = next((n for n in range(1, 4)
                           if not raw[position + n:position + n + 1].isdigit()), 1)
            # The others of the series: its numbers less this one (with its marker).
            others = list(lengths)
            if digits + marker in others:
                others.remove(digits + marker)
            if others and _usual(others) == digits:
                score += 2
        return score

    def tails(self) -> dict[int, int]:
        """The digits a telegram number has beyond its series' others ("Gocus 5551"
        among "Gocus 553" gives 1), each with where it first stands: the markers such
        numbers may carry, to number a page's markers from."""
        tails: dict[int, int] = {}
        for word, digits, start in _series_numbers(self.raw):
            lengths = self.lengths.get(word, [])
            if len(lengths) < 2:
                continue
            others = list(lengths)
            others.remove(len(digits))
            usual = _usual(others)
            if 1 <= len(digits) - usual <= 3:
                tails.setdefault(int(digits[usual:]), start + usual)
        return tails
