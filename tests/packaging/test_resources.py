"""Bundled resources are found from an editable install and from a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from cable_annotator.resources_access import SAMPLE_CABLE, default_codebook, resource_text
from tests.conftest import REPO_ROOT

PROBE = (
    "import cable_annotator, json;"
    "from cable_annotator.resources_access import resource_text, default_codebook;"
    "print(cable_annotator.__file__);"
    "print(resource_text('frus1969-76ve11p2-d293.txt').splitlines()[0]);"
    "print(len(default_codebook()))"
)


def test_resources_from_this_install() -> None:
    assert resource_text(SAMPLE_CABLE).startswith("293. Telegram 16696")
    assert len(default_codebook()) >= 8


def test_resources_from_a_built_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(REPO_ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = wheels.glob("cable_annotator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert f"cable_annotator/resources/{SAMPLE_CABLE}" in names
    assert "cable_annotator/storage/migrations/versions/0001_initial.py" in names
    assert "cable_annotator/resources/telegram_tags.json" in names
    assert "cable_annotator/importers/telegram/build.py" in names
    assert "cable_annotator/ui/links/links_panel.py" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    # Run from an empty folder with only the wheel's copy on the path (not the checkout).
    result = subprocess.run([sys.executable, "-I", "-c",
                             f"import sys; sys.path[:0] = [{str(target)!r}]; {PROBE}"],
                            capture_output=True, text=True, cwd=tmp_path, check=True)
    location, first_line, themes = result.stdout.splitlines()
    assert location.startswith(str(target))
    assert first_line.startswith("293. Telegram 16696 From the Department of State")
    assert int(themes) >= 8
