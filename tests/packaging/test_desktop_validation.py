"""The desktop entry, AppStream file and MIME type validate with the freedesktop tools,
install into a user's ~/.local/share with the bundle's install.sh, and work there: the
MIME type gives .cableproj files our icon, the menu entry starts the window with and
without a file, and --uninstall takes everything away again but the user's projects."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from cable_annotator.resources_access import ICON_SIZES
from cable_annotator.storage.project import Project
from cable_annotator.ui.desktop.single_instance import hand_over
from tests.conftest import REPO_ROOT

from .bundle_layout import (
    APP_ID,
    MIME,
    build_bundle_module,
    desktop_exec,
    home_env,
    run_installer,
)

PACKAGING = REPO_ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
DEBIAN_PACKAGE = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream",
                  "update-mime-database": "shared-mime-info"}


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install {DEBIAN_PACKAGE[name]} "
                    "(see README, 'Set-up')", pytrace=False)
    return path


def validate_desktop_entry(path: Path) -> None:
    result = subprocess.run([tool("desktop-file-validate"), str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def validate_metainfo(path: Path) -> None:
    result = subprocess.run([tool("appstreamcli"), "validate", "--pedantic", "--no-net",
                             "--explain", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # Pedantic notes are allowed, but only the one we chose to keep: the component id
    # keeps its capitals (org.cableannotator.CableAnnotator names the icon and the
    # desktop file already; renaming would orphan installed entries).
    issues = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:", "I:",
                                                                          "P:")]
    assert all(line.startswith("P:") and "cid-contains-uppercase-letter" in line
               for line in issues), result.stdout


def test_desktop_entry_validates() -> None:
    validate_desktop_entry(DESKTOP)


def test_metainfo_validates_pedantically() -> None:
    validate_metainfo(METAINFO)


def test_metainfo_screenshots_are_the_readmes() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    images = etree.parse(str(METAINFO)).findall("screenshots/screenshot/image")
    assert len(images) >= 3
    from PySide6.QtGui import QImage

    for image in images:
        name = image.text.rsplit("/", 1)[1]
        local = REPO_ROOT / "docs" / "screenshots" / name
        assert f"docs/screenshots/{name}" in readme, name
        picture = QImage(str(local))
        assert not picture.isNull(), f"{local} is missing"
        assert (picture.width(), picture.height()) == (int(image.get("width")),
                                                       int(image.get("height")))


def test_metainfo_has_what_a_software_centre_shows() -> None:
    tree = etree.parse(str(METAINFO))
    assert len(tree.findall("description/p")) >= 2 and tree.findall("description/ul/li")
    assert {url.get("type") for url in tree.findall("url")} >= {"homepage", "bugtracker"}
    assert tree.find("content_rating").get("type") == "oars-1.1"
    assert tree.findtext("provides/mediatype") == MIME
    assert tree.find("releases/release/description") is not None


def fake_application(folder: Path) -> Path:
    """A stand-in for PyInstaller's folder: its executable runs this checkout's program
    with this interpreter, so the installed command and menu entry really work."""
    folder.mkdir(parents=True)
    executable = folder / "cable-annotator"
    executable.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cable_annotator "$@"\n',
                          encoding="utf-8")
    executable.chmod(0o755)
    return folder


@pytest.fixture
def installed(tmp_path: Path):
    """The bundle layout staged around a stand-in application, installed into a fresh
    home folder; yields (bundle, home)."""
    build = build_bundle_module()
    bundle = build.stage_linux(fake_application(tmp_path / "app"), tmp_path / "bundle")
    home = tmp_path / "home"
    home.mkdir()
    result = run_installer(bundle, home)
    assert result.returncode == 0, result.stderr
    assert "installed" in result.stdout
    yield bundle, home


def mime_probe(home: Path, *paths: Path) -> list[str]:
    """What Qt's MIME database (the freedesktop one, as file managers read it) says of
    ``paths`` for the user ``home``: 'name icon' per file."""
    script = ("import sys\nfrom PySide6.QtCore import QMimeDatabase\n"
              "db = QMimeDatabase()\n"
              "for name in sys.argv[1:]:\n"
              "    kind = db.mimeTypeForFile(name)\n"
              "    print(kind.name(), kind.iconName())\n")
    result = subprocess.run([sys.executable, "-c", script, *map(str, paths)],
                            env=home_env(home), capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_install_puts_everything_under_the_users_home(installed) -> None:
    bundle, home = installed
    share = home / ".local" / "share"
    command = home / ".local" / "bin" / "cable-annotator"
    assert command.is_symlink()
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                             env=home_env(home), check=True)
    assert version.stdout.startswith("cable-annotator ")
    entry = share / "applications" / f"{APP_ID}.desktop"
    validate_desktop_entry(entry)
    assert desktop_exec(entry, []) == [str(command)]
    validate_metainfo(share / "metainfo" / f"{APP_ID}.metainfo.xml")
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
                ).is_file(), size
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "mime" / "packages" / "cable-annotator.xml").is_file()
    # AppStream's view of the installed tree: metainfo, desktop entry and icon together.
    tree = subprocess.run([tool("appstreamcli"), "validate-tree", "--pedantic", "--no-net",
                           str(home / ".local")], capture_output=True, text=True)
    assert tree.returncode == 0, tree.stdout
    assert f"{APP_ID}.metainfo.xml" in tree.stdout and "no-metadata" not in tree.stdout


def test_installed_mime_type_gives_project_files_our_icon(installed, tmp_path) -> None:
    _bundle, home = installed
    tool("update-mime-database")
    assert (home / ".local" / "share" / "mime" / "mime.cache").is_file()
    project = tmp_path / "peru.cableproj"
    Project.open(project).close()
    renamed = tmp_path / "sent-by-a-colleague.bin"  # its name lost in an e-mail
    shutil.copyfile(project, renamed)
    plain_sqlite = tmp_path / "other.bin"
    import sqlite3

    with sqlite3.connect(plain_sqlite) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert mime_probe(home, project, renamed, plain_sqlite) == [
        f"{MIME} {APP_ID}", f"{MIME} {APP_ID}", "application/vnd.sqlite3 application-vnd.sqlite3"]


def wait_listening(project: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not hand_over(project, [], timeout_ms=500):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the window did not start"
        time.sleep(0.2)


def close(process: subprocess.Popen) -> None:
    process.terminate()  # SIGTERM closes the window as its close button does
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err


@pytest.mark.usefixtures("qapp")
def test_menu_entry_starts_the_window_with_and_without_a_file(installed, tmp_path) -> None:
    _bundle, home = installed
    entry = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    env = home_env(home)
    # From the menu: no file; the default project in the user's data folder opens.
    menu = subprocess.Popen(desktop_exec(entry, []), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    default = home / ".local" / "share" / "cable-annotator" / "default.cableproj"
    try:
        wait_listening(default, menu)
    except BaseException:
        menu.kill()
        menu.communicate()
        raise
    close(menu)
    # From the file manager: a project double-clicked.
    project = tmp_path / "colleague.cableproj"
    shutil.copyfile(default, project)
    opened = subprocess.Popen(desktop_exec(entry, [project]), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_listening(project, opened)
    except BaseException:
        opened.kill()
        opened.communicate()
        raise
    close(opened)


def test_uninstall_removes_the_program_and_keeps_the_projects(installed) -> None:
    bundle, home = installed
    projects = home / ".local" / "share" / "cable-annotator"
    projects.mkdir(parents=True)
    (projects / "default.cableproj").write_bytes(b"mine")
    result = run_installer(bundle, home, "--uninstall")
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    assert not (home / ".local" / "bin" / "cable-annotator").exists()
    assert not (home / ".local" / "lib" / "cable-annotator").exists()
    assert not (share / "applications" / f"{APP_ID}.desktop").exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))
    assert (projects / "default.cableproj").read_bytes() == b"mine"
