"""Cables for the reading-pane tests and benchmark, built from the bundled sample.

The sample is read with the project's FRUS text importer when it is available; otherwise a
small stand-in parser builds the same structure (heading, numbered paragraphs, page turns,
the source note), so these tests exercise the reading pane and not the importer.
"""

from __future__ import annotations

import re
from pathlib import Path

from cable_annotator.domain.annotation import Annotation, Theme
from cable_annotator.domain.cable import (
    BODY,
    Block,
    Cable,
    CrossReference,
    Footnote,
    PageBreak,
    Span,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"
VOLUME = "frus1969-76ve11p2"

THEMES = [
    Theme(1, "Arms race", "#e4572e"),
    Theme(2, "Arms sales", "#4c9be8"),
    Theme(3, "Soviet influence", "#9b5de5"),
    Theme(4, "Fisheries", "#2a9d8f"),
    Theme(5, "Investment disputes", "#f2c94c"),
]


def sample_cable() -> Cable:
    """The sample cable (doc. 293), through the importer if it has landed."""
    try:
        from cable_annotator.importers.plaintext import read_frus_text
    except ImportError:
        return stand_in_sample()
    result = read_frus_text(str(SAMPLE), volume=VOLUME)
    return getattr(result, "cable", result)


def stand_in_sample() -> Cable:
    """Parse the sample the way the importer does, enough for the reading pane."""
    raw = SAMPLE.read_text(encoding="utf-8")
    body_raw, _, note_raw = raw.partition("\n  1. ")
    chunks = [c.strip() for c in body_raw.split("\n\n") if c.strip()]
    title_line = chunks[0]
    number, _, title = title_line.partition(". ")
    title = title[:-1]  # the footnote marker "1"
    text = ""
    blocks: list[Block] = []
    pages = [PageBreak("780", 0)]
    footnote_offset = 0
    for index, chunk in enumerate([f"{number}. {title}"] + chunks[1:]):
        if text:
            text += "\n\n"
        start = len(text)
        while (match := re.search(r" ?\[Page (\d+)\] ?", chunk)) is not None:
            pages.append(PageBreak(match.group(1), start + match.start() + 1))
            chunk = chunk[: match.start()] + " " + chunk[match.end():]
        text += chunk
        if index == 0:
            kind, label = "head", ""
            footnote_offset = len(text)
        elif chunk == "Kissinger":
            kind, label = "signed", ""
        else:
            label_match = re.match(r"(\d+)\. ", chunk)
            kind, label = "p", label_match.group(1) if label_match and index > 1 else ""
        blocks.append(Block(kind, start, len(text), label))
    note_paragraphs = [p.strip() for p in note_raw.split("\n\n") if p.strip()]
    note_text = "\n\n".join(note_paragraphs)
    note_blocks = []
    cursor = 0
    for paragraph in note_paragraphs:
        note_blocks.append(Block("p", cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    refs = []
    for target, quote in (("telegram 193548", "telegram 193548"),
                          ("frus1969-76ve11p2/d299", "Document 299")):
        at = note_text.index(quote)
        refs.append(CrossReference(target, quote, at, at + len(quote)))
    spans = []
    for word in ("Summary:", "Source:"):
        at = note_text.index(word)
        spans.append(Span("italic", at, at + len(word)))
    note = Footnote("1", "1", "source", note_text, footnote_offset, note_blocks, refs, spans)
    return Cable(
        id=f"{VOLUME}/d{number}", volume=VOLUME, number=number, title=title, text=text,
        kind="telegram", date="1974-01-29", subject="Peruvian Purchase of Soviet Tanks",
        blocks=blocks, pages=pages, footnotes=[note],
    )


def annotation(cable: Cable, quote: str, themes: list[int], part: str = BODY,
               ident: str | None = None, occurrence: int = 1) -> Annotation:
    """An annotation of the ``occurrence``-th ``quote`` in ``part`` of ``cable``."""
    text = cable.part_text(part)
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return Annotation(
        id=ident or f"a-{part}-{start}-{len(quote)}", cable_id=cable.id, part=part,
        start=start, end=start + len(quote), quote=quote, theme_ids=list(themes),
    )


def synthetic_cable(characters: int = 300_000) -> Cable:
    """A long cable: the sample's paragraphs repeated, with page turns and a note each time."""
    sample = stand_in_sample()
    note = sample.footnotes[0]
    paragraphs = [sample.text[b.start:b.end] for b in sample.blocks[1:-1]]
    text = sample.text[sample.blocks[0].start:sample.blocks[0].end]
    blocks = [Block("head", 0, len(text))]
    pages = [PageBreak("1", 0)]
    footnotes = [Footnote("1", "1", note.kind, note.text, len(text), note.blocks,
                          note.references, note.spans)]
    n = 0
    while len(text) < characters:
        paragraph = paragraphs[n % len(paragraphs)]
        text += "\n\n"
        start = len(text)
        text += paragraph
        blocks.append(Block("p", start, len(text), str(n + 1)))
        n += 1
        if n % 4 == 0:
            pages.append(PageBreak(str(len(pages) + 1), start + len(paragraph) // 2))
        if n % 12 == 0:
            key = str(len(footnotes) + 1)
            footnotes.append(Footnote(key, key, "editorial", note.text, len(text),
                                      note.blocks, note.references, note.spans))
    return Cable(id="synthetic/d1", volume=VOLUME, number="1", title="Synthetic", text=text,
                 kind="telegram", blocks=blocks, pages=pages, footnotes=footnotes)


def spread_annotations(cable: Cable, count: int, seed: int = 7) -> list[Annotation]:
    """``count`` annotations of 20–400 characters spread over the body, some overlapping."""
    import random

    rng = random.Random(seed)
    out = []
    length = len(cable.text)
    for i in range(count):
        start = rng.randrange(0, length - 400)
        end = start + rng.randrange(20, 400)
        out.append(Annotation(
            id=f"bulk-{i}", cable_id=cable.id, part=BODY, start=start, end=end,
            quote=cable.text[start:end], theme_ids=[THEMES[i % len(THEMES)].id],
        ))
    return out


def test_stand_in_sample_is_consistent() -> None:
    cable = stand_in_sample()
    assert "[Page" not in cable.text
    assert cable.page_at(cable.text.index("ensue")) == "781"
    assert cable.page_at(cable.text.index("an arms race could")) == "780"
    assert cable.footnotes[0].offset == cable.text.index("\n\n")
    for block in cable.blocks:
        assert cable.text[block.start:block.end].strip() == cable.text[block.start:block.end]
