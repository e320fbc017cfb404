"""Facts read from FRUS editorial prose: titles, source notes, opening lines.

Some catalogue facts of a FRUS document are stated only in prose, even in the TEI: the
document kind and telegram number live in the editorial title ("293. Telegram 16696 From
the Department of State to the Embassy in Peru"), the classification in the source note
("… January 1974. Secret; Exdis. Repeated to …"), the subject and the telegram's own
number in its opening line ("16696. Subject: Peruvian Purchase of Soviet Tanks."), and
paragraph numbers and telegram mentions in the running text.

Both importers read these from the same prose: the TEI importer from the text it builds,
the plain-text importer from a copy of the site's rendering of that TEI. They therefore
share one reader per fact, here, so that a cable imported from either source gets the
same kind, parties, number, subject, classification, paragraph labels and telegram
references. Each reader holds what either importer had learnt from the five sample
volumes (see the tests) and returns an empty value rather than guess when the
convention is not met.
"""

from __future__ import annotations

import re

from cable_annotator.domain.cable import CrossReference

# -- document kind ----------------------------------------------------------------------

# Document kinds by a keyword or phrase of the title. The phrase that starts earliest in
# the title wins ("Memorandum … Transmitting a Telegram" is a memorandum); at the same
# place the entry listed first, the more specific one, wins ("Memorandum for the Record"
# over "Memorandum", "Summary Record of the 509th Meeting" as minutes over "Record of").
_KINDS: list[tuple[str, str]] = [
    (r"editorial note", "editorial note"),
    (r"(?:draft )?memorand(?:um|a) (?:of|for) (?:a |the )?(?:telephone )?conversations?",
     "memorandum of conversation"),
    (r"memorand(?:um|a) for the record", "memorandum for the record"),
    (r"(?:transcript|record) of (?:a |the )?(?:telephone|teletype) (?:conversation|conference)",
     "telephone conversation"),
    (r"(?:summary )?(?:minutes|record|notes?) of (?=.*\b(?:meeting|discussion)\b)", "minutes"),
    (r"(?:memorandum|summary) of (?:a |the )?(?:meeting|conference|discussion)", "minutes"),
    (r"summary (?:record|minutes)|minutes|summary of conclusions|record of actions",
     "minutes"),
    (r"airgram", "airgram"),
    (r"backchannel message", "backchannel message"),
    (r"telegram", "telegram"),
    (r"(?:special )?national intelligence estimate", "intelligence estimate"),
    (r"(?:information|intelligence) (?:cable|report)|intelligence "
     r"(?:note|memorandum|assessment|brief)", "intelligence report"),
    # "National Security Study Memorandum 9" directs a study; it is a memorandum.
    (r"national security (?:study|decision|action) memorandum", "memorandum"),
    (r"message", "message"),
    (r"letters?", "letter"),
    (r"memorand(?:um|a)", "memorandum"),
    (r"transcript", "transcript"),
    (r"record of", "record"),
    (r"talking points", "talking points"),
    (r"paper", "paper"),
    (r"notes", "notes"),
    (r"note", "note"),
    (r"report", "report"),
    (r"study", "study"),
    (r"analysis|assessment", "paper"),
]
_KIND_PATTERN = re.compile(
    "|".join(rf"(?P<k{index}>\b(?:{pattern})\b)" for index, (pattern, _) in enumerate(_KINDS)),
    re.IGNORECASE,
)
_KIND_NAMES = {f"k{index}": kind for index, (_, kind) in enumerate(_KINDS)}

# Kinds whose text may open with the telegram's number line ("100. IA-ECOSOC.").
TELEGRAM_KINDS = frozenset({"telegram", "airgram", "backchannel message", "message"})


_SPACED_BRACKET = re.compile(r"\(\s+|\s+\)")
_SPACE_BEFORE_COMMA = re.compile(r"\s+(?=,)")


