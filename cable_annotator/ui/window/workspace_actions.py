"""What the window's action groups share: the workspace, its undo stack, and turning a
refused request into a message instead of an exception."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ...services.errors import AnnotationError, CodebookError
from ...storage.errors import ProjectError
from ...storage.project import Project
from .workspace import Workspace

Result = TypeVar("Result")
REFUSALS = (ProjectError, AnnotationError, CodebookError)
"""The errors a service raises for a request it cannot carry out (not for bugs)."""


class WorkspaceActions:
    """Base of the annotation and codebook actions."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    @property
    def _project(self) -> Project:
        return self._workspace.project

    def _push(self, command) -> None:
        self._workspace.undo_stack.push(command)

    def _guard(self, what: str, call: Callable[[], Result]) -> Result | None:
        """Run a service call; a refusal is reported to the reader and gives None."""
        try:
            return call()
        except ProjectError as error:  # the project file failed us: nothing was saved
            self._workspace.report(f"Could not {what}: {error}")
            return None
        except (AnnotationError, CodebookError) as error:  # a request refused: all is kept
            self._workspace.refuse(f"Could not {what}: {error}")
            return None
