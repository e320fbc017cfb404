"""Links between cables by their references, resolved when asked from what is stored.

Three kinds of link, both ways:

- a raw telegram's ``REF:`` line (``REF: A. STATE 295719, B. LIMA 7518``) names earlier
  telegrams by post and serial; the year is the citing telegram's unless the reference
  names one (``76 STATE 295719``). Across a year boundary (a January telegram citing a
  December one) the previous year is tried too, and first when the serial is higher than
  the citing post's own: serials only grow within a year;
- a FRUS note citing a telegram ("In telegram 193548 to Lima, September 4, …") names its
  direction: "to" a post is the Department's serial (``1974STATE193548``), "from" a post is
  that post's (``1974TRIPOL00449``); the year is the document's (its date, else the year its
  source note gives), then the one before and after; a November or December telegram in
  a January or February document is last year's first;
- a FRUS document that prints a telegram ("Telegram 16696 From the Department of State to
  the Embassy in Peru") is linked to its raw form (``1974STATE016696``).

Nothing is stored: the links follow the cables in the project at the moment of asking,
so importing the missing telegram makes the link live at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.cable import BODY, Cable
from ..domain.telegram import TELEGRAM_KIND, make_mrn, parse_mrn, post_code
from ..storage.project import Project
from .queries import load_cables

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_NOTE_CONTEXT = re.compile(
    r"^\s*(?P<direction>to|from)\s+(?:the\s+)?(?P<place>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)*)")
_MONTH_DAY = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}})\b")
_YEAR = re.compile(r"\b(19[4-9]\d|20[01]\d)\b")
_TELEGRAM_TARGET = re.compile(r"^telegram (?P<serial>\d{1,6})$", re.IGNORECASE)

CITES = "cites"
PRINTS = "raw telegram"
CITED_BY = "cited by"
PRINTED_AS = "printed in FRUS"


@dataclass(frozen=True)
class CableLink:
    """One link of a cable: to (or from) ``cable_id``, or to a telegram not in the project.

    ``text`` is the reference as written; ``part``/``start``/``end`` locate it in the
    cable it stands in (the citing one); ``target`` is the MRN the link points to (the
    one found, else the likeliest); ``title`` is that cable's title when present."""

    relation: str
    target: str
    found: bool
    text: str
    part: str = BODY
    start: int = -1
    end: int = -1
    title: str = ""
    citing: str = ""
    reference: str = ""  # the stored target the link comes from (a text link's href)


class TelegramIndex:
    """The telegrams of a project by MRN, and by (year, serial) for FRUS notes."""

    def __init__(self, titles: dict[str, str]) -> None:
        self.titles = titles
        self._by_serial: dict[tuple[int, int], list[str]] = {}
        for mrn in titles:
            parsed = parse_mrn(mrn)
            if parsed is not None:
                self._by_serial.setdefault((parsed[0], int(parsed[2])), []).append(mrn)

    def first_present(self, candidates: list[str]) -> str | None:
        return next((mrn for mrn in candidates if mrn in self.titles), None)

    def with_serial(self, year: int, serial: int, posts_only: bool) -> list[str]:
        found = self._by_serial.get((year, serial), [])
        return [mrn for mrn in found if not posts_only or parse_mrn(mrn)[1] != "STATE"]


def telegram_index(project: Project) -> TelegramIndex:
    """The raw telegrams of the project (FRUS documents of kind telegram have other ids)."""
    statement = "SELECT id, title FROM cables WHERE kind = :kind AND id NOT LIKE '%/%'"
    with project.raw_reading() as connection:
        rows = connection.execute(statement, {"kind": TELEGRAM_KIND}).fetchall()
        return TelegramIndex({row[0]: row[1] for row in rows if parse_mrn(row[0]) is not None})


# -- what a cable cites ----------------------------------------------------------------------


def ref_candidates(cable: Cable, post: str, serial: str, year: int | None) -> list[str]:
    """The MRNs a REF item may mean, likeliest first (see the module's rules)."""
    if year is not None:
        return [make_mrn(year, post, serial)]
    own = parse_mrn(cable.id)
    own_year = own[0] if own else _document_year(cable)
    if own_year is None:
        return []
    same, before = make_mrn(own_year, post, serial), make_mrn(own_year - 1, post, serial)
    if own and own[1] == post_code(post) and int(serial) > int(own[2]):
        return [before, same]  # a higher serial of one's own post: last year's
    return [same, before]


