"""What a raw State Department telegram carries beyond the FRUS fields of a Cable.

A telegram of the Central Foreign Policy Files (NARA's AAD, 1973–1979; WikiLeaks' PlusD
later) is identified by its message reference number (MRN): the year, the originating
post cut to six characters with its spaces dropped (``STATE``, ``LIMA``, ``TELAV`` for Tel
Aviv, ``TRIPOL`` for Tripoli) and the serial, zero-padded to six digits for the Department
and five for posts: ``1974STATE016696``, ``1977LIMA07518``. The rules live here, in the
domain, because both the importer (naming a cable) and the reference resolver (turning
``REF: LIMA 7518`` into a cable id) need exactly the same answer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

TELEGRAM_KIND = "telegram"

_MRN = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<post>[A-Z]+?)(?P<serial>\d{5,6})(?:_\w)?$")

# Posts whose MRN code is not their name cut to six characters.
POST_CODE_EXCEPTIONS = {
    "SECSTATE": "STATE", "SECSTATE WASHDC": "STATE", "STATE": "STATE", "DEPTEL": "STATE",
    "USUN": "USUNN", "USUN NEW YORK": "USUNN", "USUN NY": "USUNN", "USUNN": "USUNN",
    "USNATO": "NATO", "USMISSION NATO": "NATO", "NATO": "NATO",
    "USMISSION GENEVA": "GENEVA", "USEC": "ECBRU", "USEC BRUSSELS": "ECBRU",
    "USMISSION USBERLIN": "BERLIN", "USBERLIN": "BERLIN", "USOECD": "OECDP",
    "USOECD PARIS": "OECDP", "USIAEA": "IAEAV", "USIAEA VIENNA": "IAEAV",
}


@dataclass(frozen=True)
class Addressee:
    """One address line of the header: who, with what precedence, action or info.

    ``address`` is as sent (``AMEMBASSY LIMA``); ``name`` is readable (``Embassy Lima``);
    ``serial`` is the receiving post's own number when the line carries one
    (``TO SECSTATE WASHDC 3456``)."""

    address: str
    name: str
    role: str  # "action" or "info"
    precedence: str = ""  # ROUTINE, PRIORITY, IMMEDIATE, NIACT IMMEDIATE, FLASH
    serial: str = ""


@dataclass(frozen=True)
class Tag:
    """A TAGS code with its meaning and its kind (subject, program, country, organization,
    person — or unknown when the tag table does not know it)."""

    code: str
    meaning: str
    kind: str


@dataclass(frozen=True)
class TelegramReference:
    """One reference of a ``REF:`` line: ``A. STATE 295719`` → post STATE, serial 295719.

    ``year`` is the year the reference names outright (``76 STATE 295719``, a DTG after
    it), else None: the resolver then tries the citing telegram's year and the one
    before. ``start``/``end`` locate the reference in the cable's text."""

    label: str
    post: str
    serial: str
    text: str
    start: int
    end: int
    year: int | None = None


@dataclass
class Telegram:
    """The header of a raw telegram, kept in the cable's structure."""

    mrn: str
    dtg: str = ""  # as printed: "292340Z JAN 74"
    sent: str = ""  # ISO 8601 UTC: "1974-01-29T23:40Z"
    precedence: str = ""  # of the action addressees
    sender: str = ""  # as sent: "SECSTATE WASHDC"
    sender_name: str = ""  # readable: "Department of State"
    addressees: list[Addressee] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # EXDIS, LIMDIS, NODIS, FOR AMBASSADOR
    eo_line: str = ""  # "E.O. 11652: GDS"
    tags: list[Tag] = field(default_factory=list)
    references: list[TelegramReference] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)  # ORIGIN / ACTION / INFO lines
    drafted_by: str = ""
    approved_by: str = ""
    clearances: list[str] = field(default_factory=list)  # "ARA:JBKUBISCH", "S/S:MR. PRINGLE"
    film: str = ""  # AAD's film number, "D740024-0123"
    source_format: str = ""  # "raw", "aad", "plusd"
    fields: dict[str, str] = field(default_factory=dict)
    """The AAD/PlusD record's fields by our names (``film``, ``office``, ``review_date``…)."""

    @property
    def serial(self) -> str:
        parsed = parse_mrn(self.mrn)
        return str(int(parsed[2])) if parsed else ""

    @property
    def action(self) -> list[Addressee]:
        return [a for a in self.addressees if a.role == "action"]

    @property
    def info(self) -> list[Addressee]:
        return [a for a in self.addressees if a.role == "info"]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Telegram:
        values = dict(data)
        values["addressees"] = [Addressee(**a) for a in data.get("addressees", [])]
        values["tags"] = [Tag(**t) for t in data.get("tags", [])]
        values["references"] = [TelegramReference(**r) for r in data.get("references", [])]
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in values.items() if k in known})


