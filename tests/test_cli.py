"""The command line as a clerk or a script uses it: exit codes, JSON, no tracebacks."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from hgreport.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_new_from_the_annual_template_then_info(capsys, tmp_path):
    db = tmp_path / "bc.db"
    code, out, _ = run(capsys, "new", str(db))
    assert code == 0 and "Đã tạo" in out
    code, out, _ = run(capsys, "info", str(db), "--json")
    assert code == 0
    info = json.loads(out)
    tops = [(s["number"], s["title"]) for s in info["sections"]]
    assert tops[0] == ("I.", "CÔNG TÁC XÂY DỰNG ĐẢNG")
    assert [c["number"] for c in info["sections"][0]["children"]] == \
        ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert info["header"]["type_name"] == "BÁO CÁO"


def test_new_refuses_to_overwrite_an_existing_report(capsys, seed_db):
    code, _, err = run(capsys, "new", str(seed_db))
    assert code == 2 and "đã có" in err
    assert "Traceback" not in err


def test_info_json_of_the_seed(capsys, seed_db):
    code, out, _ = run(capsys, "info", str(seed_db), "--json")
    info = json.loads(out)
    assert code == 0
    assert len(info["footnotes"]) == 57
    assert [f["number"] for f in info["footnotes"]] == list(range(1, 58))
    assert info["footnotes"][0]["section"] == "Công tác chính trị, tư tưởng và đạo đức"
    assert info["footnotes"][0]["text"].startswith("Nghị quyết số 15-NQ/TU")
    crops = [f for f in info["footnotes"] if f["text"].count("\n") == 2]
    assert crops, "a three-paragraph footnote keeps its paragraphs joined by newlines"
    numbers = []

    def walk(nodes):
        for n in nodes:
            numbers.append(n["number"])
            assert set(n) == {"id", "number", "title", "words", "tables", "children"}
            assert n["tables"] == []  # the seed has no table
            walk(n["children"])

    walk(info["sections"])
    assert len(numbers) == 17 and "3.1." in numbers and numbers[0] == "I."
    assert info["words"] > 8000
    assert isinstance(info["problems"], list)


def test_search_with_and_without_diacritics(capsys, seed_db):
    code, out, _ = run(capsys, "search", str(seed_db), "cong", "tac", "dan", "van", "--json")
    hits = json.loads(out)
    assert code == 0 and any("3. Công tác dân vận" == h["where"] for h in hits)
    code, out, _ = run(capsys, "search", str(seed_db), "khongcotu")
    assert code == 0 and "Không tìm thấy" in out


def test_check_passes_a_sound_file_and_fails_a_broken_one(capsys, seed_db):
    code, out, _ = run(capsys, "check", str(seed_db))
    assert code == 0 and "57 chú thích" in out
    conn = sqlite3.connect(seed_db)
    fid = conn.execute("SELECT id FROM footnotes LIMIT 1").fetchone()[0]
    conn.execute("UPDATE footnotes SET deleted = 1 WHERE id = ?", (fid,))
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "check", str(seed_db))
    assert code == 1 and "thiếu chú thích" in out


def test_english_messages(capsys, tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("hello")
    code, _, err = run(capsys, "--lang", "en", "info", str(bad))
    assert code == 3 and "not an hgreport report file" in err


def test_user_errors_never_print_a_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "info", str(tmp_path / "missing.db"))
    assert code == 2 and "Không tìm thấy" in err and "Traceback" not in err


def test_consistent_copy_command(capsys, seed_db, tmp_path):
    out_db = tmp_path / "copy.db"
    code, out, _ = run(capsys, "copy", str(seed_db), str(out_db))
    assert code == 0 and out_db.exists()
    code, out, _ = run(capsys, "check", str(out_db))
    assert code == 0


def test_installed_entry_point_and_version(tmp_path):
    exe = [sys.executable, "-m", "hgreport"]
    done = subprocess.run(exe + ["--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("hgreport ")
    db = tmp_path / "mau.db"
    env = dict(os.environ, HGREPORT_LANG="vi")
    done = subprocess.run(exe + ["new", str(db), "--sample"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(exe + ["info", str(db), "--json"], capture_output=True, text=True,
                          env=env, timeout=60)
    info = json.loads(done.stdout)
    assert len(info["footnotes"]) >= 5
    assert info["header"]["draft_mark"]


@pytest.mark.parametrize("argv", [["--lang", "xx"], ["nonsense-command-file.db", "--bogus"]])
def test_bad_arguments_are_usage_errors(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
