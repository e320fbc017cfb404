"""The References panel is filled from the worker thread, and always with the links of
the cable on screen, however fast the reader moves on."""

from __future__ import annotations

import threading

from cable_annotator.services import telegram_links
from cable_annotator.services.importing import import_files
from cable_annotator.services.queries import load_cable
from tests.importers.telegram_expected import FIXTURES

from .window_helpers import open_window, wait_for_links


def test_links_are_worked_out_off_the_gui_thread_for_the_cable_on_screen(
        qtbot, project, tmp_path, monkeypatch):
    import_files(project, sorted(FIXTURES.glob("*.txt")))
    window = open_window(qtbot, project, tmp_path)
    threads = []
    original = telegram_links.links_both_ways

    def observed(project_, cable):
        threads.append(threading.current_thread())
        return original(project_, cable)

    monkeypatch.setattr(telegram_links, "links_both_ways", observed)
    for cable_id in ("1974STATE193548", "1978TELAV04021", "1974STATE193548",
                     "1978TELAV04021"):  # paging on before any answer is in
        window.show_cable(cable_id)
    wait_for_links(qtbot, window)
    qtbot.wait(50)
    assert threads and all(t is not threading.main_thread() for t in threads)
    expected = telegram_links.links_both_ways(project, load_cable(project, "1978TELAV04021"))
    assert window.links.targets() == [(link.target, link.found)
                                      for link in expected[0] + expected[1]]
    assert window.links.targets()[0] == ("1978STATE064312", False)
