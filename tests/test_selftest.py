"""``hgreport --self-test``: what IT staff see when they check a PC, and that it stays offline."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hgreport import resources
from hgreport.cli import main as command_line
from hgreport.selftest import STEPS
from hgreport.selftest import run_self_test as run_engine_steps

ROOT = Path(__file__).resolve().parents[1]


def run_self_test(**kwargs) -> bool:
    """The whole program's self-test, as ``hgreport --self-test`` runs it: the engine's steps,
    then the window's."""
    from ui.selftest_window import window_steps

    return run_engine_steps(extra_steps=window_steps(), **kwargs)


@pytest.fixture
def user_settings(tmp_path_factory):
    """The person's own window settings, in a temporary folder, with a last-opened report."""
    from PySide6.QtCore import QSettings

    from ui.settings import settings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))
    s = settings()
    s.clear()
    s.setValue("last_file", "D:/Bao cao/bao-cao-nam-2024.db")
    s.setValue("recent", ["D:/Bao cao/bao-cao-nam-2024.db"])
    s.sync()
    return settings


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python opens a connection fails the test (and is recorded)."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"the self-test tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_every_step_passes_with_no_network(tmp_path, no_network, user_settings):
    lines: list[str] = []
    assert run_self_test(out=lines.append, workdir=tmp_path) is True
    assert no_network == []
    steps = lines[1:-1]
    assert len(steps) == len(STEPS) + 1
    assert all(line.startswith("OK  ") for line in steps), lines
    assert steps[0].startswith("OK  tạo báo cáo")
    assert "dựng cửa sổ chính" in steps[-1]
    assert lines[-1] == "Kết quả: chương trình hoạt động bình thường."
    # what was made is left in the folder given, for a look afterwards
    assert (tmp_path / "tu-kiem-tra.db").exists()
    assert (tmp_path / "tu-kiem-tra.docx").stat().st_size > 0


def test_self_test_leaves_the_users_settings_and_data_alone(tmp_path, user_settings):
    user_data = Path(os.environ["HGREPORT_DATA_DIR"])
    before = sorted(user_data.rglob("*"))
    assert run_self_test(out=lambda line: None) is True
    s = user_settings()
    assert s.value("last_file") == "D:/Bao cao/bao-cao-nam-2024.db"
    assert s.value("recent") in (["D:/Bao cao/bao-cao-nam-2024.db"],
                                 "D:/Bao cao/bao-cao-nam-2024.db")
    assert sorted(user_data.rglob("*")) == before


def test_a_broken_step_is_named_and_the_rest_is_not_run(tmp_path, monkeypatch, user_settings):
    monkeypatch.setattr(resources, "template_path", lambda name: tmp_path / "missing.json")
    lines: list[str] = []
    assert run_self_test(out=lines.append, workdir=tmp_path / "run") is False
    steps = lines[1:-1]
    assert steps[0].startswith("LỖI  tạo báo cáo từ mẫu: Không tìm thấy tệp")
    assert all(line.startswith("BỎ QUA  ") and "bước trước bị lỗi" in line
               for line in steps[1:])
    assert lines[-1].startswith("Kết quả: có lỗi")


def test_english_lines(tmp_path, monkeypatch, user_settings):
    monkeypatch.setenv("HGREPORT_LANG", "en")
    lines: list[str] = []
    assert run_self_test(out=lines.append, workdir=tmp_path)
    assert lines[1] == "OK  create a report from the template (12 sections, 7 footnotes)"
    assert lines[-1] == "Result: the program works."


def test_command_line_exit_code(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "ui", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("\nOK  ") == len(STEPS) + 1
    assert "dựng cửa sổ chính" in done.stdout


def test_the_engine_alone_checks_itself_and_says_the_window_is_elsewhere(tmp_path, capsys):
    lines: list[str] = []
    assert run_engine_steps(out=lines.append, workdir=tmp_path) is True
    assert len(lines) == len(STEPS) + 2 and "cửa sổ" not in "".join(lines)
    # ``python -m hgreport`` is the engine's command line: no window to start, and it says so
    assert command_line([]) == 11
    assert "không có cửa sổ" in capsys.readouterr().err


def test_the_program_entry_point_loads_no_qt_for_a_command():
    code = ("import sys, ui.launch, hgreport.cli; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
