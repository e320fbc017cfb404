"""Whole-volume invariants of the reading surface, on a real X server.

Every document of FRUS 1964–68 vol. XXVIII (401 documents, each annotated) is opened in
the real window at 1600×1000, 1024×700 and 800×600 — once in turn with Ctrl+PgDown, as a
reader works through a volume, and once in a scattered order by clicking it in the
corpus — and checked as ``volume_walk`` describes (end of text reachable, notes level with
their markers, page gutter right, no clipped line). One walk per size and order feeds the
four checks; each check is its own test, so a failure names its check, size and order
with the documents and pixels.

``X11_WALK_LIMIT=N`` walks only the first N documents (a quick look while developing);
``X11_WALK_VOLUME=frus-early/frus1951v07p2.xml`` (a path under the shared corpus) walks
that volume instead, annotated the same way — any volume can be checked on demand.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .corpus_project import ANNOTATED_VOLUME, annotated_cable_ids, build_annotated_project
from .volume_walk import CHECKS, VolumeWalk
from .window import close_window, show_window, wait_for_size

pytestmark = [pytest.mark.x11, pytest.mark.shared]

SIZES = [(1600, 1000), (1024, 700), (800, 600)]
MODES = ["ctrl-pgdown", "corpus-click"]
STRIDE = 7  # the click order visits document 0, 7, 14, … (mod 401): never a neighbour


def _order(cable_ids: list[str], mode: str) -> list[str]:
    if mode == "ctrl-pgdown":
        return cable_ids
    count = len(cable_ids)
    step = STRIDE if count % STRIDE else 1
    return [cable_ids[(i * step) % count] for i in range(count)]


@pytest.fixture(scope="module")
def walks():
    return {}


@pytest.fixture(scope="module")
def walked(annotated_project, shared_corpus, tmp_path_factory):
    """The project walked and its annotated volume: vol. XXVIII, or ``X11_WALK_VOLUME``."""
    chosen = os.environ.get("X11_WALK_VOLUME")
    if not chosen:
        yield annotated_project, ANNOTATED_VOLUME
        return
    volume = Path(chosen).stem
    project = build_annotated_project(shared_corpus, tmp_path_factory.mktemp("x11-walked"),
                                      [chosen], annotated=volume)
    yield project, volume
    project.close()


def _walk(walks, qtbot, walked, folder, size, mode):
    key = (size, mode)
    if key not in walks:
        try:
            walks[key] = _run_walk(qtbot, *walked, folder, size, mode)
        except BaseException as error:  # a walk that broke breaks its four tests alike
            walks[key] = error
            raise
    found = walks[key]
    if isinstance(found, BaseException):
        pytest.fail(f"the walk at {size[0]}x{size[1]} ({mode}) broke: {found!r}",
                    pytrace=False)
    return found


def _run_walk(qtbot, project, volume, folder, size, mode):
    cable_ids = annotated_cable_ids(project, volume)
    limit = int(os.environ.get("X11_WALK_LIMIT", "0") or 0)
    order = _order(cable_ids, mode)[: limit or None]
    main = show_window(qtbot, project, folder / f"{size[0]}x{size[1]}-{mode}", size)
    try:
        walk = VolumeWalk(qtbot, main, size, mode)
        refused = wait_for_size(qtbot, main, size)
        if refused:
            walk.result.violations["measure"].append(f"(window) {refused}")
        first, rest = order[0], order[1:]
        if main.reading.cable() is not None and main.reading.cable().id == first:
            # Already open from the project's last session: come to it from elsewhere.
            walk.open_by_click(order[-1])
        walk.open_by_click(first)
        walk.check_document()
        for cable_id in rest:
            if mode == "ctrl-pgdown":
                walk.open_next(cable_id)
            else:
                walk.open_by_click(cable_id)
            walk.check_document()
        return walk.result
    finally:
        close_window(main)


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_document_of_the_volume(walks, qtbot, walked, tmp_path_factory,
                                      size, mode, check):
    folder = tmp_path_factory.getbasetemp() / "walks"
    result = _walk(walks, qtbot, walked, folder, size, mode)
    assert result.documents == len(_order(annotated_cable_ids(*walked), mode)[
        : int(os.environ.get("X11_WALK_LIMIT", "0") or 0) or None])
    assert not result.violations[check], result.report(check)
