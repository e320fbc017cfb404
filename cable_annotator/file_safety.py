"""Touching only our own files: refusing what is not a regular file, writing atomically.

A path the user names (``--project``, an import, an export) may be anything: a symbolic
link to ``/dev/zero`` or to a disk, a FIFO that blocks the first reader forever, a socket,
a link to nothing. Each is refused *before* it is opened, with a sentence naming it, so the
program never reads a device into memory, never writes a database header over one and
never deletes what it did not create in this run.

Files we write (exports, Save As copies) go to a temporary sibling first and are renamed
over the destination only when complete. The temporary name carries our marker and the
writing process's id, so a later run can tell a stale one (its writer is gone) from
someone else's file and remove only ours.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

PARTIAL_MARKER = ".cable-annotator-partial"
"""Part of the name of every temporary file we write; nothing else is ever cleaned up."""
_SIDECARS = ("", "-journal", "-wal", "-shm")

DEFAULT_IMPORT_LIMIT = 512 * 1024 * 1024
"""Largest file an import reads (bytes); ``CABLE_ANNOTATOR_MAX_IMPORT_BYTES`` changes it.
The largest FRUS TEI volume is about 20 MB, so 512 MB leaves room while a link to
``/dev/zero`` or a multi-gigabyte file is refused before it fills the memory."""
IMPORT_LIMIT_VARIABLE = "CABLE_ANNOTATOR_MAX_IMPORT_BYTES"


class NotARegularFile(OSError):
    """The path exists but is not a regular file (or is a link to nothing)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def describe_non_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file we may open, or None when it is one or does not
    exist at all. Never opens the path (opening a FIFO would block)."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"it cannot be examined ({error.strerror or error})"
    try:
        target = os.stat(path)
    except FileNotFoundError:
        return f"it is a symbolic link to {os.readlink(path)!r}, which does not exist"
    except OSError as error:
        return f"it cannot be examined ({error.strerror or error})"
    if stat.S_ISREG(target.st_mode):
        return None
    kind = _kind(target.st_mode)
    if stat.S_ISLNK(link.st_mode):
        return f"it is a symbolic link to {os.path.realpath(path)}, which is {kind}"
    return f"it is {kind}"


def exists_at_all(path: Path) -> bool:
    """True when anything (even a dangling link) occupies ``path``."""
    return os.path.lexists(path)


def import_limit() -> int:
    """The import size cap in bytes (the environment variable, when set and valid)."""
    raw = os.environ.get(IMPORT_LIMIT_VARIABLE, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return DEFAULT_IMPORT_LIMIT


def format_size(count: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= size:
            return f"{count / size:.1f} {unit}".replace(".0 ", " ")
    return f"{count} bytes"


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of ``path``, refusing anything but a regular file of at most ``limit``
    bytes (default: the import cap). Raises NotARegularFile, OSError, or ValueError
    (too large) with a sentence that needs only the file's name in front."""
    limit = import_limit() if limit is None else limit
    problem = describe_non_regular(path)
    if problem:
        raise NotARegularFile(problem)
    # O_NONBLOCK: should the path have been swapped for a FIFO since the check, the open
    # returns at once instead of waiting for a writer; fstat then tells us what it is.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"it is {_kind(info.st_mode)}")
        if info.st_size > limit:
            raise ValueError(f"it is {format_size(info.st_size)}, larger than the import "
                             f"limit of {format_size(limit)} (set {IMPORT_LIMIT_VARIABLE} "
                             "to allow more)")
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        raise ValueError(f"it is larger than the import limit of {format_size(limit)} "
                         f"(set {IMPORT_LIMIT_VARIABLE} to allow more)")
    return data


# -- atomic writes ----------------------------------------------------------------------------

def partial_path(destination: Path) -> Path:
    """The temporary sibling a write of ``destination`` goes to before the rename."""
    return destination.with_name(f".{destination.name}.{os.getpid()}{PARTIAL_MARKER}")


STALE_AFTER_SECONDS = 24 * 3600
"""Where a writer's liveness cannot be asked (Windows), a temporary file this old is stale."""


def _writer_alive(pid: int, modified: float) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there
        return time.time() - modified < STALE_AFTER_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone's process: leave its file alone
    try:  # a killed process its parent has not reaped yet is a zombie: gone
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def clean_stale_partials(folder: Path) -> list[Path]:
    """Remove temporary files (and their SQLite journals) left in ``folder`` by one of our
    writes that was killed; returns what was removed. Only names with our marker whose
    writing process is gone, and only regular files, are touched."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        stem = next((name[: -len(PARTIAL_MARKER + s)] for s in _SIDECARS
                     if name.endswith(PARTIAL_MARKER + s)), None)
        if stem is None or not name.startswith("."):
            continue
        pid_text = stem.rsplit(".", 1)[-1]
        try:
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                continue
            if not pid_text.isdigit() or _writer_alive(int(pid_text),
                                                       entry.stat().st_mtime):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def remove_own_partial(temporary: Path) -> None:
    """Remove a temporary file this process created, with any SQLite sidecars of it."""
    for suffix in _SIDECARS:
        candidate = temporary.with_name(temporary.name + suffix)
        try:
            if candidate.is_file() and not candidate.is_symlink():
                candidate.unlink()
        except OSError:
            pass


def refuse_non_regular_destination(destination: Path) -> None:
    """Raise NotARegularFile when ``destination`` exists and is not a regular file: a write
    there would replace a device node, a pipe or a link's meaning."""
    problem = describe_non_regular(destination)
    if problem:
        raise NotARegularFile(problem)
    if os.path.islink(destination):
        raise NotARegularFile(f"it is a symbolic link (to {os.path.realpath(destination)}); "
                              "write to the file itself")


@contextmanager
def atomic_binary_write(destination: Path) -> Iterator[BinaryIO]:
    """Write ``destination`` all at once: the caller writes to a temporary sibling, which
    is flushed to disk and renamed over the destination only if the block succeeds."""
    refuse_non_regular_destination(destination)
    clean_stale_partials(destination.parent)
    temporary = partial_path(destination)
    handle = open(temporary, "xb")  # noqa: SIM115 - closed below on every path
    try:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(temporary, destination)
        fsync_folder(destination.parent)
    except BaseException:
        handle.close()
        remove_own_partial(temporary)
        raise


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
