"""The header of a raw telegram, line by line, up to where its text begins.

In order, as the record copy prints it: office codes (``ORIGIN ARA-20``, ``ACTION``,
``INFO OCT-01 …``), ``DRAFTED BY``/``APPROVED BY`` with clearances, the date-time group,
``FM``, ``TO`` and ``INFO`` address lists, the classification with the message number
(``S E C R E T STATE 016696``, ``CONFIDENTIAL SECTION 01 OF 02 LIMA 7518``), captions
(``EXDIS``), ``E.O.``, ``TAGS``, ``SUBJECT``/``SUBJ`` and ``REF``. Any of it may be
missing in a typed copy; what is found is returned with the line where the text starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.telegram import Addressee
from .addresses import parse_addressee, sender_of
from .cleaning import DIGIT, full_classification, is_banner, ocr_digits
from .dtg import GROUP, DateTimeGroup, parse_dtg_line, parse_group
from .references import REF_START

_OFFICE = re.compile(r"^\s*(?:ORIGIN|ACTION|INFO)\s+[A-Z/]{1,6}-\s?\d{1,2}\b"
                     r"|^\s*(?:ORIGIN|ACTION)\s+[A-Z/]{2,6}\s*$")
_OFFICE_CODES = re.compile(r"^\s*(?:[A-Z/]{1,6}-\s?\d{1,2}\s*)*\s*(?:/\d+\s*[A-Z]?)?\s*$")
_DRAFTED = re.compile(r"^\s*DRAFTED\s+BY\s*:?\s*(.*)$", re.I)
_APPROVED = re.compile(r"^\s*APPROVED\s+BY\s*:?\s*(.*)$", re.I)
_FM = re.compile(r"^\s*(?:FM|FROM)\b\s*:?\s+\S", re.I)
_TO = re.compile(r"^\s*TO\b\s*:?\s*(.*)$", re.I)
_INFO = re.compile(r"^\s*INFO\b\s*:?\s*(.*)$", re.I)
_CLASS = (r"(?P<class>(?:[A-Z]\s{1,2}){3,}[A-Z]|TOP SECRET|SECRET|CONFIDENTIAL"
          r"|LIMITED OFFICIAL USE|UNCLASSIFIED|UNCLAS)")
NUMBER_LINE = re.compile(
    rf"^\s*{_CLASS}\s+(?:(?P<section>SECTION\s+{DIGIT}{{1,2}}\s+OF\s+{DIGIT}{{1,2}})\s+)?"
    rf"(?P<post>[A-Z][A-Z ]*?[A-Z])\s+(?P<serial>{DIGIT}{{1,6}})(?:\s+(?P<rest>.*))?\s*$")
_EO = re.compile(r"^\s*E\s?\.?\s?[O0]\s?\.?\s*(?P<order>\d{5}|[0-9OIl]{5})\b.*$", re.I)
_TAGS = re.compile(r"^\s*TAGS\s*:?\s*\S", re.I)
_SUBJECT = re.compile(r"^\s*SUBJ(?:ECT)?\s*[:.]?\s*(?P<subject>.*)$", re.I)
PARAGRAPH_START = re.compile(r"^\s*(?:\d{1,2}\s?\.|\(\d{1,2}\)|[A-Z]\.\s|(?:BEGIN )?SUMMARY\b)")
_INLINE_DTG = re.compile(rf"^\s*(?:DTG|DATE[- ]TIME GROUP)\s*:?\s*{GROUP}\s*$", re.I)
_CAPTION = re.compile(r"^\s*[A-Z][A-Z /.,'-]{2,60}$")


@dataclass
class Header:
    """What the header says, and where (line index) the telegram's own text begins."""

    offices: list[str] = field(default_factory=list)
    drafted_by: str = ""
    approved_by: str = ""
    clearances: list[str] = field(default_factory=list)
    dtg: DateTimeGroup | None = None
    dtg_line: str = ""
    sender: str = ""
    addressees: list[Addressee] = field(default_factory=list)
    address_lines: list[str] = field(default_factory=list)
    classification: str = ""
    number_post: str = ""
    number_serial: str = ""
    number_line: str = ""
    captions: list[str] = field(default_factory=list)
    eo_line: str = ""
    tags_line: str = ""
    subject_lines: list[str] = field(default_factory=list)
    ref_lines: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)  # lines a copier put above the header
    body_start: int = 0