def tidy_spacing(text: str) -> str:
    """A title or name as a reader writes it: the older volumes' pages (and their TEI,
    whose line breaks inside ``(<persName>…</persName>)`` read as spaces) set a name in
    brackets apart — "The Ambassador in France ( Caffery )" — and a place before its
    comma, "Paris , January 14". Citations, lists and exports say "(Caffery)", "Paris,"."""
    return _SPACE_BEFORE_COMMA.sub("", _SPACED_BRACKET.sub(
        lambda match: "(" if match[0].startswith("(") else ")", text))


def kind_of(title: str) -> str:
    """The document kind a title names, lower-case ("telegram", "letter"…), else ``document``.

    >>> kind_of("Memorandum for the Record")
    'memorandum for the record'
    """
    # One alternation: at each position the regex engine tries the entries in list order,
    # so the first match is the earliest phrase and, at a tie, the more specific entry.
    match = _KIND_PATTERN.search(title)
    return _KIND_NAMES[match.lastgroup] if match and match.lastgroup else "document"


# -- parties ----------------------------------------------------------------------------

_FROM = re.compile(r"(?:^|(?<= ))From (?P<rest>.+)$", re.DOTALL)
_TO = re.compile(r"(?P<word>\S+) to ")
# Offices whose own name continues with " to …" ("Ambassador to Peru", "Assistant to the
# President"), so that their " to " does not separate sender from recipient.
_OFFICES_BEFORE_TO = frozenset({
    "Ambassador", "Representative", "Representatives", "Delegation", "Mission", "Envoy",
    "Assistant", "Adviser", "Advisor", "Counselor", "Minister", "Observer", "Delegate",
    "Delegates", "Emissary", "Negotiator", "Liaison",
})


def parties_of(title: str) -> tuple[str, str]:
    """Sender and recipient named by "From … to …" in a title, or empty strings.

    Office names contain " to " themselves ("Consultant to the Task Force on Latin
    America (Gordon)"), so when the sender ends with a parenthesised name the split is
    made after it; otherwise at the first " to " that does not follow an office.
    """
    match = _FROM.search(title)
    if not match:
        return "", ""
    rest = match["rest"]
    split = rest.find(") to ")
    if split >= 0 and rest[: split + 1].count("(") == rest[: split + 1].count(")"):
        return _without_article(rest[: split + 1]), _without_article(rest[split + 5 :])
    for to in _TO.finditer(rest):
        sender = rest[: to.start("word") + len(to["word"])]
        if to["word"] in _OFFICES_BEFORE_TO or sender.count("(") != sender.count(")"):
            continue
        return _without_article(sender), _without_article(rest[to.end() :])
    return _without_article(rest), ""


# An unnumbered title of the volumes before the 1950s names its parties in the address
# form "Mr. Adams to Mr. Seward" or "The Ambassador in Russia (Francis) to the Secretary
# of State", perhaps after the kind ("Memorandum by …", "Letter from …").
_ADDRESS_LEAD = re.compile(
    r"^(?:(?:Memorandum|Letter|Note|Telegram|Despatch|Dispatch|Instruction|Aide-M[ée]moire)"
    r"s?,? (?:by|from) (?:the )?)?(?P<rest>[A-Z].*)$"
)


def parties_of_address(title: str) -> tuple[str, str]:
    """Sender and recipient of an unnumbered title "X to Y", or empty strings.

    The split follows the rules of :func:`parties_of`: after a parenthesised name, else
    at the first " to " that does not continue an office ("Ambassador to Peru")."""
    match = _ADDRESS_LEAD.match(title.strip())
    if not match or " to " not in match["rest"]:
        return "", ""
    sender, recipient = parties_of("From " + match["rest"])
    sender = sender[4:] if sender.startswith("The ") else sender
    return (sender, recipient) if recipient else ("", "")


def _without_article(name: str) -> str:
    name = name.strip().rstrip(".,;")
    return name[4:] if name.startswith("the ") else name


# -- telegram number --------------------------------------------------------------------

