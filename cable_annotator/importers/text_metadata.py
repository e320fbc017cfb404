"""Catalogue facts a FRUS document states in prose: kind, parties, date, subject….

Plain text has no markup, so these come from the conventions the editors follow: titles
such as "Telegram 16696 From the Department of State to the Embassy in Peru", datelines
such as "Washington, January 29, 1974, 2224Z.", a telegram's first line "16696. Subject:
…", and the source note's "… 1974. Secret; Exdis. Repeated to …". Each reader returns
an empty value rather than guessing when the convention is not met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cable_annotator.domain.cable import CrossReference

# Document kinds by the first keyword of a title, most specific first.
_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bEditorial Note\b", re.I), "editorial note"),
    (re.compile(r"\bMemorand(?:um|a) (?:of|for) (?:a )?Conversation\b", re.I),
     "memorandum of conversation"),
    (re.compile(r"\bMemorand(?:um|a) for the Record\b", re.I), "memorandum for the record"),
    (re.compile(r"\bTelegram\b", re.I), "telegram"),
    (re.compile(r"\bAirgram\b", re.I), "airgram"),
    (re.compile(r"\bBackchannel Message\b", re.I), "backchannel message"),
    (re.compile(r"\bMemorand(?:um|a)\b", re.I), "memorandum"),
    (re.compile(r"\bLetters?\b", re.I), "letter"),
    (re.compile(r"\bMinutes\b", re.I), "minutes"),
    (re.compile(r"\bTranscript\b", re.I), "transcript"),
    (re.compile(r"\b(?:National|Special National) Intelligence Estimate\b", re.I),
     "intelligence estimate"),
    (re.compile(r"\bIntelligence (?:Note|Memorandum|Report|Assessment|Brief)\b", re.I),
     "intelligence report"),
    (re.compile(r"\bInformation Cable\b", re.I), "intelligence report"),
    (re.compile(r"\bSummary of Conclusions\b|\b(?:Summary )?Record of\b", re.I), "record"),
    (re.compile(r"\bTalking Points\b", re.I), "talking points"),
    (re.compile(r"\bMessage\b", re.I), "message"),
    (re.compile(r"\bNote\b", re.I), "note"),
    (re.compile(r"\b(?:Paper|Study|Report|Analysis|Assessment)\b", re.I), "paper"),
]

# "… From the Department of State to the Embassy in Peru": the parties of a title.
_FROM_PARTY = re.compile(r"\bFrom (?P<rest>.+)$")
_TO_SEPARATOR = re.compile(r" to ")
# Offices whose name continues with " to …" ("Ambassador to Peru"), so that " to " does
# not separate sender from recipient.
_OFFICE_BEFORE_TO = re.compile(
    r"(?:Ambassador|Representative|Delegation|Mission|Envoy|Assistant|Adviser|Advisor|"
    r"Counselor|Minister|Observer|Delegate|Emissary|Negotiator)$"
)
# "Telegram 16696 From …": the number a telegram carries in its title.
_TITLE_TELEGRAM_NUMBER = re.compile(r"\b(?:Telegram|Airgram)s? (?P<number>[A-Z]?-?\d+)\b")
# A telegram's first paragraph: "16696. Subject: …" or "1410. Subj: …".
TELEGRAM_LINE = re.compile(r"^(?P<number>\d{2,7})\. (?=Subj(?:ect)?:|\S)")
# A subject on its own line ("SUBJECT: …" in memoranda) or in the telegram line.
_SUBJECT = re.compile(r"(?:^|\.\s)(?:SUBJECT|Subject|Subj|SUBJ)\s*:\s*(?P<subject>\S.*)$")
# A memorandum's subject header standing alone, its text on the next line.
SUBJECT_HEADER = re.compile(r"^\s*(?:SUBJECT|Subject)\s*:?\s*$")
# The end of the first sentence: a period and a space before a capital or the end,
# not after an initial or a common abbreviation ("U.S.", "Mr.").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bVol)(?<!\bGen)"
    r"(?<!\bAmb)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bLt)(?<!\bCol)(?<!\bJr)\.(?:\s+(?=\S)|$)"
)

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
# A dateline: optional place (a comma or only a space after it), then "January 29, 1974"
# (a day range is allowed) or "May 1980", then an optional time such as ", 2224Z",
# ",4:17–5:50 p.m." or ". 10–11 p.m.", ending the line.
_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][^\d:;]{0,80}?)(?:,\s*|\s+))?"
    rf"(?P<month>{'|'.join(_MONTHS)})\s+(?:(?P<day>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?,\s*)?"
    r"(?P<year>\d{4})(?P<rest>(?:[,.]?\s*[^\n]{0,60})?)\.?$"
)
# A dateline without a date: "Washington, undated." or "undated".
_UNDATED = re.compile(r"^(?:(?P<place>[A-Z][^\d]{0,80}?),\s+)?[Uu]ndated\.?$")

# The classification sentence of a source note: "… 1974. Secret; Exdis. Repeated …".
_CLASSIFICATION = re.compile(
    r"(?:^|(?<=[.)]\s))(?P<classification>(?:Top Secret|Secret|Confidential|"
    r"Limited Official Use|Official Use Only|Unclassified|No classification marking)"
    r"(?:[;,] [^.;,]+)*)\."
)

# "Document 299" (one document; the volume is the cable's own unless the sentence names
# another "Foreign Relations" volume).
_DOCUMENT_REFERENCE = re.compile(r"\bDocument (?P<number>\d+[a-z]?)\b")
_OTHER_VOLUME = re.compile(r"Foreign Relations|\bvol(?:ume)?\.? [IVXLC\d]", re.I)
# "telegram 193548", "Telegram 8043": a telegram by its number.
_TELEGRAM_REFERENCE = re.compile(r"\b[Tt]elegram (?P<number>\d{2,7})\b")


# A signature by initials: "J.F.K.", "McG. B.", "W.P.B.".
_INITIALS = re.compile(r"^(?:[A-Z][a-zA-Z]{0,2}\.\s?){2,4}$")


@dataclass(frozen=True)
class Dateline:
    """What a dateline line states."""

    place: str
    date: str | None


def kind_of(title: str) -> str:
    """The document kind a title names ("telegram", "letter"…), else ``document``."""
    matches = [(pattern.search(title), kind) for pattern, kind in _KINDS]
    found = [(match.start(), order, kind) for order, (match, kind) in enumerate(matches) if match]
    if not found:
        return "document"
    # The earliest keyword wins ("Memorandum … Transmitting a Telegram" is a memorandum);
    # at the same place the more specific pattern, listed first, wins.
    return min(found)[2]


def _strip_article(party: str) -> str:
    party = party.strip().rstrip(",")
    return party[4:] if party.startswith("the ") else party


def parties_of(title: str) -> tuple[str, str]:
    """Sender and recipient named by ``From … to …`` in a title, or empty strings."""
    match = _FROM_PARTY.search(title)
    if not match:
        return "", ""
    rest = match["rest"]
    for separator in _TO_SEPARATOR.finditer(rest):
        sender = rest[: separator.start()]
        if sender.count("(") != sender.count(")") or _OFFICE_BEFORE_TO.search(sender):
            continue
        return _strip_article(sender), _strip_article(rest[separator.end() :])
    return _strip_article(rest), ""


def telegram_number_of(title: str, first_paragraph: str) -> str:
    """The telegram's number: from the title, else from its "16696. Subject:" line."""
    match = _TITLE_TELEGRAM_NUMBER.search(title)
    if match:
        return match["number"]
    line = TELEGRAM_LINE.match(first_paragraph)
    if line and re.search(r"\bSubj(?:ect)?:", first_paragraph):
        return line["number"]
    return ""


