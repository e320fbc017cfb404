"""Shared by the packaging tests: the build script loaded as a module, and running the
installer of an unpacked bundle in a throwaway home folder."""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO_ROOT

APP_ID = "org.cableannotator.CableAnnotator"
MIME = "application/x-cable-annotator-project"
BUILD_SCRIPT = REPO_ROOT / "packaging" / "pyinstaller" / "build_bundle.py"


def build_bundle_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_bundle", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def home_env(home: Path) -> dict[str, str]:
    """The environment of a user whose home is ``home`` (XDG folders at their defaults)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("XDG_")}
    env.update(HOME=str(home), XDG_DATA_DIRS="/usr/local/share:/usr/share",
               QT_QPA_PLATFORM="offscreen")
    return env


def run_installer(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(bundle / "install.sh"), *args], env=home_env(home),
                          capture_output=True, text=True, timeout=300)


def desktop_exec(entry: Path, files: list[Path]) -> list[str]:
    """The command a desktop runs for ``entry`` with ``files`` (%F expanded)."""
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            words = shlex.split(line[len("Exec="):])
            break
    else:
        raise AssertionError(f"{entry} has no Exec line")
    expanded: list[str] = []
    for word in words:
        expanded.extend(map(str, files) if word == "%F" else [word])
    return expanded
