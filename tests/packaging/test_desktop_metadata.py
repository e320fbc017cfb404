"""The desktop entry, AppStream metadata and MIME type agree with each other and the app."""

from __future__ import annotations

import configparser

from lxml import etree

from cable_annotator.storage.sqlite import APPLICATION_ID
from tests.conftest import REPO_ROOT

PACKAGING = REPO_ROOT / "packaging"
APP_ID = "org.cableannotator.CableAnnotator"
MIME = "application/x-cable-annotator-project"


def test_desktop_entry_launches_the_console_script_for_projects() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    # %F: the menu passes no argument at all (``--project %f`` once became a bare
    # ``--project`` and exit status 2), a file manager passes the files.
    assert section["Exec"] == "cable-annotator %F"
    assert section["Icon"] == APP_ID
    assert MIME in section["MimeType"].split(";")


def test_metainfo_names_the_desktop_file_binary_and_mime_type() -> None:
    tree = etree.parse(str(PACKAGING / f"{APP_ID}.metainfo.xml"))
    assert tree.findtext("id") == APP_ID
    assert tree.findtext("launchable") == f"{APP_ID}.desktop"
    assert tree.findtext("provides/binary") == "cable-annotator"
    assert tree.findtext("provides/mediatype") == MIME


def test_mime_magic_matches_the_project_application_id() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    tree = etree.parse(str(PACKAGING / "cable-annotator-mime.xml"))
    (mime,) = tree.findall("m:mime-type", ns)
    assert mime.get("type") == MIME
    inner = tree.find(".//m:match/m:match", ns)
    assert int(inner.get("value"), 16) == APPLICATION_ID and inner.get("offset") == "68"
