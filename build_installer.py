#!/usr/bin/env python3
"""Build hgreport for office PCs: a one-folder program bundle, then an installer or an archive.

1. PyInstaller makes ``<out>/hgreport/`` from ``installer/hgreport.spec``: the program with
   everything it needs at run time (profiles, templates, translations, icons, the babel locales
   it formats with) and without the Qt parts it never uses.
2. On Windows, Inno Setup (``iscc``, 6.3 or newer) compiles ``installer/hgreport.iss`` into
   ``<out>/hgreport-<version>-setup.exe``: a per-user install that needs no administrator.
   Elsewhere the bundle is packed as ``<out>/hgreport-<version>-<system>-<machine>.tar.gz``.

Check the result with ``<out>/hgreport/hgreport --self-test`` (``hgreport-cli.exe`` on Windows).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "installer" / "hgreport.spec"
ISS = ROOT / "installer" / "hgreport.iss"
SVG_ICON = ROOT / "resources" / "icons" / "hgreport.svg"
ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
WINDOWS = sys.platform == "win32"
MB = 1024 * 1024


class BuildError(Exception):
    """A step of the build could not be done; the message says what to do."""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from hgreport import __version__

    return __version__


def numeric_version(text: str) -> str:
    """``0.1.0`` → ``0.1.0.0``; ``1.2rc1`` → ``1.2.0.0`` (Windows file versions are numbers)."""
    numbers = [int(n) for n in re.findall(r"\d+", text.split("+")[0])[:3]]
    return ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files in ``folder`` (links counted as links)."""
    total = count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            count += 1
    return total, count


def ico_from_pngs(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG image per size (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, images = b"", b""
    offset = len(header) + 16 * len(pngs)
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def render_icon(svg: Path, target: Path) -> Path:
    """The program icon as .ico, drawn from the SVG that the window uses (one source)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["build_installer"])  # noqa: F841
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"{svg} is not a valid SVG image")
    pngs = {}
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_from_pngs(pngs))
    return target


def build_bundle(out: Path, work: Path, icon: Path | None, clean: bool) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError("PyInstaller is not installed: pip install pyinstaller") from None
    env = dict(os.environ)
    if icon is not None:
        env["HGREPORT_ICON"] = str(icon)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(out), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    result = subprocess.run([*command, str(SPEC)], cwd=ROOT, env=env)
    bundle = out / "hgreport"
    if result.returncode != 0 or not bundle.is_dir():
        raise BuildError(f"PyInstaller failed (exit {result.returncode}); see the lines above")
    return bundle


def make_archive(bundle: Path, out: Path, name: str) -> Path:
    """A .tar.gz of the bundle that unpacks into a folder ``hgreport``."""
    archive = out / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)
    return archive


def find_iscc(given: str | None) -> Path:
    if given:
        return Path(given)
    on_path = shutil.which("iscc")
    if on_path:
        return Path(on_path)
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        root = os.environ.get(base)
        if not root:
            continue
        for candidate in (Path(root) / "Inno Setup 6" / "ISCC.exe",
                          Path(root) / "Programs" / "Inno Setup 6" / "ISCC.exe"):
            if candidate.exists():
                return candidate
    raise BuildError("Inno Setup's ISCC.exe was not found: install Inno Setup 6.3 or newer "
                     "(winget install JRSoftware.InnoSetup) or pass --iscc PATH")


def build_setup(bundle: Path, out: Path, iscc: Path, app_version: str,
                icon: Path | None) -> Path:
    """Compile the Inno Setup installer; returns the setup program."""
    defines = [f"/DAppVersion={app_version}", f"/DFileVersion={numeric_version(app_version)}",
               f"/DBundleDir={bundle}", f"/DOutputDir={out}"]
    if icon is not None:
        defines.append(f"/DIconFile={icon}")
    result = subprocess.run([str(iscc), "/Q", *defines, str(ISS)], cwd=ISS.parent)
    setup = out / f"hgreport-{app_version}-setup.exe"
    if result.returncode != 0 or not setup.exists():
        raise BuildError(f"Inno Setup failed (exit {result.returncode}); see the lines above")
    return setup


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Build hgreport: a PyInstaller one-folder bundle, then on Windows the "
                    "Inno Setup installer (per user, no administrator rights), elsewhere a "
                    ".tar.gz of the bundle. Prints the sizes at the end.")
    p.add_argument("--out", metavar="DIR", default=str(ROOT / "dist"),
                   help="folder for the bundle and the installer/archive (default: dist/)")
    p.add_argument("--work", metavar="DIR",
                   help="PyInstaller's working folder (default: DIR/.build under --out)")
    p.add_argument("--skip-archive", action="store_true",
                   help="only build the bundle folder: no installer, no .tar.gz")
    p.add_argument("--iscc", metavar="PATH",
                   help="Inno Setup's ISCC.exe (default: found on PATH or in Program Files)")
    p.add_argument("--clean", action="store_true",
                   help="rebuild from scratch instead of reusing PyInstaller's cache")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Path(args.out).resolve()
    work = Path(args.work).resolve() if args.work else out / ".build"
    app_version = version()
    system = platform.system().lower()
    name = f"hgreport-{app_version}-{system}-{platform.machine().lower()}"
    started = time.monotonic()
    try:
        out.mkdir(parents=True, exist_ok=True)
        icon = None  # only Windows and macOS put an icon into the program file
        if sys.platform in ("win32", "darwin") and SVG_ICON.exists():
            icon = render_icon(SVG_ICON, work / "hgreport.ico")
        bundle = build_bundle(out, work, icon, args.clean)
        size, files = folder_size(bundle)
        print(f"Bundle:  {bundle}  {size / MB:.1f} MB in {files} files")
        if not args.skip_archive:
            if WINDOWS:
                setup = build_setup(bundle, out, find_iscc(args.iscc), app_version, icon)
                print(f"Installer: {setup}  {setup.stat().st_size / MB:.1f} MB")
            else:
                archive = make_archive(bundle, out, name)
                print(f"Archive: {archive}  {archive.stat().st_size / MB:.1f} MB")
    except BuildError as exc:
        print(f"build_installer: {exc}", file=sys.stderr)
        return 1
    print(f"Build time: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
