"""What a FRUS document says about itself only in prose: its kind, number, classification.

The TEI marks none of these: the document kind and telegram number live in the editorial
title ("293. Telegram 16696 From …"), the classification in the source note ("… January
1974. Secret; Exdis. Repeated to …"), the subject in the telegram's first paragraph. These
small parsers read that prose; each returns "" when the pattern is absent rather than guess.
"""

from __future__ import annotations

import re

_NUMBER_PREFIX = re.compile(r"^\s*\d+[A-Za-z]?\.\s*")

# Ordered: the first pattern that matches the start of the title wins.
_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"editorial note\b"), "editorial note"),
    (re.compile(r"(draft )?memorandum of (telephone )?conversation\b"),
     "memorandum of conversation"),
    (re.compile(r"(transcript|record) of (a )?(telephone|teletype) (conversation|conference)"),
     "telephone conversation"),
    (re.compile(r"(summary )?(minutes|record|notes?) of (a |the )?.*\b(meeting|discussion)"),
     "minutes"),
    (re.compile(r"(memorandum|summary) of (a |the )?(meeting|conference|discussion)"), "minutes"),
    (re.compile(r"summary (record|minutes)|minutes\b|summary of conclusions|record of actions"),
     "minutes"),
    (re.compile(r"(circular |draft |information )?airgram\b"), "airgram"),
    (re.compile(r"(circular |draft |backchannel )?telegram\b"), "telegram"),
    (re.compile(r"(backchannel )?message\b"), "message"),
    (re.compile(r"(special )?national intelligence estimate\b"), "intelligence estimate"),
    (re.compile(r".*\b(information|intelligence) (cable|report)\b"), "intelligence report"),
    (re.compile(r"letter\b"), "letter"),
    (re.compile(r".*\bmemorandum\b"), "memorandum"),
    (re.compile(r".*\bpaper\b"), "paper"),
    (re.compile(r".*\bnote\b"), "note"),
    (re.compile(r"notes\b"), "notes"),
    (re.compile(r"talking points\b"), "talking points"),
    (re.compile(r".*\breport\b"), "report"),
    (re.compile(r"study\b"), "study"),
]
_TELEGRAM_NUMBER = re.compile(r"\bTelegram (\d[\w/–-]*(?: \d+)?)(?=[ ,.]|$)")
_CLASSIFICATION = re.compile(
    r"(?:^|[.;,]\s+)((?:Top Secret|Secret|Confidential|Unclassified|Limited Official Use"
    r"|Official Use Only|No classification marking|Personal and Confidential"
    r"|Administratively Confidential|Eyes Only|Personal(?=[.;]))\b[^.]*)"
)
_SUBJECT = re.compile(r"\b(?:Subject|Subj|SUBJECT|SUBJ)\s*:\s*(.+?)(?<!\b[A-Z])\.(?=\s|$)")
_PARAGRAPH_LABEL = re.compile(
    r"(?:(\d{1,3}[a-z]?)\.|(\([0-9]{1,3}\)|\([a-z]{1,4}\)|\([A-Z]\))|([A-Z]|[IVX]{2,5})\.)(?=\s)"
)
# "700. Subject: …" opens a telegram: the number is the telegram's, not a paragraph's.
_TELEGRAM_LINE_NUMBER = re.compile(r"(\d{1,7})\.\s*Subj(?:ect)?\b", re.IGNORECASE)
_TELEGRAM_LINE = re.compile(r"\s*Subj(?:ect)?\b", re.IGNORECASE)
_EDITORIAL = re.compile(r"\[[^\[\]\n]{1,600}\]")
_EDITORIAL_WORDS = re.compile(
    r"not declassified|^\[\s*(?:Omitted here|Here follows?|Text not|Not printed|Page \d|"
    r"Attachment|Tab [A-Z]|Enclosure|Annex|sic\b|less than)",
    re.IGNORECASE,
)
_TO = re.compile(r"(\S+) to ")
# Offices whose own name contains " to " ("Mission to the United Nations").
_OFFICES_TO = frozenset({"Mission", "Delegation", "Representative", "Ambassador", "Assistant",
                         "Adviser", "Advisor", "Counselor", "Envoy", "Emissary", "Observer",
                         "Liaison", "Representatives", "Delegate"})
