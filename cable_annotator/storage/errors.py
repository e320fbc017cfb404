"""Errors of the project store, each a one-sentence message naming the file."""

from __future__ import annotations


class ProjectError(Exception):
    """A project file could not be opened or changed; the file was left as it was."""


class NotFound(ProjectError):
    """A cable, theme or annotation named by the caller is not in the project."""
