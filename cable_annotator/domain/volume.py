"""Volumes: the published collections cables belong to, and how to name them.

A FRUS volume id such as ``frus1969-76ve11p2`` encodes the subseries years, the volume
number (``e11`` for an electronic volume E–11) and the part; when a volume's full title is
not known (a cable pasted as plain text) a readable title is derived from the id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FRUS_ID = re.compile(
    r"^frus(?P<y1>\d{4})(?:-(?P<y2>\d{2,4}))?"
    r"(?:(?P<supp>[Ss]upp)(?P<supp_no>\d+)?|(?P<subject>[A-Z][A-Za-z]+?(?=v\d|p\d|$)))?"
    r"(?:v(?P<vol>e?\d+[a-z]?|[a-z]?\d+))?(?:p(?P<part>\d+))?(?:[a-z]\d*)?$",
    re.IGNORECASE,
)
# Subjects of the older volumes' ids spelt out as the volumes print them.
_SUBJECTS = {"Russia": "Russia", "ParisPeaceConf": "The Paris Peace Conference",
             "Lansing": "The Lansing Papers", "Japan": "Japan", "China": "China"}


@dataclass
class Person:
    """An entry of a volume's persons list (``persName/@corresp`` points at ``id``)."""

    id: str
    name: str
    description: str = ""


@dataclass
class Term:
    """An entry of a volume's abbreviations-and-terms list (``gloss/@target``)."""

    id: str
    term: str
    description: str = ""


@dataclass
class Volume:
    """A published collection, e.g. a FRUS volume."""

    id: str
    title: str = ""
    series: str = ""
    volume_label: str = ""
    subtitle: str = ""
    editors: str = ""
    persons: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


def roman(number: int) -> str:
    """Roman numeral of a positive integer, as FRUS prints its volume numbers."""
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, numeral in numerals:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def describe_volume_id(volume_id: str) -> Volume:
    """A Volume described from its id alone: a FRUS volume, or a year of telegrams."""
    from .telegram import telegram_volume_title, telegram_volume_year

    year = telegram_volume_year(volume_id)
    if year is not None:
        title = telegram_volume_title(year)
        return Volume(id=volume_id, title=title, series="State Department telegrams",
                      volume_label=str(year))
    return describe_frus_id(volume_id)


FIRST_NUMBERED_YEAR = 1952
"""FRUS prints document numbers from the 1952–1954 volumes on; before, a document is
known by its page (its number is only the website's address, ``…/frus1949v07p1/d1``)."""


def prints_document_numbers(volume_id: str) -> bool:
    """Whether the printed volume numbers its documents (True for ids that are not FRUS's:
    a collection of one's own keeps whatever numbers it gives)."""
    match = _FRUS_ID.match(volume_id or "")
    return match is None or int(match["y1"]) >= FIRST_NUMBERED_YEAR


def describe_frus_id(volume_id: str) -> Volume:
    """A Volume with series, volume label and title derived from a FRUS volume id.

    ``frus1969-76ve11p2`` → series "Foreign Relations of the United States, 1969–1976",
    volume label "vol. E–11, pt. 2". Ids that are not FRUS ids give a Volume titled by id.
    """
    match = _FRUS_ID.match(volume_id or "")
    if not match:
        return Volume(id=volume_id, title=volume_id)
    first = match["y1"]
    second = match["y2"]
    if second and len(second) == 2:
        second = first[:2] + second
    years = f"{first}–{second}" if second else first
    series = f"Foreign Relations of the United States, {years}"
    labels = []
    if match["supp"]:
        number = match["supp_no"]
        labels.append(f"Supplement {int(number)}" if number else "Supplement")
    elif match["subject"] and match["subject"][0].isupper():
        subject = match["subject"]
        labels.append(_SUBJECTS.get(subject, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", subject)))
    if match["vol"]:
        vol = match["vol"]
        if vol[0].lower() == "e":
            labels.append(f"vol. E–{int(vol[1:])}")
        elif vol.isdigit():
            labels.append(f"vol. {roman(int(vol))}")
        else:
            labels.append(f"vol. {vol.upper()}")
    if match["part"]:
        labels.append(f"pt. {match['part']}")
    label = ", ".join(labels)
    title = f"{series}, {label}" if label else series
    return Volume(id=volume_id, title=title, series=series, volume_label=label)
