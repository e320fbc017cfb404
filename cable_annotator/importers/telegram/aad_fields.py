"""AAD's labelled-field records and PlusD's field block above the text.

AAD shows a Central Foreign Policy Files telegram as labelled fields (``Document Number:
1974STATE016696``, ``Date:``, ``From:``, ``To:``, ``TAGS:``, ``Subject:``, ``Reference:``,
``Message Text:``…); PlusD puts ``Canonical ID:``, ``Original Classification:``,
``Handling Restrictions:``, ``Executive Order:`` and the rest above the raw text. A file
may hold several AAD records one after another: a record begins where a label it already
has comes again (or after a line of dashes or equals signs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Labels of both sites, lower-cased, mapped to our names. "Message Text" and "Content"
# open the telegram's own text, which runs to the end of the record.
LABELS = {
    "document number": "mrn", "canonical id": "mrn", "message reference number": "mrn",
    "mrn": "mrn", "date": "date", "sent date": "date", "draft date": "draft_date",
    "from": "from", "to": "to", "tags": "tags", "subject": "subject", "reference": "reference",
    "references": "reference", "original classification": "classification",
    "classification": "classification", "current classification": "current_classification",
    "handling restrictions": "captions", "original handling restrictions": "captions",
    "executive order": "eo", "e.o.": "eo", "film number": "film", "locator": "locator",
    "office": "office", "office origin": "office", "office action": "office_action",
    "drafter": "drafter", "page count": "page_count", "line count": "line_count",
    "character count": "character_count", "concepts": "concepts", "type": "type",
    "archive status": "archive_status", "markings": "markings", "review date": "review_date",
    "review action": "review_action", "channel indicators": "channel", "enclosure": "enclosure",
    "legacy key": "legacy_key", "capture date": "capture_date", "disposition action":
    "disposition", "errors": "errors", "message attributes": "attributes", "copy": "copy",
    "control number": "control", "previous classification": "previous_classification",
    "previous handling restrictions": "previous_captions", "sas id": "sas_id",
    "decaption date": "decaption_date", "decaption note": "decaption_note",
    "review authority": "review_authority", "review comment": "review_comment",
    "review content flags": "review_flags", "review event": "review_event",
    "review exemptions": "review_exemptions", "review history": "review_history",
    "review markings": "review_markings", "review media identifier": "review_media",
    "review referrals": "review_referrals", "review release date": "review_release_date",
    "review release event": "review_release_event", "review transfer date":
    "review_transfer_date", "review withdrawn fields": "review_withdrawn",
    "message text": "text", "content": "text", "text": "text",
}
# "Label: value", or "Label<TAB>value" as a copied HTML table row gives it.
_LABEL_LINE = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z ./()]{1,40}?)\s*(?::|\t)\s*(?P<value>.*)$")
# Labels long enough never to be a line of a telegram, alone on a line above their value
# (a copied table whose cells became lines).
_BARE_LABELS = {label for label in LABELS if " " in label and label not in
                {"message text", "e.o."}}
# Labels that also open lines of a telegram's own text; any other label ends the text.
_IN_TELEGRAM_TEXT = {"subject", "tags", "reference", "eo", "text", "from", "to"}
_END_OF_TEXT = re.compile(r"^\s*<<\s*END OF DOCUMENT\s*>>\s*$", re.I)
_ENDS_TEXT = set(LABELS.values()) - _IN_TELEGRAM_TEXT
_RECORD_RULE = re.compile(r"^\s*(?:-{5,}|={5,}|\*{5,})\s*$")
_EMPTY_VALUES = {"", "n/a", "N/A", "-- N/A or Blank --", "--N/A or Blank--", "NA", "none"}


@dataclass
class LabelledRecord:
    """One record: its fields by our names (the labels as given, too), and its text."""

    fields: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    text: str = ""
    line: int = 1  # where the record begins in its file, for error messages
    text_seen: bool = False


_TEXT_HEADING = re.compile(r"^\s*(?:Message Text|Content|Text)\s*:?\s*$", re.IGNORECASE)


def label_of(line: str) -> tuple[str, str | None] | None:
    """``("mrn", "1974STATE016696")`` for a known label line, else None. A bare heading
    ``Message Text`` or ``Content`` (as the sites show it above the text) opens the text;
    a bare label such as ``Document Number`` gives None for its value (on the next line)."""
    if _TEXT_HEADING.match(line):
        return ("text", "")
    bare = re.sub(r"\s+", " ", line.strip().lower())
    if bare in _BARE_LABELS:
        return (LABELS[bare], None)
    match = _LABEL_LINE.match(line)
    if match is None:
        return None
    name = LABELS.get(re.sub(r"\s+", " ", match["label"].strip().lower()))
    return (name, match["value"].strip()) if name else None


def looks_labelled(text: str) -> bool:
    """True when the text is field records: an MRN label and a message-text label."""
    names = {found[0] for line in text.splitlines()[:400] if (found := label_of(line))}
    return "mrn" in names and ("text" in names or "subject" in names)


def split_records(text: str) -> list[LabelledRecord]:
    """The records of an AAD or PlusD text, each with its fields and its message text."""
    records: list[LabelledRecord] = []
    current = LabelledRecord()
    in_text = False
    text_lines: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")

    def close() -> None:
        nonlocal current, text_lines, in_text
        current.text = "\n".join(text_lines).strip("\n")
        if current.fields or current.text.strip():
            records.append(current)
        current, text_lines, in_text = LabelledRecord(), [], False

    pending: str | None = None  # a bare label waiting for its value's line
    for number, line in enumerate(lines, 1):
        if pending is not None and line.strip():
            line, pending = f"{pending}: {line.strip()}", None
        if _RECORD_RULE.match(line):
            close()
            current.line = number + 1
            continue
        if in_text and _END_OF_TEXT.match(line):
            in_text = False  # AAD's own end mark: fields may follow
            continue
        found = label_of(line)
        if found and in_text and found[0] not in _ENDS_TEXT:
            text_lines.append(line)  # "SUBJECT:" or "REF:" inside the telegram's own text
            continue
        if found and found[1] is None:
            pending = line.strip()
            continue
        if found and in_text and found[0] != "mrn":
            in_text = False  # a field after the message text (AAD's order varies)
        if found:
            name, value = found
            label = re.split(r"[:\t]", line, maxsplit=1)[0].strip() or name
            if label in current.labels or (name == "mrn" and "mrn" in current.fields) \
                    or (name == "text" and current.text_seen):
                close()
                current.line = number
            if name == "text":
                current.text_seen = True
                in_text = True
                if value:
                    text_lines.append(value)
                continue
            if in_text and name == "mrn":
                close()
                current.line = number
            current.labels[label] = value
            if value not in _EMPTY_VALUES or (name == "eo" and value.upper() == "N/A"):
                current.fields.setdefault(name, value)  # "E.O.: N/A" is an answer
            continue
        if in_text:
            text_lines.append(line)
        elif line.strip() and current.labels:
            last = next(reversed(current.labels))  # a wrapped value
            current.labels[last] = f"{current.labels[last]} {line.strip()}"
            name = LABELS.get(last.lower())
            if name in current.fields:
                current.fields[name] = f"{current.fields[name]} {line.strip()}"
    close()
    return [record for record in records if record.fields.get("mrn") or record.text.strip()]
