"""Truth from the TEI for every era and copy dialect.

Every document of the two old-style volumes (1949, 1951: file-number line, unnumbered
title, telegram number leading the text) and every 7th of the five 1961–1980 volumes is
rendered as history.state.gov shows it, copied in each dialect (``copy_dialects``: the
site's text, reader-view bullets ending in "↩", no blank lines, lines hard-wrapped at 76
columns, notes cut off, markers
numbered through the chapter or from 0) and imported. Nothing may be refused, and each
volume and dialect must reach its exact-match rate: number, title, kind, parties, date,
telegram number, footnotes on the right markers, page labels and every word. The rates
are floors a little under what ``python -m tests.importers.dialect_report`` measures
(see the README); what is not exact is mostly a marker glued to a number
("Embtel 771", "Mar 2958"), which no reader of the copy can tell from the number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .dialect_report import EARLY, MODERN, dialects_of, measure

pytestmark = pytest.mark.shared

# (volume stem, dialect) -> lowest exact-match rate accepted, in percent.
FLOORS = {
    "site": 93.5, "reader": 91.5, "compact": 91.5, "cut": 86.0, "wrapped": 93.5,
    "chapter": 89.5, "chapter+reader": 89.5, "source-0": 95.0,
}
EARLY_FLOORS: dict[tuple[str, str], float] = {}
STRIDE = 7


def _runs() -> list:
    if not EARLY.is_dir() or not MODERN.is_dir():
        return [pytest.param(None, None, None, id="corpus-missing")]
    runs = []
    for path in sorted(EARLY.glob("*.xml")) + sorted(MODERN.glob("*.xml")):
        for name, dialect, shift in dialects_of(path):
            runs.append(pytest.param(path, name, (dialect, shift),
                                     id=f"{path.stem}-{name}"))
    return runs


@pytest.mark.parametrize(("path", "name", "how"), _runs())
def test_every_dialect_imports_exactly_enough(path: Path | None, name: str | None,
                                              how: tuple[str, int] | None) -> None:
    if path is None:
        pytest.fail(f"shared corpus missing: expected {EARLY} and {MODERN}", pytrace=False)
    dialect, shift = how
    stride = 1 if path.parent == EARLY else STRIDE
    rate = measure(path, dialect, shift, stride)
    floor = EARLY_FLOORS.get((path.stem, name), FLOORS[name])
    assert rate.refused == 0 and rate.guessed_text == 0
    assert rate.documents > 15
    assert rate.percent() >= floor, (
        f"{path.stem} {name}: {rate.exact}/{rate.documents} exact ({rate.percent():.1f}%); "
        f"wrong: {dict(rate.wrong)}, e.g. {rate.examples}")


def test_an_old_style_page_without_a_number_in_its_name_has_none() -> None:
    """Copied without the address in the file name, an old-style page has no number:
    the importer does not invent one (the telegram's own number is not the document's)."""
    rate = measure(sorted(EARLY.glob("*.xml"))[0], "site", 0, stride=20, number_given=False)
    assert rate.refused == 0 and rate.wrong["number"] == 0