# "Telegram 16696 From …", "Telegram 828/Secto 574 From …", "Airgram A-123 to …".
_TITLE_NUMBER = re.compile(
    r"\b(?:Telegram|Airgram)s? (?P<number>[A-Z]?-?\d[\w/–-]*(?: \d+)?)(?=[ ,.;:]|$)"
)
# A telegram's opening line: "700. Subject: …" (any document), or, in a telegram,
# "100. IA-ECOSOC." (1960s volumes print the number without a subject line).
_LINE_WITH_SUBJECT = re.compile(r"(?P<number>\d{1,7})\.\s*Subj(?:ect)?\b", re.IGNORECASE)
_LINE_NUMBER = re.compile(r"(?P<number>\d{2,7})\. (?=\S)")
_SUBJ_ANYWHERE = re.compile(r"\bSubj(?:ect)?:")


def telegram_number_of(title: str) -> str:
    """The number a title gives a telegram or airgram ("Telegram 16696 From …"), or ""."""
    match = _TITLE_NUMBER.search(title)
    return match["number"] if match else ""


def telegram_line_number(paragraph: str, kind: str) -> str:
    """The number of a telegram's opening line, or "" when ``paragraph`` is not one.

    "700. Subject: …" is one whatever the title says; "190110. For the Secretary from
    Habib. Subject: …" too. In a document of a telegram kind, so is "100. IA-ECOSOC.":
    a first paragraph numbered 10 or more is the telegram's number, not a paragraph's.
    """
    match = _LINE_WITH_SUBJECT.match(paragraph)
    if match:
        return match["number"]
    match = _LINE_NUMBER.match(paragraph)
    if match and (kind in TELEGRAM_KINDS or _SUBJ_ANYWHERE.search(paragraph)):
        return match["number"]
    return ""


def telegram_line(opening: list[str], kind: str) -> tuple[int, str] | None:
    """Which of a document's opening paragraphs is its telegram line, and its number.

    ``opening`` is the paragraphs after the heading and dateline. The first may be the
    telegram line in any of the forms ``telegram_line_number`` knows; the second only as
    "146306. Subj: …", after a routing line ("White House please pass San Clemente …").
    """
    for index, paragraph in enumerate(opening[:2]):
        number = (telegram_line_number(paragraph, kind) if index == 0
                  else (match := _LINE_WITH_SUBJECT.match(paragraph)) and match["number"])
        if number:
            return index, number
    return None


# -- subject ----------------------------------------------------------------------------

# "Subject: …" at the start of a line, after a sentence ("16696. Subject: …") or after a
# portion marking ("Secto 8013. (U) Subject: …"); not mid-sentence, where it names the
# subject of another paper ("NSAM No. 153 of May 15, 1962, Subject: …").
_SUBJECT = re.compile(r"(?:^|[.)]\s+)(?:SUBJECT|Subject|Subj|SUBJ)\s*:\s*(?P<subject>\S.*)$",
                      re.DOTALL)
# A memorandum's subject header standing alone, its text on the next line.
SUBJECT_HEADER = re.compile(r"^\s*(?:SUBJECTS?|Subjects?)\s*:?\s*$")
# The end of the first sentence: a period and a space before a capital or the end,
# not after an initial or a common abbreviation ("U.S.", "Mr.", "S/S No. 7515602").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bVol)(?<!\bGen)"
    r"(?<!\bAmb)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bLt)(?<!\bCol)(?<!\bJr)\.(?:\s+(?=\S)|$)"
)


_ABBREVIATION_END = re.compile(r"(?:\b[a-zA-Z]\.){2,}$")


def first_sentence(text: str) -> str:
    """``text`` up to its first full stop, abbreviations and initials excepted."""
    end = _SENTENCE_END.search(text)
    return (text[: end.start()] if end else text).strip()


def subject_in(paragraph: str) -> str:
    """The subject a "Subject: …" line or telegram line states ("Subject: X. For …" → "X")."""
    if "ubj" not in paragraph and "UBJ" not in paragraph:
        return ""  # most paragraphs: cheaper than letting the regex try every period
    match = _SUBJECT.search(paragraph)
    if not match:
        return ""
    return without_full_stop(first_sentence(match["subject"]))


def without_full_stop(line: str) -> str:
    """``line`` without its closing full stop, but "5:00 p.m." and "U.S." keep theirs."""
    line = line.strip()
    if line.endswith(".") and not _ABBREVIATION_END.search(line):
        return line[:-1].rstrip()
    return line


