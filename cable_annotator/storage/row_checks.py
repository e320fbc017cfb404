"""Checking every row read from a project file before it becomes a domain object.

A file that passes SQLite's own checks can still hold rows our code never wrote: a cable
whose structure is not JSON, a number where text belongs, offsets beyond the text, bytes
that are not UTF-8 (a damaged page, a hostile edit). Each becomes ``DamagedRow`` naming the
cable (or theme, or annotation) and what is wrong; ``Project`` adds the file's name, so
the user reads one sentence, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ProjectError
from .sqlite import DamagedJSON


class DamagedRow(ProjectError):
    """A row of the file cannot be what our code wrote."""

    def __init__(self, subject: str, problem: str) -> None:
        super().__init__(f"{subject} is damaged: {problem}.")
        self.subject = subject
        self.problem = problem


def _type_name(value: object) -> str:
    return {str: "text", int: "a number", float: "a number", bytes: "binary data",
            type(None): "nothing", list: "a list", dict: "an object", bool: "a flag"
            }.get(type(value), type(value).__name__)


def require_text(value: object, subject: str, field: str, optional: bool = False) -> str:
    if isinstance(value, str) or (optional and value is None):
        return value  # type: ignore[return-value]
    raise DamagedRow(subject, f"its {field} should be text but is {_type_name(value)}")


def require_int(value: object, subject: str, field: str, optional: bool = False) -> int:
    if (isinstance(value, int) and not isinstance(value, bool)) or (optional and value is None):
        return value  # type: ignore[return-value]
    raise DamagedRow(subject, f"its {field} should be a whole number but is "
                              f"{_type_name(value)}")


def require_json(value: object, subject: str, field: str, kind: type) -> object:
    if isinstance(value, DamagedJSON):
        raise DamagedRow(subject, f"its {field} is {value.problem}")
    if not isinstance(value, kind):
        raise DamagedRow(subject, f"its {field} should be {_type_name(kind())} but is "
                                  f"{_type_name(value)}")
    return value


def record_fields(item: object, names: Sequence[str], types: Sequence[type], subject: str,
                  where: str) -> list:
    """The fields of a small stored record (a JSON array in field order, or an object
    keyed by field name as early builds wrote it), type-checked; trailing fields with
    defaults may be missing."""
    if isinstance(item, dict):
        unknown = set(item) - set(names)
        if unknown:
            raise DamagedRow(subject, f"an entry of its {where} has unknown fields "
                                      f"{sorted(map(str, unknown))}")
        values = [item[name] for name in names if name in item]
        if len(values) < sum(1 for name in names if name in item):
            raise DamagedRow(subject, f"an entry of its {where} is incomplete")
    elif isinstance(item, list):
        values = list(item)
    else:
        raise DamagedRow(subject, f"an entry of its {where} is {_type_name(item)}, not a record")
    required = len([t for t in types if t is not _Optional])
    if not required <= len(values) <= len(names):
        raise DamagedRow(subject, f"an entry of its {where} has {len(values)} fields, "
                                  f"not {len(names)}")
    for name, kind, value in zip(names, types, values, strict=False):
        base = str if kind is _Optional else kind
        ok = isinstance(value, base) and not (base is int and isinstance(value, bool))
        if not ok:
            raise DamagedRow(subject, f"the {name} of an entry of its {where} should be "
                                      f"{_type_name(base())} but is {_type_name(value)}")
    return values


class _Optional(str):
    """Marks a trailing text field that may be missing (it has a default)."""


def require_span(start: int, end: int, length: int, subject: str, where: str) -> None:
    if not 0 <= start <= end <= length:
        raise DamagedRow(subject, f"an entry of its {where} spans {start}–{end}, outside its "
                                  f"text of {length} characters")


OPTIONAL_TEXT = _Optional
