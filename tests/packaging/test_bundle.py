"""The PyInstaller bundle, built on this machine and run as a user would run it: outside
the virtual environment, from the unpacked .tar.gz (marked ``bundle``: run on demand with
``pytest -m bundle``, deselect with ``-m "not bundle"``; about two minutes, part of the
full run)."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from cable_annotator import __version__
from cable_annotator.ui.desktop.single_instance import hand_over
from tests.conftest import SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME

from .bundle_layout import APP_ID, build_bundle_module, desktop_exec, run_installer

pytestmark = pytest.mark.bundle
MAX_APP_MIB = 200  # 139 MiB on Linux x86_64 (PySide6 6.11, Python 3.11), 1 December 2026
TEI_VOLUME = "frus1964-68v28.xml"  # 401 documents


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The archive built by the documented build script, unpacked as a user would."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is missing: pip install -e '.[test,bundle]' (or deselect "
                    "these tests with -m 'not bundle')", pytrace=False)
    build = build_bundle_module()
    where = tmp_path_factory.mktemp("bundle")
    archive = build.build(where / "dist", where / "work")
    assert archive.name == f"cable-annotator-{__version__}-{build.platform_tag()}.tar.gz"
    size = build.folder_size(where / "dist" / "cable-annotator") / (1024 * 1024)
    assert size < MAX_APP_MIB, f"the application folder grew to {size:.0f} MiB"
    unpacked = where / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    (folder,) = unpacked.iterdir()
    return folder


def bare_env(home: Path) -> dict[str, str]:
    """A user's environment without our virtual environment or Python on the path."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "QT_QPA_PLATFORM": "offscreen"}


def wait_for_window(window: subprocess.Popen, project: Path) -> None:
    """Until the bundled window answers on ``project``'s socket (it is up, with its event
    loop running); a window that exits or never answers fails the test."""
    deadline = time.monotonic() + 60
    try:
        while not hand_over(project, [], timeout_ms=500):
            assert window.poll() is None, window.communicate()
            assert time.monotonic() < deadline, "the bundled window did not start"
            time.sleep(0.2)
    except BaseException:
        window.kill()
        window.communicate()
        raise


def run(bundle: Path, home: Path, *args: str | Path) -> subprocess.CompletedProcess:
    executable = bundle / "cable-annotator" / "cable-annotator"
    return subprocess.run([str(executable), *map(str, args)], env=bare_env(home), cwd=home,
                          capture_output=True, text=True, timeout=300)


def test_bundled_program_imports_annotates_and_exports(bundle, tmp_path, shared_corpus):
    home = tmp_path / "home"
    home.mkdir()
    assert run(bundle, home, "--version").stdout.strip() == f"cable-annotator {__version__}"
    project = home / "peru.cableproj"
    sample = run(bundle, home, "--project", project, "import", "--volume", SAMPLE_VOLUME,
                 SAMPLE_TEXT)
    assert sample.returncode == 0, sample.stderr
    assert sample.stdout.startswith(SAMPLE_ID)
    volume = run(bundle, home, "--project", project, "import",
                 shared_corpus / "frus" / TEI_VOLUME)
    assert volume.returncode == 0, volume.stderr
    assert len(volume.stdout.splitlines()) == 401
    annotate = run(bundle, home, "--project", project, "annotate", SAMPLE_ID, "--quote",
                   "an arms race could ensue", "--theme", "Arms race")
    assert annotate.returncode == 0, annotate.stderr
    out = home / "peru.csv"
    export = run(bundle, home, "--project", project, "export", "csv", "-o", out)
    assert export.returncode == 0, export.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["quote"] == "an arms race could ensue" and row["page"] == "780–781"
    assert row["exported_with"] == f"Cable Annotator {__version__}"


@pytest.mark.usefixtures("qapp")
def test_bundled_window_opens_offscreen_and_closes(bundle, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    executable = bundle / "cable-annotator" / "cable-annotator"
    window = subprocess.Popen([str(executable)], env=bare_env(home), cwd=home,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_window(window, home / "data" / "cable-annotator" / "default.cableproj")
    window.terminate()  # closes as by the close button
    _out, err = window.communicate(timeout=30)
    assert window.returncode == 0, err
    assert "Traceback" not in err


@pytest.mark.usefixtures("qapp")
def test_bundle_installs_for_the_user(bundle, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_installer(bundle, home)
    assert result.returncode == 0, result.stderr
    command = home / ".local" / "bin" / "cable-annotator"
    version = subprocess.run([str(command), "--version"], env=bare_env(home),
                             capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"cable-annotator {__version__}"
    assert (home / ".local" / "lib" / "cable-annotator" / "_internal").is_dir()
    # The installed menu entry, as a file manager runs it for a double-clicked project.
    entry = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    project = home / "colleague.cableproj"
    from cable_annotator.storage.project import Project

    Project.open(project).close()  # a colleague's file (a missing one is asked about first)
    window = subprocess.Popen(desktop_exec(entry, [project]), env=bare_env(home), cwd=home,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_window(window, project)
    window.terminate()
    _out, err = window.communicate(timeout=30)
    assert window.returncode == 0, err
