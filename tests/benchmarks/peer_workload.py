"""The peer workload (``../shared/peer-workload/``) as project files for the benchmarks.

The workload's own scripts generate the text and the codings into a temporary folder
(``PEER_DIR``); nothing of them is copied here. ``make_text.py`` writes ``frus_text.txt``
(299,996 characters of 82 FRUS documents), ``make_codings.py`` the 8 codes, 1,000 and 5,000
codings and the selection to add (150006–150126); 20,000 codings come from its
``make(20000, 20000)``.

The text is stored as one cable, verbatim. ``cable-annotator import`` does not take it
verbatim: the FRUS plain-text importer reads it as a FRUS page (it opens "1. Memorandum
From …"), squeezes the blank lines between documents and lifts four footnotes out, leaving
294,420 characters, so the codings' offsets would no longer match. The cable row is
therefore written through the storage layer (``fill_cable_row``, the search index, one
transaction), with one paragraph block per blank-line-separated paragraph, and the codings
become annotations with their quote and context as the annotating service makes them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import insert

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from cable_annotator.domain.anchoring import select as select_quote  # noqa: E402
from cable_annotator.domain.annotation import now_utc  # noqa: E402
from cable_annotator.domain.cable import BODY, Block, Cable  # noqa: E402
from cable_annotator.services import codebook, queries  # noqa: E402
from cable_annotator.services.importing import import_files  # noqa: E402
from cable_annotator.storage import fulltext  # noqa: E402
from cable_annotator.storage.mapping import fill_cable_row  # noqa: E402
from cable_annotator.storage.models import (  # noqa: E402
    AnnotationRow,
    AnnotationThemeRow,
    CableRow,
    VolumeRow,
)
from cable_annotator.storage.project import Project  # noqa: E402

PEER = REPO.parent / "shared" / "peer-workload"
CORPUS = REPO.parent / "shared" / "corpus" / "frus"
SAMPLE = REPO / "resources" / "frus1969-76ve11p2-d293.txt"
SAMPLE_ID = "frus1969-76ve11p2/d293"
PEER_VOLUME = "peerworkload"
PEER_ID = f"{PEER_VOLUME}/d1"
LAST_CABLE = "last_cable"  # the window's setting: it opens the sample, not the peer text


def generate(folder: Path, counts: tuple[int, ...]) -> None:
    """Run the workload's scripts into ``folder`` (and ``make`` for other counts)."""
    env = {**os.environ, "PEER_DIR": str(folder)}
    for script in ("make_text.py", "make_codings.py"):
        subprocess.run([sys.executable, str(PEER / script)], env=env, check=True,
                       capture_output=True, cwd=folder)
    for count in counts:
        if (folder / f"codings_{count}.json").exists():
            continue
        code = ("import json, runpy, sys; g = runpy.run_path(sys.argv[1]); "
                "json.dump(g['make'](int(sys.argv[2]), int(sys.argv[2])), "
                "open(sys.argv[3], 'w'))")
        subprocess.run([sys.executable, "-c", code, str(PEER / "make_codings.py"), str(count),
                        str(folder / f"codings_{count}.json")],
                       env=env, check=True, capture_output=True, cwd=folder)


def peer_text(folder: Path) -> str:
    with open(folder / "frus_text.txt", encoding="utf-8", newline="") as handle:
        return handle.read()


def mark_selection(folder: Path) -> tuple[int, int]:
    mark = json.loads((folder / "mark_selection.json").read_text(encoding="utf-8"))
    return mark["pos0"], mark["pos1"]


def peer_cable(text: str) -> Cable:
    blocks = [Block("p", m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return Cable(id=PEER_ID, volume=PEER_VOLUME, number="1",
                 title="Peer workload: 82 documents of FRUS 1964-68 XXVIII", text=text,
                 kind="document", blocks=blocks)


def build_project(folder: Path, count: int) -> Path:
    """A project with the sample cable and the peer text holding ``count`` codings."""
    path = folder / f"peer{count}.cableproj"
    if path.exists():
        return path
    text = peer_text(folder)
    codes = json.loads((folder / "codes.json").read_text(encoding="utf-8"))
    codings = json.loads((folder / f"codings_{count}.json").read_text(encoding="utf-8"))
    project = Project.open(path)
    try:
        import_files(project, [SAMPLE], volume="frus1969-76ve11p2")
        for theme in queries.list_themes(project):  # the peer's eight codes, digits 1–8
            codebook.delete_theme(project, theme.id)
        theme_ids = [codebook.add_theme(project, code["name"], code["color"]).theme.id
                     for code in codes]
        cable = peer_cable(text)
        stamp = now_utc()
        annotations, links = [], []
        for n, coding in enumerate(codings):
            start, end = coding["pos0"], coding["pos1"]
            quote = select_quote(text, start, end)
            annotation_id = f"00000000-0000-4000-8000-{n:012d}"
            annotations.append({
                "id": annotation_id, "cable_id": PEER_ID, "part": BODY, "start": start,
                "end": end, "quote": quote.quote, "prefix": quote.prefix,
                "suffix": quote.suffix, "note": "", "author": "peer", "created": stamp,
                "modified": stamp, "orphaned": False})
            links.append({"annotation_id": annotation_id,
                          "theme_id": theme_ids[coding["code"]], "position": 0})
        with project.transaction() as session:
            session.add(VolumeRow(id=PEER_VOLUME, title="Peer workload", persons=[],
                                  terms=[]))
            session.flush()
            row = CableRow()
            fill_cable_row(row, cable)
            row.source, row.imported = str(folder / "frus_text.txt"), stamp
            session.add(row)
            session.flush()
            session.execute(insert(AnnotationRow), annotations)
            session.execute(insert(AnnotationThemeRow), links)
            fulltext.index_cables(session, [cable])
        queries.set_setting(project, LAST_CABLE, SAMPLE_ID)
        assert len(queries.annotations_of(project, PEER_ID)) == count
        assert queries.load_cable(project, PEER_ID).text == text
    finally:
        project.close()
    return path


def build_corpus_project(folder: Path) -> Path:
    """A project holding all five shared volumes (for the cold start)."""
    path = folder / "corpus.cableproj"
    if not path.exists():
        with Project.open(path) as project:
            import_files(project, sorted(CORPUS.glob("*.xml")))
    return path
