"""The layers stay apart: only ui/ imports Qt, and dependencies point one way."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "cable_annotator"
# What each layer may import from the rest of the package.
# file_safety (regular files only, size caps, atomic writes) is a leaf every layer that
# touches files may use; it imports nothing of the package itself.
ALLOWED = {
    "domain": {"domain"},
    "importers": {"domain", "importers", "collector", "file_safety"},
    "exporters": {"domain", "exporters", "app_info"},
    "storage": {"domain", "storage", "resources_access", "file_safety", "app_info"},
    "services": {"domain", "importers", "exporters", "storage", "services", "resources_access",
                 "collector", "file_safety", "app_info"},
}


def test_file_safety_is_a_leaf() -> None:
    modules = imported_modules(PACKAGE / "file_safety.py")
    assert not [m for m in modules if m.startswith(("cable_annotator", "PySide6"))]


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = path.relative_to(REPO_ROOT).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in imported_modules(path):
            assert not module.startswith(("PySide6", "shiboken6")), f"{path} imports {module}"
            if module.startswith("cable_annotator."):
                target = module.split(".")[1]
                assert target in ALLOWED[layer], f"{path} ({layer}) imports {module}"


def test_command_line_runs_without_loading_qt() -> None:
    code = ("import sys, cable_annotator.cli as c, cable_annotator.services.importing, "
            "cable_annotator.services.exporting;"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
