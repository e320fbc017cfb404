"""A child process that works on a project the way a historian's session does, logging
every change as its transaction commits — so a test can kill it at any moment and then
check that every logged change is in the file with its last committed state.

Two ways to run it:

- ``python workload.py writer PROJECT LOG SECONDS SEED`` — annotate and edit its own
  annotations at full speed for SECONDS (the concurrency test runs two of these, beside
  the window); each action is followed by ``AT`` and the time after its commit, and the
  last line of the log says how many actions failed.
- ``python workload.py zygote`` — import everything once, then fork a worker for each
  ``go PROJECT LOG SEED VOLUME EXPORT`` line read on stdin and print its pid; the crash
  test SIGKILLs that pid. Forking a warmed-up process makes a kill cycle take a fraction
  of a second instead of an interpreter start, so a CI run can afford dozens of kills.

Log lines (flushed as written, so they survive a SIGKILL of the writer):
``BEGIN add ID NOTE`` / ``DONE add ID``, ``BEGIN edit ID NOTE`` / ``DONE edit ID``,
``BEGIN del ID`` / ``DONE del ID``, ``BEGIN import`` / ``DONE import N``,
``DONE export ROWS``, ``DONE saveas NAME``, ``READY``, ``FAILED N`` / ``ACTIONS N``
(writer mode, at the end).
Each DONE is written after the service call returned, i.e. after COMMIT.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
import traceback
import uuid
from pathlib import Path

SAMPLE_ID = "frus1969-76ve11p2/d293"


def _warm_imports() -> None:
    from cable_annotator.services import annotating, exporting, importing, queries  # noqa: F401
    from cable_annotator.storage import project  # noqa: F401


class Log:
    def __init__(self, path: Path) -> None:
        self._handle = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115

    def write(self, *words: object) -> None:
        self._handle.write(" ".join(str(word) for word in words) + "\n")
        self._handle.flush()


def _live_ids(project) -> list[str]:
    from cable_annotator.services import queries

    return [a.id for a in queries.annotations_of(project, SAMPLE_ID)]


def one_action(project, rng: random.Random, log: Log, live: list[str], text_length: int,
               theme_ids: list[int], volume: Path | None, export: Path | None,
               deletes: bool = True) -> None:
    """One user action, chosen at random, logged around its commit."""
    from cable_annotator.services import annotating, exporting, importing

    roll = rng.random()
    if volume is not None and roll < 0.04:
        log.write("BEGIN", "import")
        report = importing.import_files(project, [volume])
        log.write("DONE", "import", len(report.cables))
    elif export is not None and roll < 0.08:
        rows = exporting.export_csv(project, export)
        log.write("DONE", "export", rows)
    elif export is not None and roll < 0.10:
        copy = project.save_as(export.with_name("copy.cableproj"))
        log.write("DONE", "saveas", copy.name)
    elif live and roll < 0.35:
        annotation_id = rng.choice(live)
        note = f"edit-{uuid.uuid4().hex[:8]}"
        log.write("BEGIN", "edit", annotation_id, note)
        annotating.update_annotation(project, annotation_id, note=note)
        log.write("DONE", "edit", annotation_id)
    elif live and deletes and roll < 0.50:
        annotation_id = live.pop(rng.randrange(len(live)))
        log.write("BEGIN", "del", annotation_id)
        annotating.delete_annotation(project, annotation_id)
        log.write("DONE", "del", annotation_id)
    else:
        annotation_id = str(uuid.uuid4())
        note = f"note-{uuid.uuid4().hex[:8]}"
        start = rng.randrange(0, text_length - 40)
        log.write("BEGIN", "add", annotation_id, note)
        annotating.create_annotation(project, SAMPLE_ID, "body", start,
                                     start + rng.randrange(1, 40),
                                     [rng.choice(theme_ids)], note=note,
                                     annotation_id=annotation_id)
        log.write("DONE", "add", annotation_id)
        live.append(annotation_id)


def crash_worker(project_path: Path, log_path: Path, seed: int, volume: Path | None,
                 export: Path | None) -> None:
    """Work until killed (the crash test's child)."""
    from cable_annotator.services import queries
    from cable_annotator.storage.project import Project

    rng = random.Random(seed)
    log = Log(log_path)
    project = Project.open(project_path, create=False)
    live = _live_ids(project)
    text_length = len(queries.load_cable(project, SAMPLE_ID).text)
    theme_ids = [theme.id for theme in queries.list_themes(project)]
    log.write("READY")
    while True:
        one_action(project, rng, log, live, text_length, theme_ids, volume, export)


def writer(project_path: Path, log_path: Path, seconds: float, seed: int) -> int:
    """Write at full speed for ``seconds``; log the count of failed actions."""
    from cable_annotator.services import queries
    from cable_annotator.storage.project import Project

    rng = random.Random(seed)
    log = Log(log_path)
    project = Project.open(project_path, create=False)
    live: list[str] = []  # edits only its own annotations: their last state is known
    text_length = len(queries.load_cable(project, SAMPLE_ID).text)
    theme_ids = [theme.id for theme in queries.list_themes(project)]
    log.write("READY")
    failed = actions = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        actions += 1
        try:
            one_action(project, rng, log, live, text_length, theme_ids, None, None,
                       deletes=False)
            log.write("AT", time.time())
        except Exception:  # noqa: BLE001 - counted and shown: the test demands zero
            failed += 1
            log.write("ERROR", traceback.format_exc().replace("\n", " | "))
    project.close()
    log.write("ACTIONS", actions)
    log.write("FAILED", failed)
    return 0 if failed == 0 else 1


def zygote() -> None:
    """Fork a crash worker per command line on stdin; print each child's pid."""
    _warm_imports()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed workers
    print("ZYGOTE", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] != "go":
            continue
        project_path, log_path, seed = Path(words[1]), Path(words[2]), int(words[3])
        volume = Path(words[4]) if words[4] != "-" else None
        export = Path(words[5]) if words[5] != "-" else None
        pid = os.fork()
        if pid == 0:
            try:
                crash_worker(project_path, log_path, seed, volume, export)
            except BaseException:  # noqa: BLE001 - a worker that fails says so in its log
                Log(log_path).write("CRASHED", traceback.format_exc().replace("\n", " | "))
            finally:
                os._exit(0)
        print(pid, flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    if sys.argv[1] == "zygote":
        zygote()
    elif sys.argv[1] == "writer":
        sys.exit(writer(Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]),
                        int(sys.argv[5])))


