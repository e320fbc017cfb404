"""Shared test set-up: offscreen Qt, isolated user folders, real project files.

Tests never touch the user's real data: XDG_DATA_HOME and XDG_CONFIG_HOME point into the
test's temporary folder, so the default project and QSettings live there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SAMPLE_TEXT = REPO_ROOT / "resources" / "frus1969-76ve11p2-d293.txt"
SAMPLE_VOLUME = "frus1969-76ve11p2"
SAMPLE_ID = "frus1969-76ve11p2/d293"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that builds Qt widgets as ``gui`` (so ``-m 'not gui'`` runs the core)."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or "qtmodeltester" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The read-only FRUS corpus beside the repository; fails loudly when it is missing."""
    corpus = SHARED / "corpus"
    if not (corpus / "frus").is_dir():
        pytest.fail(f"The shared FRUS corpus is missing: expected {corpus}/frus beside the "
                    "repository (see README, 'Tests').", pytrace=False)
    return corpus


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "test.cableproj"


@pytest.fixture
def empty_project(project_path: Path):
    """A new project file with the default codebook and no cables."""
    from cable_annotator.storage.project import Project

    project = Project.open(project_path)
    yield project
    project.close()


@pytest.fixture
def project(empty_project):
    """A new project with the default codebook and the sample cable (doc. 293) imported."""
    from cable_annotator.services.importing import import_files

    import_files(empty_project, [SAMPLE_TEXT], volume=SAMPLE_VOLUME)
    return empty_project


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample cable text."""
    target = tmp_path / SAMPLE_TEXT.name
    shutil.copyfile(SAMPLE_TEXT, target)
    return target
