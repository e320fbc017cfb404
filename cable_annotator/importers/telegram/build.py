"""A domain Cable from a telegram's cleaned lines and, for AAD or PlusD, its fields.

The cable's id is the message reference number; its text holds the header as sent (date-
time group, FM/TO/INFO, classification and number, captions, E.O., TAGS, SUBJECT, REF)
and the paragraphs, without the archive's marks. The header's meaning (addressees with
precedence, decoded TAGS, references) goes to ``Cable.telegram``, stored in the cable's
structure; the FRUS columns (sender, recipient, date, classification…) get the readable
forms so lists, search and CSV read a telegram as they read a FRUS document.
"""

from __future__ import annotations

import re
from datetime import datetime

from ...domain.cable import Cable, CrossReference
from ...domain.telegram import (
    TELEGRAM_KIND,
    Telegram,
    make_mrn,
    parse_mrn,
    post_code,
    telegram_volume_id,
)
from .addresses import parse_addressee, readable_name
from .body import ComposedText, add_body
from .cleaning import clean_lines, full_classification
from .dtg import MONTHS, find_dtg
from .header import Header, parse_header
from .references import references_in
from .tags import decode_tags

HEADER_KIND = "telegram header"
"""The block kind of the header's lines (DTG, FM/TO/INFO, number, captions, E.O., TAGS)."""
_SUBJECT_PREFIX = re.compile(r"^\s*SUBJ(?:ECT)?\s*[:.]?\s*", re.I)


class NotATelegram(ValueError):
    """The text has no message number, date or address a telegram would have."""


def build_cable(text: str, fields: dict[str, str] | None = None,
                source_format: str = "raw") -> Cable:
    """One telegram's text (and its AAD/PlusD fields) as a Cable; NotATelegram if it is none."""
    fields = fields or {}
    clean = clean_lines(text)
    header = parse_header(clean.lines)
    if not header.number_serial and clean.page_serial:
        # No "CONFIDENTIAL LIMA 7518" line: the page header names the post and serial too
        # (cut to six characters, as in the MRN: "PAGE 01 TEL AV 04021").
        header.number_post, header.number_serial = clean.page_post, clean.page_serial
    if header.dtg is None:  # a typed copy may give it inline ("DTG 262340Z JAN 77")
        header_lines = [line for line in clean.lines[:header.body_start]
                        if line.strip() not in header.ref_lines]
        header.dtg = find_dtg("\n".join(header_lines))
    telegram = _telegram_of(header, fields, source_format)
    composed = ComposedText()
    title = _title(telegram)
    composed.add(title, "heading", "", clean.pages[0] if clean.pages else "1")
    classification = header.classification or full_classification(
        fields.get("classification", "")) or clean.banner
    sections = _header_blocks(composed, header, clean.pages)
    body_lines = clean.lines[header.body_start:]
    body_pages = clean.pages[header.body_start:]
    signature = add_body(composed, body_lines, body_pages)
    cable_text = composed.text
    sender_post = post_code(_city(telegram.sender)) if telegram.sender else ""
    addressee_post = post_code(_city(telegram.action[0].address)) if telegram.action else ""
    if "ref" in sections:
        start, end = sections["ref"]
        telegram.references = references_in(cable_text, start, end, sender_post,
                                            addressee_post)
    elif fields.get("reference"):
        telegram.references = [
            r.__class__(r.label, r.post, r.serial, r.text, -1, -1, r.year)
            for r in references_in(fields["reference"], 0, len(fields["reference"]),
                                   sender_post, addressee_post)]
    year = int(telegram.mrn[:4])
    references = [CrossReference(make_mrn(r.year or year, r.post, r.serial), r.text,
                                 r.start, r.end)
                  for r in telegram.references if r.start >= 0]
    subject = " ".join(header.subject_lines)
    subject = _SUBJECT_PREFIX.sub("", subject).strip() or fields.get("subject", "")
    captions = list(dict.fromkeys(telegram.captions))
    return Cable(
        id=telegram.mrn, volume=telegram_volume_id(year), number=telegram.mrn, title=title,
        text=cable_text, kind=TELEGRAM_KIND, date=telegram.sent[:10] or None,
        subject=subject.rstrip("."), sender=telegram.sender_name,
        recipient="; ".join(a.name for a in telegram.action),
        place=_place(telegram.sender), telegram_number=telegram.serial,
        classification="; ".join([c for c in [classification] + captions if c]),
        signature=signature, blocks=composed.blocks, pages=composed.pages,
        references=references, telegram=telegram,
    )


def _telegram_of(header: Header, fields: dict[str, str], source_format: str) -> Telegram:
    dtg = header.dtg or (find_dtg(fields["date"]) if fields.get("date") else None)
    sent = dtg.iso if dtg else _date_field(fields.get("date", ""))
    mrn = _mrn(header, fields, sent)
    sender = header.sender or _address_field(fields.get("from", ""), mrn)
    addressees = list(header.addressees)
    if not addressees and fields.get("to"):
        for part in re.split(r"[;,]| INFO ", fields["to"]):
            found = parse_addressee(_address_field(part), "action")
            if found is not None:
                addressees.append(found)
    tags_line = header.tags_line or fields.get("tags", "")
    captions = list(header.captions)
    if fields.get("captions") and fields["captions"].upper() not in captions:
        captions.append(fields["captions"].upper())
    return Telegram(
        mrn=mrn, dtg=dtg.printed if dtg else "", sent=sent,
        precedence=dtg.action_precedence if dtg else "", sender=sender,
        sender_name=readable_name(sender) if sender else "", addressees=addressees,
        captions=captions, eo_line=header.eo_line or _eo_field(fields.get("eo", "")),
        tags=decode_tags(tags_line) if tags_line else [], offices=header.offices,
        drafted_by=header.drafted_by or fields.get("drafter", ""),
        approved_by=header.approved_by, clearances=header.clearances, film=fields.get("film", ""),
        source_format=source_format,
        fields={k: v for k, v in fields.items() if k not in {"text"}},
    )


