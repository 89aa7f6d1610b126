"""The command line's export, import, merge and copy commands end to end, as a clerk runs them."""

from __future__ import annotations

import json
import zipfile

from lxml import etree

from hgreport.cli import main
from hgreport.model import Paragraph
from hgreport.storage import ReportStore

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_writes_a_word_file_beside_the_report(capsys, seed_db):
    code, out, err = run(capsys, "export", seed_db)
    assert code == 0, err
    written = [p for p in seed_db.parent.iterdir() if p.suffix == ".docx"]
    assert len(written) == 1 and "Đã xuất" in out
    with zipfile.ZipFile(written[0]) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    real = [n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    assert len(real) == 57


def test_export_then_import_gives_back_the_report(capsys, seed_db, tmp_path):
    docx = tmp_path / "bao-cao.docx"
    assert run(capsys, "export", seed_db, "-o", docx)[0] == 0
    again = tmp_path / "nhap-lai.db"
    code, out, err = run(capsys, "import", docx, "-o", again)
    assert code == 0, err
    assert "Đã nhập" in out
    code, out, _ = run(capsys, "info", again, "--json")
    info = json.loads(out)
    assert len(info["footnotes"]) == 57
    count = 0

    def walk(nodes):
        nonlocal count
        for n in nodes:
            count += 1
            walk(n["children"])

    walk(info["sections"])
    assert count == 17


def test_import_refuses_an_old_word_file_with_advice(capsys, tmp_path):
    doc = tmp_path / "cu.doc"
    doc.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    code, _, err = run(capsys, "import", doc, "-o", tmp_path / "x.db")
    assert code != 0 and "Traceback" not in err
    assert ".docx" in err
    assert not (tmp_path / "x.db").exists()


def test_merge_a_copy_that_came_back(capsys, seed_db, tmp_path):
    copy = tmp_path / "ban-sao.db"
    assert run(capsys, "copy", seed_db, copy)[0] == 0
    with ReportStore.open(copy, author="Bình") as other:
        sec = other.load_report().ordered_sections()[1]
        sec.body.append(Paragraph.of("Đoạn Bình viết thêm trên bản sao."))
        other.save_section(sec)
    code, out, err = run(capsys, "merge", seed_db, copy, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["fast_forwarded"] == 1 and result["conflicts"] == 0
    with ReportStore.open(seed_db) as store:
        assert store.load_section(sec.id).body[-1].text == "Đoạn Bình viết thêm trên bản sao."
    code, out, _ = run(capsys, "merge", seed_db, copy, "--json")
    again = json.loads(out)
    assert again["fast_forwarded"] == again["merged"] == again["added"] == 0
    assert run(capsys, "check", seed_db)[0] == 0


def test_conflicting_edits_are_listed_for_a_person(capsys, seed_db, tmp_path):
    copy = tmp_path / "ban-sao.db"
    run(capsys, "copy", seed_db, copy)
    for path, who, text in ((seed_db, "An", "Bản của An"), (copy, "Bình", "Bản của Bình")):
        with ReportStore.open(path, author=who) as store:
            sec = store.load_report().ordered_sections()[1]
            sec.body[0] = Paragraph.of(text)
            store.save_section(sec)
    code, out, _ = run(capsys, "merge", seed_db, copy)
    assert code == 0
    code, out, _ = run(capsys, "conflicts", seed_db)
    assert code == 0 and "Công tác chính trị" in out
    code, out, _ = run(capsys, "conflicts", seed_db, "--json")
    listed = json.loads(out)
    assert len(listed) == 1 and listed[0]["field"] == "body"
    with ReportStore.open(seed_db) as store:  # nothing lost: mine is still in the file
        assert store.load_section(sec.id).body[0].text == "Bản của An"


def test_a_copy_written_by_an_older_version_can_still_be_merged(capsys, seed_db, tmp_path):
    import sqlite3

    copy = tmp_path / "ban-sao-cu.db"
    run(capsys, "copy", seed_db, copy)
    with ReportStore.open(copy, author="Bình") as other:
        sec = other.load_report().ordered_sections()[2]
        sec.body.append(Paragraph.of("Thêm từ bản sao cũ."))
        other.save_section(sec)
    # the copy goes back to the file format before the sharing tables existed
    conn = sqlite3.connect(copy)
    for table in ("leases", "conflicts", "authors"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_sharing'")
    conn.commit()
    conn.close()
    before = copy.read_bytes()
    code, out, err = run(capsys, "merge", seed_db, copy, "--json")
    assert code == 0, err
    assert json.loads(out)["fast_forwarded"] == 1
    with ReportStore.open(seed_db) as store:
        assert store.load_section(sec.id).body[-1].text == "Thêm từ bản sao cũ."
    assert copy.read_bytes() == before  # the other copy is only read