def first_sentence(text: str) -> str:
    """``text`` up to its first full stop, abbreviations and initials excepted."""
    end = _SENTENCE_END.search(text)
    return (text[: end.start()] if end else text).strip()


def subject_in(line: str) -> str:
    """The subject stated by a "Subject: …" line or telegram line, else ''."""
    match = _SUBJECT.search(line)
    if not match:
        return ""
    return first_sentence(match["subject"]).rstrip(".")


def read_dateline(line: str) -> Dateline | None:
    """Place and ISO date of a dateline, or None when ``line`` is not one."""
    if len(line) > 160:
        return None
    match = _DATELINE.match(line.strip())
    if match and len((match["place"] or "").split()) <= 6:
        month = _MONTHS.index(match["month"]) + 1
        date = f"{int(match['year']):04d}-{month:02d}"
        if match["day"]:
            day = int(match["day"])
            if not 1 <= day <= 31:
                return None
            date += f"-{day:02d}"
        return Dateline((match["place"] or "").strip(), date)
    undated = _UNDATED.match(line.strip())
    if undated:
        return Dateline((undated["place"] or "").strip(), None)
    return None


def classification_in(text: str) -> str:
    """The classification a source note states ("Secret; Exdis"), else ''."""
    match = _CLASSIFICATION.search(text)
    return match["classification"] if match else ""


def looks_like_signature(line: str) -> bool:
    """True for a short name line such as "Kissinger" or "Arthur Schlesinger, jr."."""
    words = line.split()
    if not words or len(line) > 60 or len(words) > 6:
        return False
    if not line[0].isupper() or line.startswith("["):
        return False
    initials = _INITIALS.match(line)
    if line[-1] in "!?:;" or (
        line.endswith(".") and not initials and not re.search(r"\b[JS]r\.$", line, re.I)
    ):
        return False
    return not any(char.isdigit() for char in line)


def references_in(text: str, volume: str | None) -> list[CrossReference]:
    """Cross-references to documents and telegrams in ``text``, in order of position.

    A "Document N" is resolved to ``<volume>/dN`` when the volume is known and the
    sentence does not name another volume; otherwise its target is the text itself.
    """
    found: list[CrossReference] = []
    for match in _DOCUMENT_REFERENCE.finditer(text):
        sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start()))
        other_volume = _OTHER_VOLUME.search(text, sentence_start + 1, match.start())
        if volume and not other_volume:
            target = f"{volume}/d{match['number']}"
        else:
            target = f"Document {match['number']}"
        found.append(CrossReference(target, match.group(), match.start(), match.end()))
    for match in _TELEGRAM_REFERENCE.finditer(text):
        found.append(
            CrossReference(f"telegram {match['number']}", match.group(), match.start(), match.end())
        )
    return sorted(found, key=lambda reference: reference.start)