def note_candidates(cable: Cable, note_text: str, end: int, serial: str) -> list[str]:
    """The MRNs "telegram 193548 to Lima, September 4" in a FRUS note may mean."""
    year = _document_year(cable)
    if year is None:
        return []
    context = note_text[end:end + 200]
    sentence = context.split(". ")[0]
    month = _MONTH_DAY.search(sentence)
    years = [year, year - 1, year + 1]
    document_month = _document_month(cable)
    if month is not None and document_month is not None and document_month <= 2 \
            and MONTHS.index(month["month"]) + 1 >= 11:
        years = [year - 1, year]  # "December 28" in a January document: last year's
    direction = _NOTE_CONTEXT.match(context)
    if direction is not None and direction["direction"] == "to":
        return [make_mrn(y, "STATE", serial) for y in years]
    if direction is not None:
        return [make_mrn(y, direction["place"], serial) for y in years]
    return [make_mrn(y, "STATE", serial) for y in years]


def links_from(project: Project, cable: Cable, index: TelegramIndex | None = None
               ) -> list[CableLink]:
    """What ``cable`` cites (REF items, FRUS notes' telegrams) and the raw telegram it prints."""
    index = index or telegram_index(project)
    links: list[CableLink] = []
    raw = raw_form_of(cable, index)
    if raw is not None:
        links.append(CableLink(PRINTS, raw, True, cable.title, title=index.titles[raw],
                               citing=cable.id))
    if cable.telegram is not None:
        hrefs = {span.start: span.target for span in cable.references}
        for ref in cable.telegram.references:
            candidates = ref_candidates(cable, ref.post, ref.serial, ref.year)
            links.append(_link(CITES, candidates, index, ref.text, BODY, ref.start, ref.end,
                               cable.id, hrefs.get(ref.start, "")))
    for note in cable.footnotes:
        for ref in note.references:
            match = _TELEGRAM_TARGET.match(ref.target)
            if match is None:
                continue
            candidates = note_candidates(cable, note.text, ref.end, match["serial"])
            candidates += _by_serial_candidates(cable, note.text, ref.end, match["serial"],
                                                index)
            if raw is not None and raw in candidates:
                continue  # the note names the telegram the document prints
            context = note.text[ref.start:ref.end + 40].split(",")[0]
            links.append(_link(CITES, candidates, index, context, note.part, ref.start,
                               ref.end, cable.id, ref.target))
    return links


def _link(relation: str, candidates: list[str], index: TelegramIndex, text: str, part: str,
          start: int, end: int, citing: str, reference: str) -> CableLink:
    found = index.first_present(candidates)
    target = found or (candidates[0] if candidates else text)
    return CableLink(relation, target, found is not None, text, part, start, end,
                     index.titles.get(target, ""), citing, reference)


def _by_serial_candidates(cable: Cable, note_text: str, end: int, serial: str,
                          index: TelegramIndex) -> list[str]:
    """A post telegram named "from Cairo" whose post code we would not guess: the one
    telegram of that year and serial from a post, when there is exactly one."""
    year = _document_year(cable)
    direction = _NOTE_CONTEXT.match(note_text[end:end + 200])
    if year is None or direction is None or direction["direction"] != "from":
        return []
    found = index.with_serial(year, int(serial), posts_only=True)
    return found if len(found) == 1 else []


def raw_form_of(cable: Cable, index: TelegramIndex) -> str | None:
    """The raw telegram a FRUS document prints, when it is in the project."""
    if cable.telegram is not None or cable.kind != TELEGRAM_KIND or not cable.telegram_number:
        return None
    serial = re.sub(r"\D", "", cable.telegram_number)
    year = _document_year(cable)
    if not serial or year is None:
        return None
    if "Department of State" in cable.sender or "From the Department" in cable.title:
        return index.first_present([make_mrn(year, "STATE", serial)])
    candidates = [make_mrn(year, cable.place, serial)] if cable.place else []
    found = index.first_present(candidates)
    if found is None:
        matches = index.with_serial(year, int(serial), posts_only=True)
        found = matches[0] if len(matches) == 1 else None
    return found


# -- what cites a cable ----------------------------------------------------------------------