# -- classification ---------------------------------------------------------------------

_MARKINGS = (
    r"Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|Unclassified|"
    r"No classification marking|Personal and Confidential|Administratively Confidential|"
    r"Eyes Only|Personal"
)
# The classification sentence of a source note: "… 1974. Secret; Exdis. Repeated …",
# "… Vol. III. Confidential with Nodis Attachment.", "… Secret; [handling restriction not
# declassified]." It starts a sentence, so file names that merely contain a marking
# ("White House Central File, Confidential File, FO.", "Lot 72 D 139, Top Secret
# Material.", "Secret/Copies 263, 24.") are passed over.
_CLASSIFICATION_SENTENCE = re.compile(
    rf"(?:^|(?<=[.)\]]\s))(?P<classification>(?:{_MARKINGS})"
    r"(?:[;,] [^.;,]+| with [^.;,]+)*)\."
)
# Some notes run it on after the file citation: "… Box 11, Folder 9, Secret. Drafted …".
_CLASSIFICATION_AFTER_COMMA = re.compile(
    rf"(?<=,\s)(?P<classification>(?:{_MARKINGS})(?:; [^.;,]+)*)\."
)


def classification_in(source_note: str) -> str:
    """The classification a source note states ("Secret; Exdis"), or "".

    Only the "Source:" paragraph is read: an e-volume's note opens with a summary whose
    prose may use the same words ("the Secret talks").
    """
    start = max(source_note.find("Source:"), 0)
    match = _CLASSIFICATION_SENTENCE.search(source_note, start)
    if match is None:
        match = _CLASSIFICATION_AFTER_COMMA.search(source_note, start)
    return match["classification"].strip() if match else ""


# -- paragraph labels -------------------------------------------------------------------

_PARAGRAPH_LABEL = re.compile(
    r"(?:(?P<number>\d{1,3}[a-z]?)\.|(?P<bracketed>\([0-9]{1,3}\)|\([a-z]{1,4}\)|"
    r"\([A-Z]\)|\([IVX]{2,5}\))|(?P<letter>[A-Z]|[IVX]{2,5})\.)(?=\s|$)"
)
_AFTER_LABEL = re.compile(r"\s*Subj(?:ect)?\b", re.IGNORECASE)
# What follows an initial rather than a label: another initial ("L. L. Lemnitzer",
# "U. S. Contribution …") or a lower-case word ("T. asked …" in notes of a talk). An
# initial before a name ("J. Edgar Hoover") cannot be told from "J. Even though …".
_AFTER_INITIAL = re.compile(r"\s+(?:[A-Z]\.\s|[a-z])")
# Portion markings of 1970s documents ("(U)", "(S)", "(TS)") classify a paragraph;
# they do not number it. "(C)" is left a label: it is as often the third of a list.
_PORTION_MARKINGS = frozenset({"(U)", "(S)"})


def paragraph_label(paragraph: str) -> str:
    """The printed number a paragraph begins with: "4." → "4", "(a)" → "(a)", "B." → "B".

    A telegram's number line ("700. Subject: …"), a portion marking ("(U)") and an
    initial followed by another ("S. J. Papich") give no label.
    """
    match = _PARAGRAPH_LABEL.match(paragraph)
    if not match or _AFTER_LABEL.match(paragraph, match.end()):
        return ""
    if match["number"]:
        return match["number"]
    if match["bracketed"]:
        return "" if match["bracketed"] in _PORTION_MARKINGS else match["bracketed"]
    if len(match["letter"]) == 1 and _AFTER_INITIAL.match(paragraph, match.end()):
        return ""
    return match["letter"]


# -- references -------------------------------------------------------------------------

