"""What is not a regular file is refused before it is touched, by ``--project``, by
``import`` and by the exports; nothing the program did not create in this run is deleted
or overwritten, and an existing empty file never becomes a project unasked."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cable_annotator.file_safety import PARTIAL_MARKER, clean_stale_partials
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project

from ..conftest import SAMPLE_TEXT
from .hostile import SAMPLE_ID, run_cli


def _block_device() -> str | None:
    for name in ("loop0", "sda", "vda", "nvme0n1"):
        candidate = f"/dev/{name}"
        if os.path.exists(candidate) and stat.S_ISBLK(os.stat(candidate).st_mode):
            return candidate
    return None


def _make(kind: str, folder: Path) -> Path:
    """A path of the given kind that is not a regular file."""
    path = folder / "thing.cableproj"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    elif kind == "dangling link":
        path.symlink_to(folder / "nowhere.cableproj")
    elif kind == "link to a fifo":
        os.mkfifo(folder / "pipe")
        path.symlink_to(folder / "pipe")
    elif kind == "link to a folder":
        (folder / "dir").mkdir()
        path.symlink_to(folder / "dir")
    elif kind == "link to a block device":
        device = _block_device()
        if device is None:
            pytest.skip("no block device to point at")
        path.symlink_to(device)
    else:  # a link to a character device
        path.symlink_to(kind)
    return path


def _fingerprint(path: Path) -> tuple:
    """What must not change: the entry itself (lstat) and where a link points."""
    info = os.lstat(path)
    target = os.readlink(path) if stat.S_ISLNK(info.st_mode) else None
    return (stat.S_IFMT(info.st_mode), info.st_ino, info.st_size, target)


KINDS = ["/dev/zero", "/dev/null", "/dev/urandom", "fifo", "socket", "dangling link",
         "link to a fifo", "link to a folder", "link to a block device"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [("list",), ("import", str(SAMPLE_TEXT)),
                                     ("themes", "add", "New"), ("show", SAMPLE_ID)])
def test_project_that_is_not_a_regular_file_is_refused_untouched(tmp_path, capsys, kind,
                                                                 command) -> None:
    path = _make(kind, tmp_path)
    before = _fingerprint(path)
    status, _out, err = run_cli(capsys, "--project", str(path), *command)
    assert status == 1
    assert str(path) in err and ("not a project file" in err or "does not exist" in err), err
    assert os.path.lexists(path), "the path was deleted"
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("thing")) == \
        ["thing.cableproj"], "no journal or copy was created beside it"


def test_the_window_refuses_them_too(tmp_path) -> None:
    for kind in ("/dev/zero", "fifo"):
        folder = tmp_path / kind.strip("/").replace("/", "-")
        folder.mkdir()
        path = _make(kind, folder)
        with pytest.raises(ProjectError, match="not a project file"):
            Project.open(path, create=False)
        with pytest.raises(ProjectError, match="not a project file"):
            Project.open(path, create=True)
        assert os.path.lexists(path)


@pytest.mark.parametrize("command", [("list",), ("import", str(SAMPLE_TEXT)),
                                     ("themes", "add", "New")])
def test_an_existing_empty_file_is_not_made_a_project(tmp_path, capsys, command) -> None:
    path = tmp_path / "empty.cableproj"
    path.write_bytes(b"")
    status, _out, err = run_cli(capsys, "--project", str(path), *command)
    assert status == 1 and "empty file" in err and str(path) in err
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.cableproj"]


def test_an_empty_file_becomes_a_project_when_asked(tmp_path) -> None:
    path = tmp_path / "asked.cableproj"
    path.write_bytes(b"")
    inode = path.stat().st_ino
    with Project.open(path, adopt_empty=True) as project:
        assert project.created
    assert path.stat().st_ino == inode and path.stat().st_size > 0


def test_a_missing_file_is_created_by_import_as_before(tmp_path, capsys) -> None:
    path = tmp_path / "new.cableproj"
    status, out, _err = run_cli(capsys, "--project", str(path), "import", "--volume",
                                "frus1969-76ve11p2", str(SAMPLE_TEXT))
    assert status == 0 and SAMPLE_ID in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.cableproj"], \
        "closed: one self-contained file, no -wal or -shm left"


def test_a_failed_creation_removes_what_it_created(tmp_path, monkeypatch) -> None:
    import cable_annotator.storage.project as project_module

    path = tmp_path / "failing.cableproj"

    def broken_codebook():
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_module, "default_codebook", broken_codebook)
    with pytest.raises(ProjectError, match="No space left"):
        Project.open(path)
    assert list(tmp_path.iterdir()) == [], "the half-made project and its log are removed"


def test_a_stray_journal_beside_a_new_name_is_not_taken_over(tmp_path) -> None:
    path = tmp_path / "new.cableproj"
    stranger = tmp_path / "new.cableproj-journal"
    stranger.write_text("someone else's")
    with pytest.raises(ProjectError, match="already exists beside it"):
        Project.open(path)
    assert stranger.read_text() == "someone else's", "a file it did not create is kept"
    assert not path.exists()


IMPORT_KINDS = ["/dev/zero", "/dev/urandom", "/dev/null", "fifo", "socket", "dangling link",
                "link to a fifo", "link to a block device"]


@pytest.mark.parametrize("kind", IMPORT_KINDS)
def test_import_of_what_is_not_a_file_is_refused_at_once(project, tmp_path, kind) -> None:
    path = _make(kind, tmp_path / "")
    project.close()
    result = subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                             str(project.path), "import", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert str(path) in result.stderr and "not a file to import" in result.stderr, \
        result.stderr
    assert os.path.lexists(path)


def test_import_size_cap_is_clear_and_configurable(project, tmp_path, capsys,
                                                   monkeypatch) -> None:
    project.close()
    big = tmp_path / "big.xml"
    big.write_bytes(b"<TEI/>" + b" " * 5000)
    monkeypatch.setenv("CABLE_ANNOTATOR_MAX_IMPORT_BYTES", "4096")
    status, _out, err = run_cli(capsys, "--project", str(project.path), "import", str(big))
    assert status == 1
    assert "larger than the import limit of 4 KB" in err and "CABLE_ANNOTATOR_MAX" in err
    monkeypatch.setenv("CABLE_ANNOTATOR_MAX_IMPORT_BYTES", "100000")
    status, _out, err = run_cli(capsys, "--project", str(project.path), "import", str(big))
    assert "import limit" not in err


def test_paste_import_has_the_size_cap_too(project, monkeypatch) -> None:
    from cable_annotator.importers.errors import ImportFailed
    from cable_annotator.services.importing import import_text

    monkeypatch.setenv("CABLE_ANNOTATOR_MAX_IMPORT_BYTES", "4096")
    with pytest.raises(ImportFailed, match="import limit"):
        import_text(project, SAMPLE_TEXT.read_text(encoding="utf-8"), "clipboard")


@pytest.mark.parametrize("kind", ["/dev/null", "fifo", "dangling link", "link to a fifo"])
def test_exports_and_save_as_refuse_a_destination_that_is_not_a_file(project, tmp_path,
                                                                     kind) -> None:
    from cable_annotator.services.exporting import ExportFailed, export_csv

    destination = _make(kind, tmp_path)
    before = _fingerprint(destination)
    with pytest.raises(ExportFailed, match="left untouched"):
        export_csv(project, destination)
    with pytest.raises(ProjectError, match="left untouched"):
        project.save_as(destination)
    assert _fingerprint(destination) == before


def test_save_as_writes_one_self_contained_file(project, tmp_path) -> None:
    copy = project.save_as(tmp_path / "copy.cableproj")
    names = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy"))
    assert names == ["copy.cableproj"]
    with copy.open("rb") as handle:
        header = handle.read(20)
    assert header[18:20] == b"\x01\x01", "rollback-journal mode: opens without -wal/-shm"
    with Project.open(copy, create=False) as reopened:
        assert [c.id for c in __import__("cable_annotator.services.queries", fromlist=["x"])
                .list_cables(reopened)] == [SAMPLE_ID]


def test_stale_partials_of_dead_writers_are_cleaned_and_nothing_else(tmp_path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".export.csv.{pid}{PARTIAL_MARKER}"
    stale_journal = tmp_path / f".copy.cableproj.{pid}{PARTIAL_MARKER}-journal"
    alive = tmp_path / f".export.csv.{os.getpid()}{PARTIAL_MARKER}"
    foreign = tmp_path / ".export.csv.partial"
    lookalike_link = tmp_path / f".x.{pid}{PARTIAL_MARKER}"
    for path in (stale, stale_journal, alive, foreign):
        path.write_text("x")
    lookalike_link.symlink_to(foreign)
    removed = clean_stale_partials(tmp_path)
    assert sorted(removed) == sorted([stale, stale_journal])
    assert alive.exists() and foreign.exists() and os.path.lexists(lookalike_link)


def test_save_as_refuses_a_destination_with_a_log_beside_it(project, tmp_path) -> None:
    """A new file renamed next to another file's write-ahead log would be paired with it
    by SQLite and damaged; Save As refuses instead, touching neither."""
    destination = tmp_path / "old.cableproj"
    destination.write_bytes(b"old")
    log = tmp_path / "old.cableproj-wal"
    log.write_bytes(b"someone's log")
    with pytest.raises(ProjectError, match="was not closed after a crash"):
        project.save_as(destination)
    assert destination.read_bytes() == b"old" and log.read_bytes() == b"someone's log"


def test_a_project_with_two_names_is_refused_and_untouched(tmp_path: Path) -> None:
    """Hard links: SQLite would keep one log per name and replay a stale one over work
    saved under the other name (annotations lost in a walkthrough). Refused, named, kept."""
    from cable_annotator.services import projects

    path = tmp_path / "work.cableproj"
    with Project.open(path) as project:
        projects.seed_sample(project)
    before = path.read_bytes()
    other = tmp_path / "other-name.cableproj"
    os.link(path, other)
    for name in (path, other):
        with pytest.raises(ProjectError, match="2 names on disk") as refused:
            Project.open(name)
        assert str(name) in str(refused.value)
    assert path.read_bytes() == before
    assert not any(Path(f"{p}{s}").exists() for p in (path, other) for s in ("-wal", "-shm"))
    other.unlink()
    with Project.open(path) as project:  # one name again: opens as ever
        assert project.path == path
