"""Plain-text import at scale: linear time, and the peer text kept as it is.

The marker search used to scan the whole text once per marker, for every candidate start
of the note list: cubic in the size of the text, minutes for the 300,000-character peer
text. It now looks numbers up in one index (``markers.NumberIndex``) and tries a bounded
number of list starts. ``tests/benchmarks/bench_text_import.py`` measures it against a
floor; here a 256 KB text must import in under 2 s.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cable_annotator.importers.plaintext import guess_text_format, parse_frus_text
from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from tests.importers.page_generator import synthetic_page

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MAKE_TEXT = SHARED / "peer-workload" / "make_text.py"
SIZE = 256 * 1024


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def test_a_256_kb_page_imports_in_under_two_seconds() -> None:
    text = synthetic_page(SIZE)
    assert len(text) >= SIZE
    cable = parse_frus_text(text, volume="frus1969-76ve11p2")
    assert len(cable.footnotes) > 100 and cable.footnotes[0].kind == "source"
    assert cable.footnotes[0].text.startswith("Source:") and cable.warnings == []
    assert cable.footnotes[-1].text.startswith("Not printed")
    assert [note.marker for note in cable.footnotes[:3]] == ["1", "2", "3"]
    assert "Minister2 agreed" not in cable.text and "Minister agreed" in cable.text
    assert min(_timed(lambda: parse_frus_text(text)) for _ in range(2)) < 2.0


def test_a_256_kb_page_hard_wrapped_or_in_markdown_imports_as_fast() -> None:
    """The round-2 readers stay linear: the same page wrapped at 76 columns, and written
    as Markdown footnotes, import in under 2 s with the same notes and text."""
    text = synthetic_page(SIZE)
    site = parse_frus_text(text, volume="frus1969-76ve11p2")
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 76, break_long_words=False)) if line else ""
        for line in text.split("\n"))
    body, notes = text.split("\n\n1. Source:")
    markdown = re.sub(r"(?<=[A-Za-z])(\d+)(?= agreed)", r"[^\1]", body).replace(
        "Peru1", "Peru[^1]") + "\n\n" + "\n".join(
        re.sub(r"^(\d+)\. ", r"[^\1]: ", line) for line in ("1. Source:" + notes).split("\n"))
    for copy in (wrapped, markdown):
        assert min(_timed(lambda copy=copy: parse_frus_text(copy)) for _ in range(2)) < 2.0
        cable = parse_frus_text(copy, volume="frus1969-76ve11p2")
        # A wrapper collapses double spaces; every word and note stays.
        assert cable.text.split() == site.text.split()
        assert [(n.marker, n.text, cable.text[:n.offset].split()[-1]) for n in cable.footnotes] == [
            (n.marker, n.text, site.text[:n.offset].split()[-1]) for n in site.footnotes]


def _peer_text(tmp_path: Path) -> Path:
    if not MAKE_TEXT.is_file():
        pytest.fail(f"the peer workload is missing: expected {MAKE_TEXT}", pytrace=False)
    subprocess.run([sys.executable, str(MAKE_TEXT)], check=True, capture_output=True,
                   env={**os.environ, "PEER_DIR": str(tmp_path)})
    return tmp_path / "frus_text.txt"


@pytest.mark.shared
def test_peer_text_imports_as_text_character_for_character(tmp_path: Path,
                                                           empty_project) -> None:
    """82 FRUS documents joined into 300,000 characters are no FRUS page: the guess says
    so, and the text is stored exactly, blank lines and final numbered list included."""
    path = _peer_text(tmp_path)
    source = path.read_text(encoding="utf-8")
    assert len(source) == 299_996
    guess = guess_text_format(source)
    assert guess.format == "text" and "82 numbered documents" in guess.reason
    report = import_files(empty_project, [path])
    assert [(reading.format, reading.guessed) for reading in report.readings] == [("text", True)]
    cable = queries.load_cable(empty_project, report.cables[0].id)
    assert cable.kind == "text" and cable.text == source
    assert cable.footnotes == [] and cable.pages == [] and cable.number == ""


@pytest.mark.shared
def test_peer_text_read_as_a_page_is_linear_too(tmp_path: Path) -> None:
    """Forced to read as a FRUS page (``--as frus``), the peer text imports in time, and
    its closing numbered list stays paragraphs: it has no notes to match them."""
    source = _peer_text(tmp_path).read_text(encoding="utf-8")[:SIZE]
    seconds = min(_timed(lambda: parse_frus_text(source)) for _ in range(2))
    assert seconds < 2.0
    cable = parse_frus_text(source)
    assert cable.text.count("\n") > 1000
    whole = parse_frus_text(_peer_text(tmp_path).read_text(encoding="utf-8"))
    assert whole.footnotes == [] and whole.warnings == []
    assert whole.text.endswith(source_end(tmp_path))


def source_end(tmp_path: Path) -> str:
    """The last 300 characters of the peer text: its closing numbered paragraphs."""
    return (tmp_path / "frus_text.txt").read_text(encoding="utf-8").rstrip()[-300:]
