"""The engine never imports Qt, and the window holds no SQL: the layers stay apart."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import hgreport

ROOT = Path(__file__).resolve().parents[1]


def test_importing_every_engine_module_loads_no_qt():
    names = [m.name for m in pkgutil.walk_packages(hgreport.__path__, "hgreport.")
             if m.name != "hgreport.__main__"]
    code = ("import importlib, sys\n"
            f"for n in {names!r}: importlib.import_module(n)\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert len(names) > 15


def test_engine_sources_have_no_qt_imports_and_ui_sources_no_sql():
    for path in (ROOT / "hgreport").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.startswith("PySide6") for n in names), path
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import sqlite3" not in text and ".execute(" not in text, path


SQL_CALLS = (".execute(", "executescript", "executemany")
STORAGE = ROOT / "hgreport" / "storage"


def _sources(*folders: str):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_sql_is_written_only_in_hgreport_storage():
    """One owner of the database: merge, history, sharing, backup and the window call the
    storage package's operations and never execute SQL (or open SQLite) themselves."""
    offenders = []
    for path in _sources("hgreport", "ui"):
        if STORAGE in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [(path.relative_to(ROOT).as_posix(), call)
                      for call in SQL_CALLS if call in text]
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                offenders += [(path.relative_to(ROOT).as_posix(), n) for n in names
                              if n.split(".")[0] in ("sqlite3", "sqlite_utils")]
    assert offenders == []
    # the check looks for what the storage package really writes
    assert any(".execute(" in p.read_text(encoding="utf-8") for p in STORAGE.glob("*.py"))


def _ui_imports(path: Path) -> set[str]:
    """Modules of the ui package that a source imports, by statement or by importlib."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and (
                    getattr(node.func, "attr", "") == "import_module"
                    or getattr(node.func, "id", "") in ("__import__", "import_module")):
            found.add(node.args[0].value)
    return {m for m in found if m == "ui" or m.startswith("ui.")}


def test_engine_modules_never_import_the_window(tmp_path):
    """Arrows point down: the window uses the engine, never the other way round (not even
    through importlib)."""
    reached = {(path.relative_to(ROOT).as_posix(), module)
               for path in _sources("hgreport") for module in _ui_imports(path)}
    assert reached == set()
    sneaky = tmp_path / "sneaky.py"  # what the check catches
    sneaky.write_text("import ui.app\nfrom ui import dialogs\nimport importlib\n"
                      "importlib.import_module('ui.main_window')\nimport uikit\n",
                      encoding="utf-8")
    assert _ui_imports(sneaky) == {"ui.app", "ui", "ui.main_window"}
