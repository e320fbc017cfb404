"""Plain-SQL reads (``Project.raw_reading``) from several threads while the project is
closed: ``close`` waits for a read in flight and never closes a connection under it (a
links worker reading while a test closed the window's project crashed the process)."""

from __future__ import annotations

import threading
from pathlib import Path

from cable_annotator.services import projects, queries
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project


def test_close_during_reads_in_other_threads_neither_crashes_nor_loses_a_read(
        tmp_path: Path) -> None:
    path = tmp_path / "threads.cableproj"
    with Project.open(path) as project:
        projects.seed_sample(project)
    for _round in range(5):
        project = Project.open(path)
        stop = threading.Event()
        outcomes: list[str] = []

        def read(project=project, stop=stop, outcomes=outcomes) -> None:
            while not stop.is_set():
                try:
                    cables = queries.list_cables(project)
                    queries.load_cable(project, cables[0].id)
                    outcomes.append("read")
                except ProjectError:
                    outcomes.append("refused")

        workers = [threading.Thread(target=read) for _ in range(3)]
        for worker in workers:
            worker.start()
        while len(outcomes) < 30:
            pass
        project.close()  # while the workers read
        stop.set()
        for worker in workers:
            worker.join(timeout=30)
        assert not any(worker.is_alive() for worker in workers)
        assert "read" in outcomes
        project.close()  # every connection a read made after the first close
    with Project.open(path) as project:
        assert len(queries.list_cables(project)) == 1


def _handles_on(path: Path) -> int:
    """File descriptors of this process open on ``path`` (one per SQLite connection)."""
    import os

    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                count += 1
        except OSError:
            continue
    return count


def test_reads_from_thread_after_thread_reuse_a_few_connections(tmp_path: Path) -> None:
    """A Qt worker gets a new Python thread state (and an empty thread-local) for each
    call: connections kept per thread piled up, one per reference lookup, each with its
    page cache, until the project closed."""
    path = tmp_path / "pool.cableproj"
    with Project.open(path) as project:
        projects.seed_sample(project)
    with Project.open(path) as project:
        queries.list_cables(project)  # the GUI thread's read
        for _ in range(40):
            worker = threading.Thread(target=lambda: queries.list_cables(project))
            worker.start()
            worker.join()
        assert _handles_on(path.resolve()) <= 2
        nested: list[int] = []
        with project.raw_reading() as outer, project.raw_reading() as inner:
            nested.append(outer is inner)  # a read inside a read shares its connection
        assert nested == [True]
    assert _handles_on(path.resolve()) == 0