def parse_header(lines: list[str]) -> Header:
    """Walk the header lines of a cleaned telegram."""
    header = Header()
    role = ""
    index = 0
    stage = "distribution"  # → addresses → captions → fields
    preamble = _preamble(lines)
    while index < len(lines):
        line = lines[index]
        text = line.strip()
        if index in preamble:
            header.preamble.append(text)
            index += 1
            continue
        if not text:
            index += 1
            if stage == "fields" and (header.subject_lines or header.ref_lines) \
                    and not _fields_follow(lines, index):
                break
            continue
        upper = text.upper()
        if stage in ("distribution", "addresses") and is_banner(upper) \
                and not header.address_lines:
            header.classification = header.classification or full_classification(upper)
            index += 1
            continue
        if stage == "distribution":
            dtg = parse_dtg_line(upper)
            if dtg is not None:
                header.dtg, header.dtg_line, stage = dtg, _squeeze(text), "addresses"
                index += 1
                continue
            if _OFFICE.match(upper) or (header.offices and _OFFICE_CODES.match(upper)):
                header.offices.append(re.sub(r"\s+", " ", upper))
                index += 1
                continue
            drafted, approved = _DRAFTED.match(text), _APPROVED.match(text)
            if drafted or approved:
                if drafted:
                    header.drafted_by = drafted[1].strip()
                else:
                    header.approved_by = approved[1].strip()
                index += 1
                continue
            if (header.drafted_by or header.approved_by) and not _starts_fields(upper) \
                    and not _FM.match(upper) and not NUMBER_LINE.match(upper):
                header.clearances.append(text)
                index += 1
                continue
            stage = "addresses"
        if stage == "addresses":
            inline = _INLINE_DTG.match(upper)
            if inline and header.dtg is None:  # "DTG: 262340Z JAN 77" among the addresses
                header.dtg = parse_group(inline)
                header.dtg_line = _squeeze(text)
                role = ""
                index += 1
                continue
            if _FM.match(upper):
                header.sender = sender_of(upper)
                header.address_lines.append(_squeeze(text))
                role = ""
                index += 1
                continue
            to, info = _TO.match(upper), _INFO.match(upper)
            if (to or info) and (header.sender or header.dtg):
                role = "action" if to else "info"
                header.address_lines.append(_squeeze(text))
                _add_addressee(header, (to or info)[1], role)
                index += 1
                continue
            if role and not _ends_addresses(upper):
                header.address_lines.append(_squeeze(text))
                _add_addressee(header, upper, role)
                index += 1
                continue
            stage = "captions"
        if stage == "captions":
            number = NUMBER_LINE.match(upper)
            if number and not header.number_serial and is_banner(number["class"]):
                header.classification = full_classification(number["class"])
                header.number_post = re.sub(r"\s+", " ", number["post"])
                header.number_serial = str(int(ocr_digits(number["serial"])))
                header.number_line = _squeeze(f"{header.classification} "
                                              f"{text[number.end('class'):].strip()}")
                if number["rest"]:
                    header.captions.extend(_captions_in(number["rest"]))
                index += 1
                continue
            if is_banner(upper):
                header.classification = header.classification or full_classification(upper)
                index += 1
                continue
            if not _starts_fields(upper) and _CAPTION.match(upper) and len(upper) <= 40 \
                    and not PARAGRAPH_START.match(upper):
                header.captions.append(_squeeze(upper))
                index += 1
                continue
            stage = "fields"
        if stage == "fields":
            if _EO.match(upper):
                header.eo_line = _eo_text(text)
                index += 1
                continue
            if _TAGS.match(upper):
                header.tags_line = re.sub(r"\s+", " ", text)
                index += 1
                while header.tags_line.rstrip().endswith(",") and index < len(lines) \
                        and lines[index].strip():
                    header.tags_line += " " + lines[index].strip()
                    index += 1
                continue
            subject = _SUBJECT.match(text)
            if subject and not header.subject_lines:
                header.subject_lines.append(text)
                index += 1
                while index < len(lines) and lines[index].strip() and not _starts_fields(
                        lines[index].upper()) and not PARAGRAPH_START.match(lines[index]):
                    header.subject_lines.append(lines[index].strip())
                    index += 1
                continue
            if REF_START.match(upper) and not header.ref_lines:
                header.ref_lines.append(text)
                index += 1
                while index < len(lines) and lines[index].strip() and not _starts_fields(
                        lines[index].upper()) and not re.match(r"^\s*\d{1,2}\s?\.\s", lines[index]):
                    header.ref_lines.append(lines[index].strip())
                    index += 1
                continue
            break
    header.body_start = index
    return header


