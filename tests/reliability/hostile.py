"""Crafting hostile and damaged project files from a real one, and running the command
line on them in-process (as ``cable-annotator`` would, exit status and stderr included)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from cable_annotator import cli

SAMPLE_ID = "frus1969-76ve11p2/d293"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tamper(source: Path, destination: Path, *statements: str,
           writable_schema: bool = False) -> Path:
    """A copy of ``source`` changed by raw SQL, as another program (or a hostile
    colleague) could, left as one file in rollback-journal mode."""
    shutil.copyfile(source, destination)
    connection = sqlite3.connect(destination, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        if writable_schema:
            connection.execute("PRAGMA writable_schema=ON")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()
    return destination


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """``cable-annotator ARGS`` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def annotation_notes(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(connection.execute("SELECT id, note FROM annotations"))
    finally:
        connection.close()
