"""Exact-match rates of the plain-text importer per volume and copy dialect.

Every document of a TEI volume is rendered as the site shows it (``web_text_renderer``),
copied in each dialect (``copy_dialects``) and imported; a document is exact when number,
title, kind, sender and recipient, date, telegram number, footnotes (markers, texts and
places), page labels and text all agree with the TEI. Run it for the figures::

    .venv/bin/python -m tests.importers.dialect_report [--stride N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.plaintext import parse_frus_text

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
        if not wrong:
            rate.exact += 1
        for name in wrong:
            rate.wrong[name] += 1
            rate.examples.setdefault(name, where)
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stride", type=int, default=1, help="every Nth document only")
    parser.add_argument("--early-only", action="store_true")
    args = parser.parse_args(argv)
    paths = sorted(EARLY.glob("*.xml")) + ([] if args.early_only else sorted(MODERN.glob("*.xml")))
    print(f"{'volume':24} {'dialect':16} {'docs':>5} {'exact':>6} {'rate':>7} refused  "
          "wrong fields")
    for path in paths:
        for name, dialect, shift in dialects_of(path):
            rate = measure(path, dialect, shift, args.stride)
            wrong = ", ".join(f"{field} {count} (e.g. {rate.examples[field]})"
                              for field, count in rate.wrong.most_common(3))
            print(f"{path.stem:24} {name:16} {rate.documents:5} {rate.exact:6} "
                  f"{rate.percent():6.1f}% {rate.refused:7}  {wrong}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