def post_code(post: str) -> str:
    """The MRN code of a post: its name cut to six characters, then spaces dropped —
    ``TEL AVIV`` → ``TELAV``, ``SANTIAGO`` → ``SANTIA``, ``LA PAZ`` → ``LAPAZ``."""
    name = re.sub(r"\s+", " ", post.strip().upper())
    for prefix in ("AMEMBASSY ", "AMCONSUL ", "AMEMB ", "AMCONGEN "):
        name = name.removeprefix(prefix)
    if name in POST_CODE_EXCEPTIONS:
        return POST_CODE_EXCEPTIONS[name]
    return re.sub(r"[^A-Z]", "", name[:6])


def make_mrn(year: int, post: str, serial: str | int) -> str:
    """``make_mrn(1977, "LIMA", 7518)`` → ``1977LIMA07518``; the Department pads to six."""
    code = post_code(post)
    width = 6 if code == "STATE" else 5
    return f"{year}{code}{int(serial):0{width}d}"


def parse_mrn(mrn: str) -> tuple[int, str, str] | None:
    """``1977LIMA07518`` → ``(1977, "LIMA", "07518")``; None when it is not an MRN.

    A PlusD canonical id's suffix (``1977LIMA07518_c``) is accepted."""
    match = _MRN.match(mrn.strip().upper()) if mrn else None
    if match is None:
        return None
    return int(match["year"]), match["post"], match["serial"]


def is_mrn(text: str) -> bool:
    return parse_mrn(text) is not None


def full_year(two_digits: int) -> int:
    """The year of a DTG or REF's two digits: 73 → 1973, 05 → 2005 (PlusD runs to 2010)."""
    return 1900 + two_digits if two_digits >= 50 else 2000 + two_digits


def telegram_volume_id(year: int) -> str:
    """The collection a telegram of ``year`` is filed under in a project: ``telegrams-1974``.

    Telegrams are grouped by year in the corpus, as AAD files the Central Foreign Policy
    Files ("Electronic Telegrams, 1974")."""
    return f"telegrams-{year}"


_TELEGRAM_VOLUME = re.compile(r"^telegrams-(?P<year>\d{4})$")


def telegram_volume_year(volume_id: str) -> int | None:
    match = _TELEGRAM_VOLUME.match(volume_id or "")
    return int(match["year"]) if match else None


def telegram_volume_title(year: int) -> str:
    """How the corpus names a year of telegrams; 1973–1979 are AAD's electronic telegrams."""
    if 1973 <= year <= 1979:
        return f"State Department telegrams, {year} (Central Foreign Policy Files, AAD)"
    return f"State Department telegrams, {year}"


def chronological_key(telegram: Telegram) -> int:
    """Where a telegram stands in its year's list: month, day, hour, minute sent (UTC),
    ``1974-01-26T00:43Z`` → 1260043, so the corpus reads the traffic in the order sent."""
    digits = re.sub(r"\D", "", telegram.sent[5:16])  # MMDDHHMM, or MMDD for a bare date
    return int(digits.ljust(8, "0")) if digits else 0
