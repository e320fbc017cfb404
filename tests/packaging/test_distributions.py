"""``python -m build`` makes an sdist and a wheel (the wheel built from the sdist, so the
sdist is complete) with the resources, migrations and icon in them and no tests, caches or
screenshots; the wheel installed in a fresh virtual environment runs on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from cable_annotator import __version__
from cable_annotator.resources_access import ICON_SIZES
from tests.conftest import REPO_ROOT, SAMPLE_ID, SAMPLE_TEXT, SAMPLE_VOLUME

PACKAGE_FILES = [
    "cable_annotator/resources/frus1969-76ve11p2-d293.txt",
    "cable_annotator/resources/default_codebook.json",
    "cable_annotator/resources/telegram_tags.json",
    "cable_annotator/resources/icons/org.cableannotator.CableAnnotator.svg",
    *(f"cable_annotator/resources/icons/cable-annotator-{size}.png" for size in ICON_SIZES),
    "cable_annotator/storage/migrations/env.py",
    "cable_annotator/storage/migrations/script.py.mako",
    "cable_annotator/storage/migrations/versions/0001_initial.py",
]
SDIST_FILES = [
    "LICENSE", "README.md", "pyproject.toml",
    "resources/frus1969-76ve11p2-d293.txt",
    "resources/icons/org.cableannotator.CableAnnotator.svg",
    "cable_annotator/storage/migrations/versions/0001_initial.py",
    "packaging/org.cableannotator.CableAnnotator.desktop",
    "packaging/org.cableannotator.CableAnnotator.metainfo.xml",
    "packaging/cable-annotator-mime.xml",
    "packaging/pyinstaller/cable-annotator.spec",
    "packaging/linux/install.sh",
]


def unwanted(name: str) -> bool:
    parts = name.split("/")
    return ("tests" in parts or "__pycache__" in parts or "screenshots" in parts
            or name.endswith((".pyc", ".pyo")) or ".pytest_cache" in parts
            or ".ruff_cache" in parts or ".venv" in parts)


@pytest.fixture(scope="module")
def distributions(tmp_path_factory) -> tuple[Path, Path]:
    """(sdist, wheel) made by ``python -m build`` from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: the test environment already has the build backend (test extra),
    # so no network is needed; the wheel is still built from the unpacked sdist.
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(REPO_ROOT)], check=True, capture_output=True, timeout=600)
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


def test_wheel_holds_the_package_data_and_nothing_else(distributions) -> None:
    _sdist, wheel = distributions
    assert wheel.name == f"cable_annotator-{__version__}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    missing = [name for name in PACKAGE_FILES if name not in names]
    assert not missing, missing
    assert not [name for name in names if unwanted(name)]
    assert f"cable_annotator-{__version__}.dist-info/licenses/LICENSE" in names
    metadata = zipfile.ZipFile(wheel).read(f"cable_annotator-{__version__}.dist-info/METADATA")
    assert f"Version: {__version__}\n" in metadata.decode("utf-8")


def test_wheel_holds_every_module_of_the_package(distributions) -> None:
    """A new sub-package must be listed in pyproject.toml, or the wheel silently lacks it."""
    _sdist, wheel = distributions
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO_ROOT / "cable_annotator"
    modules = {path.relative_to(REPO_ROOT).as_posix() for path in package.rglob("*.py")
               if "__pycache__" not in path.parts}
    assert modules - names == set()


def test_sdist_holds_sources_and_packaging_but_no_tests(distributions) -> None:
    sdist, _wheel = distributions
    top = f"cable_annotator-{__version__}"
    assert sdist.name == f"{top}.tar.gz"
    with tarfile.open(sdist) as tar:
        names = [name.removeprefix(f"{top}/") for name in tar.getnames()]
    missing = [name for name in SDIST_FILES if name not in names]
    assert not missing, missing
    assert not [name for name in names if unwanted(name)]
    assert not [name for name in names if name.startswith(("docs/", "build/", "dist/"))]


def test_wheel_runs_in_a_fresh_virtual_environment(distributions, tmp_path) -> None:
    _sdist, wheel = distributions
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=900)
    command = python.parent / "cable-annotator"
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{python.parent}{os.pathsep}/usr/bin{os.pathsep}/bin"
    home = tmp_path / "work"  # outside the checkout: only the installed copy is found
    home.mkdir()

    def run(*args: str | Path) -> str:
        result = subprocess.run([str(command), *map(str, args)], env=env, cwd=home,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert run("--version").strip() == f"cable-annotator {__version__}"
    project = home / "peru.cableproj"
    run("--project", project, "import", "--volume", SAMPLE_VOLUME, SAMPLE_TEXT)
    [cable] = json.loads(run("--project", project, "list", "--json"))
    assert cable["id"] == SAMPLE_ID
    where = subprocess.run([str(python), "-c", "import cable_annotator; "
                            "print(cable_annotator.__file__)"], env=env, cwd=home,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv))
