"""The reader's preferences that the window and the command line share: who they are.

The author name is set once (Edit → Preferences… or ``cable-annotator preferences
--author``) and recorded on every annotation and theme edit; until then it is the login
name. It lives in a small JSON file in the user's configuration folder (platformdirs), not
in a project, because it belongs to the person, whichever project they open.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

import platformdirs

MAX_AUTHOR = 200


def preferences_path() -> Path:
    return Path(platformdirs.user_config_dir("cable-annotator", appauthor=False)) / (
        "preferences.json")


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _read() -> dict:
    path = preferences_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def author() -> str:
    """The author recorded on new edits: the name set in Preferences, else the login name."""
    name = _read().get("author")
    return name.strip() if isinstance(name, str) and name.strip() else login_name()


def set_author(name: str) -> str:
    """Remember ``name`` as the author (an empty name goes back to the login name)."""
    name = " ".join(name.split())[:MAX_AUTHOR]
    data = _read()
    if name:
        data["author"] = name
    else:
        data.pop("author", None)
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".partial")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)
    return author()
