"""Exact-match rates of the plain-text importer per volume and copy dialect.

Every document of a TEI volume is rendered as the site shows it (``web_text_renderer``),
copied in each dialect (``copy_dialects``) and imported; a document is exact when number,
title, kind, sender and recipient, date, telegram number, footnotes (markers, texts and
places), page labels and text all agree with the TEI. Run it for the figures::

    .venv/bin/python -m tests.importers.dialect_report [--stride N]

and, to read what goes wrong, the failing documents of one volume and dialect with
the fields that differ and a short diff of each::

    .venv/bin/python -m tests.importers.dialect_report --failures frus1951v07p2 cut
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.plaintext import guess_text_format, parse_frus_text

from .copy_dialects import DIALECTS, copy_as, expectations, mismatches
from .web_text_renderer import load_volume, render_document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
EARLY = CORPUS / "frus-early"
MODERN = CORPUS / "frus"
CHAPTER_SHIFT = 57
"""Markers numbered through the chapter, as 1861–1945 pages print them ("…August 14.58")."""


@dataclass
class Rate:
    """Outcome of one volume in one dialect."""

    documents: int = 0
    exact: int = 0
    refused: int = 0
    guessed_text: int = 0
    """Copies the guess would keep verbatim as ``text``: a refusal for the reader."""
    wrong: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def percent(self) -> float:
        return 100.0 * self.exact / self.documents if self.documents else 0.0


def dialects_of(path: Path) -> list[tuple[str, str, int]]:
    """(name, copy dialect, marker shift) to run on a volume: the early volumes also with
    chapter-numbered markers, 1961–63 with the source note marked 0."""
    runs = [(name, name, 0) for name in DIALECTS]
    if path.parent.name == "frus-early":
        runs.append(("chapter", "site", CHAPTER_SHIFT))
        runs.append(("chapter+reader", "reader", CHAPTER_SHIFT))
    if path.name.startswith("frus1961-63"):
        runs.append(("source-0", "site", -1))
    return runs


def measure(path: Path, dialect: str, shift: int, stride: int = 1,
            number_given: bool = True) -> Rate:
    """Import every ``stride``-th document of ``path`` copied in ``dialect``."""
    volume, documents = load_volume(path.resolve())
    rate = Rate()
    for index in range(0, len(documents), stride):
        rendered = render_document(documents[index], volume, marker_shift=shift)
        web, expected = copy_as(rendered, dialect)
        facts = expectations(expected, number_given)
        rate.documents += 1
        where = f"{volume}/{expected.xml_id}"
        try:
            cable = parse_frus_text(web, volume=volume, source=where,
                                    number=expected.number if number_given else None)
        except ImportFailed:
            rate.refused += 1
            continue
        wrong = mismatches(cable, expected, facts)
        if guess_text_format(web).format != "frus":
            rate.guessed_text += 1
            wrong.append("guessed text")
        if not wrong:
            rate.exact += 1
        for name in wrong:
            rate.wrong[name] += 1
            rate.examples.setdefault(name, where)
    return rate


def _first_difference(got: str, want: str, context: int = 40) -> str:
    """Where two texts part, with a little context of each."""
    at = next((n for n, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
              min(len(got), len(want)))
    start = max(0, at - context)
    return (f"at {at}: got  {got[start:at + context]!r}\n"
            f"{' ' * (len(str(at)) + 4)}want {want[start:at + context]!r}")


def describe_failure(cable, expected, facts, wrong: list[str]) -> list[str]:
    """One line (or two) per wrong field: what the import gave and what the TEI says."""
    lines = []
    for name in wrong:
        if name == "text":
            lines.append("text " + _first_difference(cable.text, expected.text))
        elif name in ("notes", "marker places"):
            got = [(note.marker, note.offset, note.text[:30]) for note in cable.footnotes]
            want = [(note.marker, note.offset, note.text[:30]) for note in expected.notes]
            pairs = [(g, w) for g, w in zip(got, want, strict=False) if g != w][:3]
            lines.append(f"{name}: got {len(got)}, want {len(want)}; first differing "
                         f"(got, want): {pairs or (got[len(want):] or want[len(got):])[:3]}")
        elif name == "pages":
            got = [(page.label, page.offset) for page in cable.pages]
            lines.append(f"pages: got {got[:6]} want {list(expected.pages)[:6]}")
        else:
            attribute = {"telegram number": "telegram_number", "parties": "sender"}.get(
                name, name)
            want = getattr(facts, attribute.replace("sender", "parties"), None)
            got = getattr(cable, attribute)
            if name == "parties":
                got = (cable.sender, cable.recipient)
            lines.append(f"{name}: got {got!r} want {want!r}")
    return lines


def show_failures(stem: str, name: str, limit: int) -> int:
    """Print the failing documents of one volume in one dialect run, field by field."""
    path = next((path for path in sorted(EARLY.glob("*.xml")) + sorted(MODERN.glob("*.xml"))
                 if path.stem == stem), None)
    if path is None:
        print(f"no volume {stem} in {EARLY} or {MODERN}", file=sys.stderr)
        return 2
    run = next((run for run in dialects_of(path) if run[0] == name), None)
    if run is None:
        print(f"no dialect {name} for {stem}", file=sys.stderr)
        return 2
    _, dialect, shift = run
    volume, documents = load_volume(path.resolve())
    shown = 0
    for document in documents:
        rendered = render_document(document, volume, marker_shift=shift)
        web, expected = copy_as(rendered, dialect)
        facts = expectations(expected, True)
        where = f"{volume}/{expected.xml_id}"
        try:
            cable = parse_frus_text(web, volume=volume, source=where, number=expected.number)
        except ImportFailed as error:
            print(f"== {where}: REFUSED {error}")
            shown += 1
            continue
        wrong = mismatches(cable, expected, facts)
        if not wrong:
            continue
        print(f"== {where}: {', '.join(wrong)}")
        for line in describe_failure(cable, expected, facts, wrong):
            print("   " + line)
        shown += 1
        if shown >= limit:
            break
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stride", type=int, default=1, help="every Nth document only")
    parser.add_argument("--early-only", action="store_true")
    parser.add_argument("--failures", nargs=2, metavar=("VOLUME", "DIALECT"),
                        help="print the failing documents of one volume and dialect")
    parser.add_argument("--limit", type=int, default=20, help="failures to print")
    args = parser.parse_args(argv)
    if args.failures:
        return show_failures(*args.failures, args.limit)
    paths = sorted(EARLY.glob("*.xml")) + ([] if args.early_only else sorted(MODERN.glob("*.xml")))
    print(f"{'volume':24} {'dialect':16} {'docs':>5} {'exact':>6} {'rate':>7} refused "
          "as-text  wrong fields")
    for path in paths:
        for name, dialect, shift in dialects_of(path):
            rate = measure(path, dialect, shift, args.stride)
            wrong = ", ".join(f"{field} {count} (e.g. {rate.examples[field]})"
                              for field, count in rate.wrong.most_common(3))
            print(f"{path.stem:24} {name:16} {rate.documents:5} {rate.exact:6} "
                  f"{rate.percent():6.1f}% {rate.refused:7} {rate.guessed_text:7}  {wrong}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
