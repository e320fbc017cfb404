"""What the reader types in the find box is searched in a worker thread, and only the
latest query's outcome ever reaches the screen."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLineEdit

from cable_annotator.services import search as search_service

from .window_helpers import open_window


def test_typed_queries_are_searched_off_the_gui_thread(qtbot, project, tmp_path,
                                                        monkeypatch):
    window = open_window(qtbot, project, tmp_path)
    threads = []
    original = search_service.find_outcome

    def observed(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(search_service, "find_outcome", observed)
    box = window.findChild(QLineEdit, "findBox")
    box.setFocus()
    qtbot.keyClicks(box, "Velasco")
    qtbot.waitUntil(lambda: window.search.query == "Velasco", timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    hits = window.search.hits()
    assert hits and all(h.cable_id == window.current_cable().id for h in hits)
    assert "Velasco" in window.status_line.text()
    assert not window.search.is_searching()


def test_a_slow_outdated_search_never_overwrites_the_latest(qtbot, project, tmp_path,
                                                            monkeypatch):
    """The first query's worker is held back until the second query has been shown: its
    late outcome is dropped, the screen keeps the second."""
    window = open_window(qtbot, project, tmp_path)
    original = search_service.find_outcome
    release = threading.Event()

    def held(project_, query, *args, **kwargs):
        if query == "tanks":
            release.wait(10)
        return original(project_, query, *args, **kwargs)

    monkeypatch.setattr(search_service, "find_outcome", held)
    box = window.findChild(QLineEdit, "findBox")
    box.setFocus()
    qtbot.keyClicks(box, "tanks")
    qtbot.waitUntil(lambda: window.search.is_searching() and not window.search._timer
                    .isActive(), timeout=5000)  # its worker has started
    box.clear()
    qtbot.keyClicks(box, "Velasco")
    window.search.run()  # Enter: searched at once, on this thread
    assert window.search.query == "Velasco"
    velasco_hits = [(h.part, h.start) for h in window.search.hits()]
    release.set()
    qtbot.waitUntil(lambda: not window.search.is_searching(), timeout=10000)
    qtbot.wait(100)
    assert window.search.query == "Velasco"
    assert [(h.part, h.start) for h in window.search.hits()] == velasco_hits
    assert "tanks" not in window.status_line.text()


def test_switching_projects_waits_for_the_workers_read_and_drops_its_answer(
        qtbot, project, tmp_path, monkeypatch):
    """The project left is closed only once the worker's read of it has ended (closing
    waits for readers); the late answer is not shown over the new project."""
    from cable_annotator.storage.project import Project

    window = open_window(qtbot, project, tmp_path)
    original = search_service.find_outcome
    started, release = threading.Event(), threading.Event()

    def held(project_, query, *args, **kwargs):
        started.set()
        release.wait(10)
        return original(project_, query, *args, **kwargs)

    monkeypatch.setattr(search_service, "find_outcome", held)
    box = window.findChild(QLineEdit, "findBox")
    box.setFocus()
    qtbot.keyClicks(box, "tanks")
    qtbot.waitUntil(started.is_set, timeout=5000)
    threading.Timer(0.3, release.set).start()
    second = tmp_path / "second.cableproj"
    Project.open(second).close()
    assert window.open_project_path(second)
    qtbot.wait(200)
    assert window.project.path == second
    assert window.search.hits() == []
    # the box still says "tanks": searched again in the new, empty project, not the old
    assert "“tanks”: 0 hits in 0 documents" in window.status_line.text()