def _mrn(header: Header, fields: dict[str, str], sent: str) -> str:
    given = fields.get("mrn", "")
    parsed = parse_mrn(given)
    if parsed is not None:
        return f"{parsed[0]}{parsed[1]}{parsed[2]}"
    if header.number_serial and sent:
        return make_mrn(int(sent[:4]), header.number_post, header.number_serial)
    problems = []
    if not header.number_serial:
        problems.append("no classification-and-number line (such as "
                        "'CONFIDENTIAL LIMA 7518') and no Document Number field")
    if not sent:
        problems.append("no date-time group (such as 'P 262340Z JAN 77') and no date field")
    raise NotATelegram("; ".join(problems))


def _header_blocks(composed: ComposedText, header: Header,
                   pages: list[str]) -> dict[str, tuple[int, int]]:
    """Header lines as blocks; returns the spans of the subject and REF blocks."""
    page = pages[0] if pages else "1"
    spans: dict[str, tuple[int, int]] = {}
    lines = [*header.preamble, header.dtg_line, *header.address_lines,
             header.number_line, *header.captions, header.eo_line,
             header.tags_line]
    for line in lines:
        if line:
            composed.add(line, HEADER_KIND, "", page)
    if header.subject_lines:
        block = composed.add(" ".join(header.subject_lines), "subject", "", page)
        spans["subject"] = (block.start, block.end)
    if header.ref_lines:
        block = composed.add(" ".join(header.ref_lines), "subject", "", page)
        spans["ref"] = (block.start, block.end)
    return spans


def _title(telegram: Telegram) -> str:
    """``Telegram 16696 From the Department of State to Embassy Lima``."""
    sender = telegram.sender_name or telegram.sender or "an unknown sender"
    if sender.startswith(("Department", "White House", "Joint Chiefs")):
        sender = "the " + sender
    names = [a.name for a in telegram.action]
    if not names:
        to = ""
    elif len(names) <= 3:
        to = " to " + (" and ".join(names) if len(names) <= 2
                       else f"{names[0]}, {names[1]} and {names[2]}")
    else:
        to = f" to {names[0]} and {len(names) - 1} other addressees"
    to = to.replace(" to Department", " to the Department")
    number = telegram.serial or telegram.mrn
    return f"Telegram {number} From {sender}{to}"


def _city(address: str) -> str:
    for prefix in ("AMEMBASSY ", "AMCONSUL ", "AMCONGEN ", "USMISSION ", "USINT "):
        if address.startswith(prefix):
            return address[len(prefix):]
    return address


def _place(sender: str) -> str:
    if not sender:
        return ""
    if sender.endswith("WASHDC") or sender.startswith("SECSTATE"):
        return "Washington"
    return " ".join(w.capitalize() for w in _city(sender).split())


def _address_field(value: str, mrn: str = "") -> str:
    """AAD's ``From: LIMA`` or PlusD's ``From: Peru Lima`` (country, then city) → the
    post as the telegram's number names it (``LIMA``, ``LA PAZ``)."""
    value = re.sub(r"\s+", " ", value.strip().upper())
    if value in {"SECRETARY OF STATE", "STATE", "SECSTATE", "DEPARTMENT OF STATE"}:
        return "SECSTATE WASHDC"
    parsed = parse_mrn(mrn)
    words = value.split()
    for first in range(len(words)):
        if parsed is not None and post_code(" ".join(words[first:])) == parsed[1]:
            return " ".join(words[first:])
    return value


def _eo_field(value: str) -> str:
    return f"E.O.: {value}" if value else ""


def _date_field(value: str) -> str:
    """AAD's ``29 JAN 1974`` or ``1974-01-29``, PlusD's ``1974 January 29, 23:40 (Tuesday)``."""
    value = value.strip()
    patterns = [(r"^(\d{4})-(\d\d)-(\d\d)", "ymd"), (r"^(\d{1,2}) ([A-Za-z]{3})\w* (\d{4})", "dmy"),
                (r"^(\d{4}) ([A-Za-z]{3})\w* (\d{1,2})(?:, (\d\d):(\d\d))?", "ymd-name"),
                (r"^(\d{1,2})/(\d{1,2})/(\d{4})", "mdy")]
    for pattern, order in patterns:
        match = re.match(pattern, value)
        if not match:
            continue
        try:
            if order == "ymd":
                day = datetime(int(match[1]), int(match[2]), int(match[3]))
            elif order == "dmy":
                day = datetime(int(match[3]), MONTHS[match[2].upper()], int(match[1]))
            elif order == "mdy":
                day = datetime(int(match[3]), int(match[1]), int(match[2]))
            else:
                day = datetime(int(match[1]), MONTHS[match[2].upper()], int(match[3]))
                if match[4] and (match[4], match[5]) != ("00", "00"):
                    return f"{day:%Y-%m-%d}T{match[4]}:{match[5]}Z"
        except (KeyError, ValueError):
            continue
        return f"{day:%Y-%m-%d}"
    return ""
