"""The schema shipped for a quick open is the one the models create, and an open of a
current project reads the first screen without importing SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from cable_annotator.storage import schema_check
from cable_annotator.storage.project import Project
from tests.conftest import REPO_ROOT


def test_the_shipped_schema_is_what_the_models_create() -> None:
    shipped = schema_check.shipped_schema()
    derived = schema_check.fresh_schema()
    assert shipped == derived, (
        "resources/project_schema.json no longer matches the models: run "
        "`python -m cable_annotator.storage.schema_check` and commit the file")


def test_a_current_project_opens_and_reads_without_sqlalchemy(tmp_path: Path) -> None:
    from cable_annotator.services import annotating, projects, queries

    path = tmp_path / "p.cableproj"
    with Project.open(path) as project:
        projects.seed_sample(project)
        cable_id = queries.list_cables(project)[0].id
        theme = queries.list_themes(project)[0]
        cable = queries.load_cable(project, cable_id)
        annotating.annotate_quote(project, cable_id, cable.text[10:40], [theme.id])
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO_ROOT)!r})
        from cable_annotator.services import deferred_annotations, queries
        from cable_annotator.storage.project import Project
        project = Project.open({str(path)!r})
        summaries = queries.list_cables(project)
        themes = queries.list_themes(project)
        usage = queries.theme_usage(project)
        cable = queries.load_cable(project, summaries[0].id)
        volume = queries.load_volume(project, cable.volume)
        found, words = deferred_annotations.deferred_annotations_of(project, cable.id)
        words.read_some()
        assert len(found) == 1 and found[0].quote == cable.text[10:40], found
        assert usage == {{themes[0].id: 1}}, usage
        project.close()
        loaded = sorted(name for name in sys.modules if name.startswith("sqlalchemy"))
        print(len(loaded), loaded[:3])
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 "), result.stdout
