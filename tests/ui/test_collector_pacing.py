"""After an open, what the cable made is out of the cycle collector's walks (a full walk
held the GUI thread 13–20 ms at 20,000 annotations, at random moments of a scroll or an
undo); cycles are still collected when the reader looks away and every FULL_EVERY opens."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from PySide6.QtCore import Qt

from cable_annotator.services.importing import import_files
from cable_annotator.ui.window.background.collector_pacing import FULL_EVERY

from .window_helpers import open_window


class _Cycle:
    def __init__(self) -> None:
        self.me = self


LETTER = Path(__file__).parents[1] / "fixtures" / "text" / "letter.txt"


def _two_cable_window(qtbot, project, tmp_path):
    import_files(project, [LETTER])
    window = open_window(qtbot, project, tmp_path)
    cables = window.corpus.model.cable_ids()
    assert len(cables) == 2
    return window, cables


def _cycle_made_before_an_open(window, cable_id: str) -> weakref.ref:
    """A cyclic garbage object still uncollected when the next open freezes the heap (the
    open's own allocations would otherwise run a young collection first)."""
    gc.disable()
    try:
        garbage = _Cycle()
        ref = weakref.ref(garbage)
        del garbage
        window.show_cable(cable_id)
    finally:
        gc.enable()
    return ref


def test_an_open_freezes_the_heap_and_looking_away_collects_it(qtbot, project, tmp_path):
    window, cables = _two_cable_window(qtbot, project, tmp_path)
    gc.collect()
    ref = _cycle_made_before_an_open(
        window, next(c for c in cables if c != window.current_cable().id))
    assert gc.get_freeze_count() > 1000, "the objects of the open are frozen"
    gc.collect()  # an ordinary collection, as Python runs them: walks no frozen object
    assert ref() is not None
    window._collector._state_changed(Qt.ApplicationState.ApplicationInactive)
    assert ref() is None, "looking away collects the whole heap"
    assert gc.get_freeze_count() > 1000, "and freezes it again"


def test_paging_collects_the_whole_heap_every_so_many_opens(qtbot, project, tmp_path):
    window, cables = _two_cable_window(qtbot, project, tmp_path)
    window._collector.collect_everything()  # count the opens from here
    ref = _cycle_made_before_an_open(window, cables[1])
    for n in range(FULL_EVERY - 2):
        window.show_cable(cables[n % 2])
        gc.collect()
    assert ref() is not None
    window.show_cable(cables[0] if window.current_cable().id != cables[0] else cables[1])
    assert ref() is None