# Starts with a literal so the regex engine can skip ahead; the "T"/"t" is checked after.
_TELEGRAM_MENTION = re.compile(r"elegram (\d{3,7})\b")


def strip_number(heading: str) -> str:
    """The editorial title without its printed number ("293. Telegram …" → "Telegram …")."""
    return _NUMBER_PREFIX.sub("", heading, count=1)


def kind_of(title: str) -> str:
    """The document kind named at the start of the title, lower-case ("telegram")."""
    lowered = title.lower().lstrip("[( ")
    for pattern, kind in _KINDS:
        if pattern.match(lowered):
            return kind
    return "document"


def telegram_number(title: str) -> str:
    """The number in a title such as "Telegram 16696 From …" ("" when not given)."""
    match = _TELEGRAM_NUMBER.search(title)
    return match.group(1) if match else ""


def telegram_line_number(text: str) -> str:
    """The number of a telegram's opening line ("700. Subject: …" → "700"), or ""."""
    match = _TELEGRAM_LINE_NUMBER.match(text)
    return match.group(1) if match else ""


def classification_of(source_note: str) -> str:
    """The classification sentence of a source note ("Secret; Exdis"), or ""."""
    start = source_note.find("Source:")
    match = _CLASSIFICATION.search(source_note, max(start, 0))
    return match.group(1).strip() if match else ""


def subject_in(text: str) -> str:
    """The subject given in a telegram's opening line ("Subject: X. For …" → "X")."""
    match = _SUBJECT.search(text)
    return match.group(1).strip() if match else ""


def paragraph_label(start_text: str) -> str:
    """The printed number a paragraph begins with: "4." → "4", "(a)" → "(a)", "B." → "B"."""
    match = _PARAGRAPH_LABEL.match(start_text)
    if not match or _TELEGRAM_LINE.match(start_text, match.end()):
        return ""
    return match.group(1) or match.group(2) or match.group(3)


def editorial_brackets(text: str, italic: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the editors' bracketed insertions ("[less than 1 line not declassified]").

    FRUS editors set their own words in brackets, usually in italic; a bracket counts as
    editorial when its wording is one of the known formulas or is set wholly in italic.
    """
    found = []
    for match in _EDITORIAL.finditer(text):
        start, end = match.span()
        if _EDITORIAL_WORDS.search(match.group()) or _covered(start + 1, end - 1, italic):
            found.append((start, end))
    return found


def _covered(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether [start, end) (ignoring the edges' spaces) lies inside one of ``ranges``."""
    return any(lo <= start and end <= hi for lo, hi in ranges) if end > start else False


def telegram_mentions(text: str, start: int = 0) -> list[tuple[str, int, int]]:
    """Telegrams named by number in prose ("telegram 193548"): (target, start, end)."""
    found = []
    for match in _TELEGRAM_MENTION.finditer(text, start + 1):
        at = match.start() - 1
        if text[at] in "Tt" and (at == 0 or not text[at - 1].isalnum()):
            found.append((f"telegram {match.group(1)}", at, match.end()))
    return found


def parties_in_title(title: str) -> tuple[str, str]:
    """Sender and recipient named in a title "… From the X (Name) to the Y" ("" if not).

    Office names contain " to " themselves ("Assistant to the President"), so when the
    sender ends with a parenthesised name the split is made after it.
    """
    found = title.find("From ")
    if found < 0 or (found and title[found - 1] != " "):
        return "", ""
    rest = title[found + len("From "):]
    split = rest.find(") to ")
    if split >= 0:
        return _without_article(rest[:split + 1]), _without_article(rest[split + 5:])
    for match in _TO.finditer(rest):
        if match.group(1) not in _OFFICES_TO:
            return (_without_article(rest[:match.start() + len(match.group(1))]),
                    _without_article(rest[match.end():]))
    return _without_article(rest), ""


def _without_article(name: str) -> str:
    name = name.strip().rstrip(".,;")
    return name[4:] if name.startswith("the ") else name