def _preamble(lines: list[str]) -> set[int]:
    """Lines before the date-time group or the FM line that no header has there: a title
    or note the copier added ("TELEGRAM FROM BOX 12"). Without DTG or FM, none."""
    anchor = next((i for i, line in enumerate(lines[:80])
                   if parse_dtg_line(line.upper()) or _FM.match(line.upper())), None)
    if anchor is None:
        return set()
    found, drafting = set(), False
    for index, line in enumerate(lines[:anchor]):
        upper = line.strip().upper()
        if _DRAFTED.match(upper) or _APPROVED.match(upper):
            drafting = True
        known = (not upper or is_banner(upper) or _OFFICE.match(upper) or drafting
                 or _OFFICE_CODES.match(upper))
        if not known:
            found.add(index)
    return found


def _squeeze(text: str) -> str:
    """A header line for the text as written, its runs of spaces made one."""
    return re.sub(r"\s+", " ", text.strip())


def _fields_follow(lines: list[str], index: int) -> bool:
    """After a blank line: is the next line another header field (a REF after SUBJECT)?"""
    for line in lines[index:index + 3]:
        if line.strip():
            return _starts_fields(line.strip().upper())
    return False


def _add_addressee(header: Header, text: str, role: str) -> None:
    """One address line; a typed copy may list several posts on it, comma-separated."""
    default = ""
    if header.dtg is not None:
        default = header.dtg.action_precedence if role == "action" else header.dtg.info_precedence
    for part in text.split(","):
        addressee = parse_addressee(part, role, default) if part.strip() else None
        if addressee is not None:
            header.addressees.append(addressee)


def _ends_addresses(upper: str) -> bool:
    return bool(NUMBER_LINE.match(upper) or is_banner(upper) or _starts_fields(upper)
                or PARAGRAPH_START.match(upper) or upper.startswith(("BT", "XMT", "ZEN")))


def _starts_fields(upper: str) -> bool:
    return bool(_EO.match(upper) or _TAGS.match(upper) or _SUBJECT.match(upper)
                or REF_START.match(upper))


def _captions_in(rest: str) -> list[str]:
    words = re.sub(r"\s+", " ", rest.strip().upper())
    return [words] if words else []


def _eo_text(text: str) -> str:
    """``E.0. 11652 : GDS`` (OCR) → ``E.O. 11652: GDS``."""
    match = re.match(r"^\s*E\s?\.?\s?[O0]\s?\.?\s*([0-9OIl]{5})\s*:?\s*(.*)$", text.strip(),
                     re.I)
    if not match:
        return text.strip()
    rest = re.sub(r"\s+", " ", match[2]).strip()
    return f"E.O. {ocr_digits(match[1])}: {rest}" if rest else f"E.O. {ocr_digits(match[1])}"