def links_both_ways(project: Project, cable: Cable) -> tuple[list[CableLink], list[CableLink]]:
    """What ``cable`` cites and what cites it; both empty when the project holds no raw
    telegram (nothing a note could link to). The window asks this off the GUI thread: in
    a project of 1,400 documents it reads every cable's structure (20–30 ms)."""
    index = telegram_index(project)
    if not index.titles:
        return [], []
    return links_from(project, cable, index), links_to(project, cable, index)


def links_to(project: Project, cable: Cable, index: TelegramIndex | None = None
             ) -> list[CableLink]:
    """The cables that cite ``cable`` (or its raw form), and the FRUS document printing it."""
    index = index or telegram_index(project)
    mrn = cable.id if cable.telegram is not None else raw_form_of(cable, index)
    if mrn is None:
        return []
    links: list[CableLink] = []
    citers = sorted(_possible_citers(project, mrn, cable.id),
                    key=lambda other: (other.date or "", other.id))  # in the order written
    for other in citers:
        for link in links_from(project, other, index):
            if link.found and link.target == mrn and other.id != cable.id:
                relation = PRINTED_AS if link.relation == PRINTS else CITED_BY
                links.append(CableLink(relation, other.id, True, link.text, link.part,
                                       link.start, link.end, other.title, other.id))
    return sorted(links, key=lambda link: link.relation != PRINTED_AS)  # stable


def _possible_citers(project: Project, mrn: str, exclude: str) -> list[Cable]:
    """Cables whose stored structure names this telegram in a way a link can come from —
    a REF span's MRN (this year's or, from next year, the next year's spelling), a REF
    item's serial, a FRUS note's "telegram N", a printed telegram's number — found by
    exact JSON strings in SQL; the resolution proper is done in Python on these few."""
    parsed = parse_mrn(mrn)
    if parsed is None:
        return []
    year, post, padded = parsed
    serial = str(int(padded))
    spellings = (f'"{mrn}"', f'"{year + 1}{post}{padded}"', f'"telegram {serial}"',
                 f'"serial": "{serial}"', f'"serial":"{serial}"')
    # The stored JSON is searched as text in Python: reading it is most of the cost, and
    # one read with five substring tests beats five SQL scans (16 ms against 60 ms for the
    # 1,400 documents of the five shared volumes).
    raw = "SELECT id, telegram_number, CAST(structure AS TEXT) FROM cables"
    with project.raw_reading() as connection:
        ids = [cable_id for cable_id, number, text in connection.execute(raw).fetchall()
               if cable_id != exclude and (number == serial or any(
                   spelling in (text or "") for spelling in spellings))]
        return load_cables(project, ids) if ids else []


def resolve_reference(project: Project, cable: Cable, target: str) -> str | None:
    """The cable a clicked reference of ``cable`` opens: ``target`` itself when present,
    else what the rules find for it — last year's telegram across a year boundary, the
    raw telegram a FRUS note's "telegram 193548 to Lima" names."""
    index = telegram_index(project)
    if target in index.titles:
        return target
    for link in links_from(project, cable, index):
        if link.found and link.relation == CITES and link.reference == target:
            return link.target
        if link.relation == PRINTS and target.lower() == f"telegram {_serial_of(link.target)}":
            return link.target  # "telegram 16696" in the note of the document printing it
    return None


def _serial_of(mrn: str) -> str:
    parsed = parse_mrn(mrn)
    return str(int(parsed[2])) if parsed else ""


# -- the document's year ----------------------------------------------------------------------


def _document_year(cable: Cable) -> int | None:
    """The year of a cable: its date, else the first year its source note gives (the
    sample prints "January 1974" there and has no dateline)."""
    if cable.date and cable.date[:4].isdigit():
        return int(cable.date[:4])
    for note in cable.footnotes:
        if note.kind == "source" or "Source:" in note.text:
            years = _YEAR.findall(note.text)
            if years:
                return int(years[0])
    return None


def _document_month(cable: Cable) -> int | None:
    if cable.date and len(cable.date) >= 7 and cable.date[5:7].isdigit():
        return int(cable.date[5:7])
    for note in cable.footnotes:
        match = re.search(rf"\b({'|'.join(MONTHS)})\s+(19\d\d)\b", note.text)
        if match:
            return MONTHS.index(match[1]) + 1
    return None
