"""Screenshots of the real window at 1600×1000, 1024×700 and 800×600, light and dark.

Always taken, so painting every panel at every size and scheme is exercised on xcb;
written to the folder in ``CABLE_ANNOTATOR_SCREENSHOTS`` when it is set, which is how
``docs/screenshots/window-*.png`` are made:

    CABLE_ANNOTATOR_SCREENSHOTS=docs/screenshots QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m pytest -m x11 tests/x11/test_screenshots.py

The document is FRUS 1964–68 vol. XXVIII doc. 387 (a telegram over five printed pages with
four notes), annotated; the picture is taken with its first annotated passage in view.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cable_annotator.services import annotating, queries

from . import reading_geometry as geo
from .corpus_project import ANNOTATED_VOLUME, phrase_at
from .window import wait_for_size, window

pytestmark = [pytest.mark.x11, pytest.mark.shared]

CABLE = f"{ANNOTATED_VOLUME}/d387"
SIZES = [(1600, 1000), (1024, 700), (800, 600)]


@pytest.fixture(scope="module")
def project(annotated_project):
    """doc. 387 with a few more annotations: two themes on one passage, a footnote."""
    cable = queries.load_cable(annotated_project, CABLE)
    themes = [queries.find_theme(annotated_project, name).id
              for name in ("Arms race", "Soviet influence", "Regional stability")]
    words = cable.text.split("\n\n")[3][:60].rsplit(" ", 1)[0]
    start = cable.text.index(words)
    annotating.create_annotation(annotated_project, CABLE, "body", start, start + len(words),
                                 themes[1:], note="Two themes on one passage.")
    note = cable.footnotes[-1]
    start, end = phrase_at(note.text, 0.0, words=6)
    annotating.create_annotation(annotated_project, CABLE, note.part, start, end, [themes[0]])
    return annotated_project


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_screenshot(qtbot, project, tmp_path, size, scheme):
    with window(qtbot, project, tmp_path, size) as main:
        assert wait_for_size(qtbot, main, size) is None
        geo.click_in_corpus(main, CABLE)
        qtbot.waitUntil(lambda: main.reading.cable() is not None
                        and main.reading.cable().id == CABLE)
        main.appearance.choose(scheme)  # View → Appearance: the whole window
        geo.settle(qtbot, main)
        geo.views_of(main).text.setFocus()
        geo.settle(qtbot, main)
        image = main.grab().toImage()
        assert (image.width(), image.height()) == size
        folder = os.environ.get("CABLE_ANNOTATOR_SCREENSHOTS")
        target = Path(folder) if folder else tmp_path
        target.mkdir(parents=True, exist_ok=True)
        assert image.save(str(target / f"window-{size[0]}x{size[1]}-{scheme}.png"))


TELEGRAM = "1974LIMA08043"


@pytest.fixture
def telegram_project(tmp_path):
    """The sample FRUS document and our raw telegrams, one passage tagged with a note."""
    from cable_annotator.services.importing import import_files
    from cable_annotator.storage.project import Project
    from tests.conftest import SAMPLE_TEXT, SAMPLE_VOLUME
    from tests.importers.telegram_expected import FIXTURES

    project = Project.open(tmp_path / "telegrams.cableproj")
    import_files(project, [SAMPLE_TEXT], volume=SAMPLE_VOLUME)
    import_files(project, sorted(FIXTURES.glob("*.txt")))
    quote = "PERU BUYS ARMS WHERE IT WISHES"
    start = queries.load_cable(project, TELEGRAM).text.index(quote)
    annotating.create_annotation(project, TELEGRAM, "body", start, start + len(quote),
                                 [queries.find_theme(project, "Arms sales").id],
                                 note="Velasco's draft press statement")
    yield project
    project.close()


def test_telegram_screenshot(qtbot, telegram_project, tmp_path):
    """``telegram-window.png``: a raw telegram with the corpus listing telegrams by MRN
    and subject, the text given the whole width (no notes), the References tab open."""
    size = (1600, 1000)
    with window(qtbot, telegram_project, tmp_path, size) as main:
        assert wait_for_size(qtbot, main, size) is None
        main.corpus.tree.expandAll()
        geo.click_in_corpus(main, TELEGRAM)
        qtbot.waitUntil(lambda: main.reading.cable() is not None
                        and main.reading.cable().id == TELEGRAM)
        assert not main.reading.footnote_pane().isVisible()
        qtbot.waitUntil(lambda: not main.links_pending(), timeout=10000)  # a worker's
        assert main.side_tabs.references_shown()
        main.side_tabs.show_references()
        geo.settle(qtbot, main)
        geo.views_of(main).text.setFocus()
        geo.settle(qtbot, main)
        image = main.grab().toImage()
        assert (image.width(), image.height()) == size
        folder = os.environ.get("CABLE_ANNOTATOR_SCREENSHOTS")
        target = Path(folder) if folder else tmp_path
        target.mkdir(parents=True, exist_ok=True)
        assert image.save(str(target / "telegram-window.png"))
