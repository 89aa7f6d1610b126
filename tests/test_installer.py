"""The program as IT staff install it: the bundle runs its self-test, stays within its size
budget, and the Windows installer script installs per user and never removes user data."""

from __future__ import annotations

import importlib.util
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ISS = ROOT / "installer" / "hgreport.iss"
MB = 1024 * 1024
STEP_LABELS = ("tạo báo cáo từ mẫu", "mở báo cáo", "thêm mục và chú thích", "lưu và mở lại",
               "tìm kiếm không dấu", "xuất tệp Word", "đọc lại tệp Word", "dựng cửa sổ chính")


def _folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``python build_installer.py --out DIR``: the bundle folder and its archive."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install pyinstaller)")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "build_installer.py", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Bundle:" in done.stdout and "Archive:" in done.stdout
    archives = list(out.glob("hgreport-*.tar.gz"))
    assert len(archives) == 1
    return out / "hgreport", archives[0]


@pytest.mark.slow
def test_bundle_passes_its_self_test_offscreen(built, tmp_path):
    bundle, _ = built
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", HGREPORT_LANG="vi", XDG_CONFIG_HOME=str(tmp_path),
               HGREPORT_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([str(bundle / "hgreport"), "--self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for label in STEP_LABELS:
        assert any(line.startswith(f"OK  {label}") for line in lines), (label, lines)
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_bundled_commands_write_and_bring_back_a_word_report(built, tmp_path):
    bundle, _ = built
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(HGREPORT_LANG="vi", HGREPORT_DATA_DIR=str(tmp_path / "data"))

    def run(*args: str) -> str:
        done = subprocess.run([str(bundle / "hgreport"), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    run("new", "mau.db", "--sample")
    run("export", "mau.db", "-o", "mau.docx")
    run("import", "mau.docx", "-o", "lai.db")
    assert "Chú thích: 7" in run("info", "lai.db")


@pytest.mark.slow
def test_bundle_and_archive_fit_the_size_budget(built):
    bundle, archive = built
    assert _folder_size(bundle) <= 180 * MB
    assert archive.stat().st_size <= 80 * MB


@pytest.mark.slow
def test_bundle_carries_the_shipped_data_and_only_the_locales_used(built):
    bundle, _ = built
    internal = bundle / "_internal"
    for part in ("profiles/hd36-2018.json", "templates/sample.json", "templates/annual.json",
                 "icons/hgreport.svg"):
        assert (internal / "resources" / part).exists(), part
    for qm in (ROOT / "resources" / "translations").glob("*.qm"):
        assert (internal / "resources" / "translations" / qm.name).exists(), qm.name
    locales = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert {"root", "vi", "en"} <= locales <= {"root", "vi", "vi_VN", "en", "en_US"}
    assert not list(internal.rglob("qtbase_*.qm"))  # Qt's own translations are not shipped


def test_installer_script_installs_per_user_without_admin():
    text = ISS.read_text(encoding="utf-8-sig")
    setup = dict(re.findall(r"^(\w+)=(.*)$", text, flags=re.M))
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")  # %LOCALAPPDATA%\Programs per user
    assert setup["ChangesAssociations"] == "yes"
    icons = re.findall(r"^Name: \"(\{auto\w+\})\\", text, flags=re.M)
    assert {"{autoprograms}", "{autodesktop}"} <= set(icons)
    registry = [line for line in text.splitlines() if line.startswith("Root:")]
    assert registry and all(line.startswith("Root: HKA; Subkey: \"Software\\Classes\\")
                            for line in registry)
    assert any("\\.db\"" in line and "{#ProgId}" in line for line in registry)
    assert any("shell\\open\\command" in line and '""%1""' in line for line in registry)


def test_uninstall_leaves_the_users_reports_alone():
    text = ISS.read_text(encoding="utf-8-sig")
    assert "[UninstallDelete]" not in text
    deletes = re.findall(r"^\[InstallDelete\]\n((?:.+\n)+)", text, flags=re.M)
    for section in deletes:
        for line in section.splitlines():
            if line.startswith("Type:"):
                assert 'Name: "{app}\\' in line, line
    # the program folder is not where reports, settings or backups live
    assert "{localappdata}\\hgreport" not in text and "{userdocs}\\" not in text


def test_program_icon_holds_every_size_windows_asks_for(tmp_path, qapp):
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(ROOT))
    try:
        import build_installer
    finally:
        sys.path.remove(str(ROOT))
    ico = build_installer.render_icon(build_installer.SVG_ICON, tmp_path / "hgreport.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", data,
                                                                          6 + 16 * i)
        image = QImage.fromData(data[offset:offset + length], "PNG")
        assert not image.isNull()
        assert image.width() == (w or 256)
        assert image.pixelColor(image.width() // 2, image.height() // 2).alpha() > 0
        sizes.append(image.width())
    assert {16, 32, 48, 256} <= set(sizes)


def _load_trim():
    spec = importlib.util.spec_from_file_location("installer_trim", ROOT / "installer" / "trim.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_left_out_qt_parts_take_only_what_nothing_else_needs():
    trim = _load_trim()
    plugins = "PySide6/Qt/plugins"
    binaries = [(dest, dest, "BINARY") for dest in (
        "PySide6/QtWidgets.abi3.so", "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6", "libgtk-3.so.0", "libQt6Network.so.6",
        "PySide6/Qt/lib/opengl32sw.dll",
        f"{plugins}/platforms/libqxcb.so", f"{plugins}/platforms/libqoffscreen.so",
        f"{plugins}/platforms/libqeglfs.so", f"{plugins}/platformthemes/libqgtk3.so",
        f"{plugins}/tls/libqopensslbackend.so", f"{plugins}/imageformats/libqsvg.so",
        f"{plugins}/imageformats/libqtiff.so")]
    links = {
        "PySide6/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "PySide6/Qt/lib/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        f"{plugins}/platformthemes/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        f"{plugins}/tls/libqopensslbackend.so": ["libQt6Network.so.6"],
    }
    datas = [("libgtk-3.so.0.link", "libgtk-3.so.0", "SYMLINK"),
             ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
             ("libQt6Network.so.6.link", "libQt6Network.so.6", "SYMLINK"),
             ("babel/locale-data/vi.dat", "x", "DATA"), ("babel/locale-data/fr.dat", "x", "DATA"),
             ("babel/locale-data/root.dat", "x", "DATA"), ("babel/global.dat", "x", "DATA"),
             ("PySide6/Qt/translations/qtbase_fr.qm", "x", "DATA"),
             ("resources/translations/hgreport_vi.qm", "x", "DATA"),
             ("resources/translations/hgreport_vi.ts", "x", "DATA")]
    kept, kept_datas, dropped = trim.trim(binaries, datas, lambda src: links.get(src, []))
    kept = {b[0] for b in kept}
    assert {"PySide6/QtWidgets.abi3.so", "PySide6/Qt/lib/libQt6Widgets.so.6",
            "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib/opengl32sw.dll",
            f"{plugins}/platforms/libqxcb.so", f"{plugins}/platforms/libqoffscreen.so",
            f"{plugins}/imageformats/libqsvg.so"} == kept
    assert {d[0] for d in kept_datas} == {
        "libQt6Gui.so.6", "babel/locale-data/vi.dat", "babel/locale-data/root.dat",
        "babel/global.dat", "resources/translations/hgreport_vi.qm"}
    assert "libgtk-3.so.0" in dropped and "libQt6Network.so.6" in dropped