WORKLOAD_TEXT_QUOTES = ("an arms race could ensue", "fisheries dispute", "Soviet tanks",
                        "investment disputes")
"""Passages of the sample cable the command-line writer annotates."""


class WriterLog:
    """What a writer's log says: its action and failure counts, the time each added
    annotation was committed, and the last committed note of each."""

    def __init__(self) -> None:
        self.actions = 0
        self.failed = -1
        self.errors: list[str] = []
        self.added_at: dict[str, float] = {}
        self.final_notes: dict[str, str] = {}


def parse_writer_log(path: Path) -> WriterLog:
    result = WriterLog()
    notes: dict[str, str] = {}
    last_added: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split(" ")
        if words[0] == "BEGIN" and words[1] in ("add", "edit"):
            notes[words[2]] = words[3]
        elif words[0] == "DONE" and words[1] in ("add", "edit"):
            result.final_notes[words[2]] = notes[words[2]]
            last_added = words[2] if words[1] == "add" else None
        elif words[0] == "AT" and last_added is not None:
            result.added_at[last_added] = float(words[1])
            last_added = None
        elif words[0] == "ERROR":
            result.errors.append(line)
        elif words[0] == "ACTIONS":
            result.actions = int(words[1])
        elif words[0] == "FAILED":
            result.failed = int(words[1])
    return result
