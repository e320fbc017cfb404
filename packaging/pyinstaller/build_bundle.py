"""Build the one-folder Cable Annotator application and pack it for users.

    python packaging/pyinstaller/build_bundle.py [--dist DIR] [--work DIR]

runs PyInstaller on ``cable-annotator.spec`` and then packs, by platform:

- Linux: ``cable-annotator-VERSION-linux-ARCH.tar.gz`` holding the application folder,
  ``share/`` (desktop entry, icons, MIME type, AppStream file) and ``install.sh``, which
  puts them under ``~/.local`` (see ``packaging/linux/install.sh``);
- Windows: ``cable-annotator-VERSION-windows-ARCH.zip`` of the application folder;
- macOS: ``cable-annotator-VERSION-macos-ARCH.zip`` of ``Cable Annotator.app``.

It prints the size of the application folder and of the archive. Needs the ``bundle``
extra (``pip install -e ".[bundle]"``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / "cable-annotator.spec"
APP_ID = "org.cableannotator.CableAnnotator"
MIME_TYPE = "application/x-cable-annotator-project"
APP_FOLDER = "cable-annotator"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from cable_annotator import __version__

    return __version__


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform,
                                                                           sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


def run_pyinstaller(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the one-folder application it made."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
                    str(SPEC)], check=True, cwd=ROOT)
    return dist / APP_FOLDER


def stage_share(share: Path) -> None:
    """The desktop files under ``share/`` as the XDG base directories lay them out."""
    icons = ROOT / "resources" / "icons"
    sizes = sorted(int(p.stem.rsplit("-", 1)[1]) for p in icons.glob("cable-annotator-*.png"))
    for size in sizes:
        for kind, name in (("apps", APP_ID), ("mimetypes", MIME_TYPE.replace("/", "-"))):
            target = share / "icons" / "hicolor" / f"{size}x{size}" / kind / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(icons / f"cable-annotator-{size}.png", target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / f"{APP_ID}.svg", scalable)
    for source, folder in ((f"{APP_ID}.desktop", "applications"),
                           (f"{APP_ID}.metainfo.xml", "metainfo"),
                           ("cable-annotator-mime.xml", "mime/packages")):
        target = share / folder / source.replace("cable-annotator-mime", "cable-annotator")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGING / source, target)


def stage_linux(app: Path, staging: Path) -> Path:
    """Lay out the tarball's folder: the application, ``share/``, ``install.sh``."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / APP_FOLDER, symlinks=True)
    stage_share(staging / "share")
    installer = staging / "install.sh"
    shutil.copyfile(PACKAGING / "linux" / "install.sh", installer)
    installer.chmod(installer.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    shutil.copyfile(ROOT / "LICENSE", staging / "LICENSE")
    return staging


def pack_tar(folder: Path, archive: Path) -> Path:
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    return archive


def pack_zip(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file() or path.is_symlink():
                bundle.write(path, Path(folder.name) / path.relative_to(folder))
    return archive


def pack_app(app: Path, archive: Path) -> Path:
    """A macOS ``.app`` zipped with ``ditto``, which keeps its symbolic links, permissions
    and extended attributes (Python's zipfile would copy the links' targets)."""
    subprocess.run(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(app),
                    str(archive)], check=True)
    return archive


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file())


def build(dist: Path, work: Path) -> Path:
    """Build and pack; returns the archive."""
    app = run_pyinstaller(dist, work)
    name = f"cable-annotator-{version()}-{platform_tag()}"
    if sys.platform == "darwin":
        archive = pack_app(dist / "Cable Annotator.app", dist / f"{name}.zip")
    elif sys.platform == "win32":
        archive = pack_zip(app, dist / f"{name}.zip")
    else:
        archive = pack_tar(stage_linux(app, dist / name), dist / f"{name}.tar.gz")
    mib = 1024 * 1024
    print(f"application folder {app}: {folder_size(app) / mib:.1f} MiB")
    print(f"archive {archive}: {archive.stat().st_size / mib:.1f} MiB")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the application and the archive go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder (default: build/pyinstaller/)")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("build_bundle: PyInstaller is missing; install the bundle extra: "
              "pip install -e '.[bundle]'", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the spec imports no Qt, hooks may
    build(args.dist.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
