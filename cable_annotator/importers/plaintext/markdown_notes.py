"""Footnotes as a Markdown converter writes them: ``text[^1]`` and ``[^1]: note``.

A reader who saves a history.state.gov page through a Markdown converter (pandoc, a
browser extension, a notes application) gets the markers as references ``[^1]`` in the
text and the notes as definitions at its end::

    Lima, March 3, 1978, 2215Z

    1890. The Minister[^2] received me …

    [^1]: Source: National Archives, RG 59, Central Foreign Policy Files.
    [^2]: Not printed.
        A second paragraph of the note, indented.

Unlike the site's bare numbers, such markers cannot be mistaken for the text's own
numbers, so they are found exactly where they stand: :func:`markdown_apparatus` reads
the definitions, :func:`markdown_markers` places each note's reference.
"""

from __future__ import annotations

import re

from .apparatus import Apparatus, RawNote
from .markers import STRONG, Cut, Cuts, MarkerHit
from .note_matching import MarkerMatch

# "[^1]: Source: …" — a definition opens a line (up to three spaces of indentation).
DEFINITION = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]{1,40})\]:[ \t]*(?P<text>.*)$")
# "[^1]" in the text (never followed by ":", which a definition is).
REFERENCE = re.compile(r"\[\^(?P<label>[^\]\s]{1,40})\](?!:)")
_CONTINUATION_INDENT = re.compile(r"^(?: {2,}|\t)\S")


def _marker(label: str, order: int) -> str:
    """The note's printed marker: its label when a number ("1"), the number a label
    ends in ("fn3", "note-3"), else its place in the list."""
    if label.isdigit():
        return str(int(label))
    tail = re.search(r"(\d+)$", label)
    return str(int(tail[1])) if tail else str(order)


def markdown_apparatus(lines: list[str], body_start: int) -> Apparatus | None:
    """The definitions at the end of the text, or None when it ends otherwise.

    From the first definition on, every line is a definition, a continuation of one
    (indented, or following it without a blank line) or blank."""
    first = None
    previous_blank = True
    in_list = False
    for number in range(body_start + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            previous_blank = True
            continue
        if DEFINITION.match(line):
            if not in_list:
                first, in_list = number, True
        elif in_list and previous_blank and not _CONTINUATION_INDENT.match(line):
            in_list, first = False, None  # prose after the definitions: not the end list
        previous_blank = False
    if first is None:
        return None
    notes: list[RawNote] = []
    labels: list[str] = []
    blank_before = False
    for number in range(first, len(lines)):
        line = lines[number]
        if not line.strip():
            blank_before = True
            continue
        definition = DEFINITION.match(line)
        if definition:
            labels.append(definition["label"])
            notes.append(RawNote(_marker(definition["label"], len(notes) + 1), number,
                                 [(definition["text"].strip(), False)]))
        elif blank_before or not notes[-1].paragraphs[-1][0]:
            notes[-1].paragraphs.append((line.strip(), blank_before))
        else:  # a line of the same paragraph (Markdown joins them)
            text, blank = notes[-1].paragraphs[-1]
            notes[-1].paragraphs[-1] = (f"{text} {line.strip()}", blank)
        blank_before = False
    for note in notes:  # "[^1]:" alone on its line, the text indented under it
        kept = [(text, blank) for text, blank in note.paragraphs if text]
        note.paragraphs = kept or [("", False)]
    return Apparatus(first, notes, "markdown", labels=labels)


def has_markdown_notes(lines: list[str]) -> bool:
    """Whether the text holds Markdown footnote definitions at all (a cheap test)."""
    return any(line.lstrip().startswith("[^") and DEFINITION.match(line) for line in lines)


def markdown_markers(raw: str, apparatus: Apparatus, blocked: Cuts) -> MarkerMatch:
    """Each note's reference in ``raw``, in the order of the list: the first ``[^label]``
    after the previous one (a label referred to twice keeps its first place). A reference
    after a space takes the space with it ("Peru [^1]." → "Peru.")."""
    places: dict[str, list[re.Match[str]]] = {}
    for reference in REFERENCE.finditer(raw):
        if not blocked.overlaps(reference.start(), reference.end()):
            places.setdefault(reference["label"], []).append(reference)
    hits: list[MarkerHit | None] = []
    low = 0
    for label in apparatus.labels:
        reference = next((match for match in places.get(label, []) if match.start() >= low),
                         None) or next(iter(places.get(label, [])), None)
        if reference is None:
            hits.append(None)
            continue
        start = reference.start()
        if start and raw[start - 1] in " \t":
            start -= 1
        hits.append(MarkerHit(Cut(start, reference.end()), start, STRONG))
        low = reference.end()
    return MarkerMatch([note.marker for note in apparatus.notes], hits, 0)


def references_without_notes(raw: str, blocked: Cuts) -> MarkerMatch:
    """The references of a copy whose definitions were not copied, each placed where it
    stands, in order of first reference."""
    labels = list(dict.fromkeys(reference["label"] for reference in REFERENCE.finditer(raw)))
    notes = [RawNote(_marker(label, order), 0) for order, label in enumerate(labels, start=1)]
    return markdown_markers(raw, Apparatus(0, notes, "markdown", labels=labels), blocked)


def stray_references(raw: str, hits: list[MarkerHit | None]) -> list[Cut]:
    """References to no listed note (a definition the copy lost): cut all the same, so
    no "[^7]" is left in the text a reader highlights."""
    taken = {hit.cut.end for hit in hits if hit is not None}
    cuts = []
    for reference in REFERENCE.finditer(raw):
        if reference.end() not in taken:
            start = reference.start()
            if start and raw[start - 1] in " \t":
                start -= 1
            cuts.append(Cut(start, reference.end()))
    return cuts
