"""Finding the files shipped in ``resources/`` from a wheel and from an editable install.

The top-level ``resources/`` folder is installed as the package
``cable_annotator.resources`` (see pyproject.toml), so importlib.resources reaches it in
both cases without guessing paths.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path

SAMPLE_CABLE = "frus1969-76ve11p2-d293.txt"
SAMPLE_VOLUME = "frus1969-76ve11p2"
DEFAULT_CODEBOOK = "default_codebook.json"
APP_ID = "org.cableannotator.CableAnnotator"
"""The reverse-DNS id naming the desktop entry, the AppStream file and the icon."""
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""The square PNG sizes rendered from the SVG icon (``packaging/render_icons.py``)."""


def resource_text(name: str) -> str:
    """The UTF-8 text of a bundled resource file."""
    return resources.files("cable_annotator.resources").joinpath(name).read_text("utf-8")


def resource_bytes(name: str) -> bytes:
    """The bytes of a bundled resource file (``icons/…`` for the icon)."""
    return resources.files("cable_annotator.resources").joinpath(name).read_bytes()


def icon_png_name(size: int) -> str:
    """The resource name of the icon's PNG of ``size`` pixels."""
    return f"icons/cable-annotator-{size}.png"


def resource_path(name: str) -> AbstractContextManager[Path]:
    """A context manager giving a real file path for a bundled resource."""
    return resources.as_file(resources.files("cable_annotator.resources").joinpath(name))


def default_codebook() -> list[dict]:
    """The themes of a new project: dicts with name, color and description."""
    return json.loads(resource_text(DEFAULT_CODEBOOK))["themes"]
