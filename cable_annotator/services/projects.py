"""Opening projects as the user means them: the default one (with the sample on first
run) or a named file."""

from __future__ import annotations

from pathlib import Path

from ..resources_access import SAMPLE_CABLE, SAMPLE_VOLUME, resource_path
from ..storage.project import Project, default_project_path


def open_project(path: Path | str | None) -> Project:
    """Open ``path``, or the default project when None (seeded on its first run)."""
    if path is None:
        return open_default_project()
    return Project.open(Path(path))


def open_default_project() -> Project:
    """The default project under the user data folder; created with the default codebook
    and the bundled sample cable the first time."""
    project = Project.open(default_project_path())
    if project.created:
        seed_sample(project)
    return project


def seed_sample(project: Project) -> None:
    """Import the bundled sample cable (FRUS 1969–76, E–11, pt. 2, doc. 293)."""
    from .importing import import_files  # the first run only: importing needs SQLAlchemy

    with resource_path(SAMPLE_CABLE) as sample:
        import_files(project, [sample], volume=SAMPLE_VOLUME)