# "Document 299": a document of this volume unless the sentence names another volume.
_DOCUMENT_REFERENCE = re.compile(r"\bDocument (?P<number>\d+[a-z]?)\b")
_OTHER_VOLUME = re.compile(r"Foreign Relations|\bvol(?:ume)?\.? [IVXLC\d]", re.I)
_ABBREVIATION_BEFORE = re.compile(r"(?:\b(?:[Vv]ol|[Nn]o|pp?)|\b[A-Z])$")
# "telegram 193548", "Telegram 8043". The "T"/"t" is checked after, so that the search
# for the rest can skip ahead by str.find, several times faster than the regex engine's
# own scan (a volume has ~10 MB of text and few mentions).
_TELEGRAM_WORD = "elegram "
_TELEGRAM_REFERENCE = re.compile(r"elegram (?P<number>\d{2,7})\b")


def telegram_references(text: str, start: int = 0) -> list[CrossReference]:
    """Telegrams named by number in ``text[start:]`` ("telegram 193548"), in order."""
    found = []
    at = text.find(_TELEGRAM_WORD, start + 1)
    while at >= 0:
        match = _TELEGRAM_REFERENCE.match(text, at)
        if match is None:
            at = text.find(_TELEGRAM_WORD, at + 1)
            continue
        at -= 1
        if text[at] in "Tt" and (at == 0 or not text[at - 1].isalnum()):
            found.append(CrossReference(f"telegram {match['number']}", text[at:match.end()],
                                        at, match.end()))
        at = text.find(_TELEGRAM_WORD, match.end())
    return found


def document_references(text: str, volume: str | None, start: int = 0) -> list[CrossReference]:
    """Documents named by number in ``text[start:]`` ("Document 299"), in order.

    "Document N" is resolved to ``<volume>/dN`` when the volume is known and the sentence
    does not name another "Foreign Relations" volume; otherwise its target is the words.
    """
    found = []
    for match in _DOCUMENT_REFERENCE.finditer(text, start):
        other_volume = _OTHER_VOLUME.search(text, _sentence_start(text, match.start()),
                                            match.start())
        if volume and not other_volume:
            target = f"{volume}/d{match['number']}"
        else:
            target = f"Document {match['number']}"
        found.append(CrossReference(target, match.group(), match.start(), match.end()))
    return found


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` starts; "vol. X" and "U.S." do not end one."""
    end = at
    while True:
        stop, line = text.rfind(". ", 0, end), text.rfind("\n", 0, end)
        if stop < line:
            return line + 1
        if stop < 0:
            return 0
        if not _ABBREVIATION_BEFORE.search(text, max(stop - 4, 0), stop):
            return stop + 2
        end = stop


def references_in(text: str, volume: str | None, start: int = 0) -> list[CrossReference]:
    """Documents and telegrams named in ``text[start:]``, in order of position."""
    found = document_references(text, volume, start) + telegram_references(text, start)
    return sorted(found, key=lambda reference: reference.start)


# -- file numbers -----------------------------------------------------------------------

# The line above an old-style title: "File No. 763.72119/987", "124.61/263: Telegram",
# "740.0011 PW (Peace)/7–1547", "123 Clough, Ralph: Telegram" (the TEI's inline source
# note, as the site prints it).
FILE_NUMBER_LINE = re.compile(
    r"^(?:File No\.?\s*)?"
    r"(?P<file>\d{3}[\dA-Za-z.–-]*(?: [A-Z][\w.]*| \([A-Z][\w .]*\))*(?:/[\w.–\-]+)+"
    r"|\d{3}\.\d[\w.]*|\d{3} [A-Z][\w’'-]+, [A-Z][\w. ]+)"
    r"(?::\s*(?P<kind>[A-Za-z][\w ]{1,40}))?\.?$"
)


_STATED_KIND = re.compile(r":\s*(?P<kind>[A-Za-z][\w ]{1,40}?)\.?$")


def stated_kind(line: str) -> str:
    """The kind a file-number or archive line names at its end ("…: Telegram"), or ""."""
    match = _STATED_KIND.search(line.strip())
    return match["kind"] if match else ""


def file_number_of(line: str) -> tuple[str, str]:
    """The file number of a file-number line and the kind it names ("Telegram"), or ""."""
    match = FILE_NUMBER_LINE.match(line.strip())
    if not match:
        return "", ""
    return match["file"], (match["kind"] or "").strip()
