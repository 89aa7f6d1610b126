"""Tables in the compare export: rows added and removed, cells and captions edited, tables
added, removed and reshaped since a draft show as Word tracked changes; accepting every change
gives today's tables, rejecting every change the draft's — and the same for random edits of
a whole report (paragraphs, references, footnotes, sections)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import replace

import pytest
from lxml import etree

from hgreport.export import export_docx
from hgreport.importer import import_docx
from hgreport.model import Cell, Column, Paragraph, Row, Run, Table, new_id
from hgreport.review.compare import export_compare
from hgreport.review.drafts import draft_report, mark_draft
from hgreport.review.tracked import resolved_copy
from hgreport.review.wordread import read_paragraphs
from hgreport.storage import ReportStore

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DRAFT = "Dự thảo lần 1"


def figures(caption: str = "Bảng 1: Kết quả thu ngân sách", tag: str = "") -> Table:
    t = Table.of([["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đạt %"],
                  [f"Thu nội địa{tag}", "1 200", "1 250", "104"],
                  [f"Thu xuất nhập khẩu{tag}", "300", "280", "93"],
                  [f"Thu khác{tag}", "50", "61", "122"]], header_rows=1, caption=caption)
    for col in t.columns[1:]:
        col.align = "right"
    return t


def _texts(paragraphs, accepted: bool) -> list[str]:
    if accepted:
        return [p.accepted for p in paragraphs if p.in_accepted]
    return [p.rejected for p in paragraphs if p.in_rejected]


def _rows(path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return list(root.iter(f"{W}tr"))


def _row_text(tr) -> str:
    return "|".join("".join(t.text or "" for t in tc.iter(f"{W}t", f"{W}delText"))
                    for tc in tr.iter(f"{W}tc"))


@pytest.fixture
def tables_round(seed_db):
    """Three sections with tables at the draft; then a cell edited, a row added, a row removed
    and the caption reworded in the first; the second's table removed and a new one added in
    a fourth section; the third's table given a column more."""
    with ReportStore.open(seed_db, author="Văn phòng") as store:
        report = store.load_report()
        secs = [s for s in report.ordered_sections() if len(s.body) >= 2][:4]
        for k, sec in enumerate(secs[:3]):
            sec.body.insert(1, figures(f"Bảng {k + 1}", f" ({k + 1})" if k else ""))
            store.save_section(sec)
        mark_draft(store, DRAFT, follow_mark=False)
    with ReportStore.open(seed_db, author="Nguyễn Văn A") as store:
        first, second, third, fourth = (store.load_section(s.id) for s in secs)
        t = next(b for b in first.body if isinstance(b, Table))
        t.rows[1].cells[2] = Cell.of("1 275", align=None)
        t.rows.insert(3, Row([Cell.of("Thu viện trợ"), Cell.of("10"), Cell.of("12"),
                              Cell.of("120")]))
        del t.rows[2]
        t.caption = [Run("Bảng 1: Kết quả thu ngân sách năm 2023")]  # was "Bảng 1"
        store.save_section(first)
        second.body = [b for b in second.body if not isinstance(b, Table)]
        store.save_section(second)
        t3 = next(b for b in third.body if isinstance(b, Table))
        t3.columns.append(Column(align="right"))
        for row in t3.rows:
            row.cells.append(Cell.of("Ghi chú"))
        store.save_section(third)
        fourth.body.append(replace(figures("Bảng 4: Chi ngân sách", " (4)"), id=new_id()))
        store.save_section(fourth)
    return seed_db


def test_accepting_every_change_gives_todays_tables_and_rejecting_the_drafts(tables_round,
                                                                          tmp_path):
    with ReportStore.open(tables_round) as store:
        written, counts = export_compare(store, DRAFT, tmp_path / "so-sanh.docx")
        today = store.load_report()
        then = draft_report(store, DRAFT)
    now_doc = export_docx(today, tmp_path / "hom-nay.docx")
    then_doc = export_docx(then, tmp_path / "du-thao.docx")
    compared = read_paragraphs(written)
    assert _texts(compared, True) == _texts(read_paragraphs(now_doc), True)
    assert _texts(compared, False) == _texts(read_paragraphs(then_doc), True)
    assert counts["ins"] and counts["del"]


def test_rows_and_cells_are_marked_where_they_changed(tables_round, tmp_path):
    with ReportStore.open(tables_round) as store:
        written, _ = export_compare(store, DRAFT, tmp_path / "so-sanh.docx")
    rows = _rows(written)
    marked = {_row_text(tr): ("ins" if tr.find(f"{W}trPr/{W}ins") is not None else
                              "del" if tr.find(f"{W}trPr/{W}del") is not None else "")
              for tr in rows}
    assert marked["Thu viện trợ|10|12|120"] == "ins"
    assert marked["Thu xuất nhập khẩu|300|280|93"] == "del"
    # the edited cell: its row stays, the figure is replaced word by word
    edited = next(tr for tr in rows if _row_text(tr).startswith("Thu nội địa|1 200|"))
    assert edited.find(f"{W}trPr/{W}ins") is None and edited.find(f"{W}trPr/{W}del") is None
    cell = list(edited.iter(f"{W}tc"))[2]
    assert [t.text for t in cell.iter(f"{W}delText")] == ["1 250"]
    assert [t.text for ins in cell.iter(f"{W}ins") for t in ins.iter(f"{W}t")] == ["1 275"]
    unchanged = next(tr for tr in rows if _row_text(tr) == "Thu khác|50|61|122")
    assert unchanged.find(f".//{W}ins") is None and unchanged.find(f".//{W}del") is None
    # the removed table: every row deleted; the new one: every row inserted
    assert [marked[f"{label} (2)|{a}|{b}|{c}"] for label, a, b, c in (
        ("Thu nội địa", "1 200", "1 250", "104"), ("Thu khác", "50", "61", "122"))] == \
        ["del", "del"]
    assert marked["Thu khác (4)|50|61|122"] == "ins"
    # the reshaped table (a column more): the draft's deleted, today's inserted after it
    assert marked["Thu khác (3)|50|61|122"] == "del"
    assert marked["Thu khác (3)|50|61|122|Ghi chú"] == "ins"


def _tables(report) -> list:
    return [[[c.text if c else None for c in row.cells] for row in b.rows]
            for s in report.ordered_sections() for b in s.body if isinstance(b, Table)]


def test_the_importer_reads_a_compared_table_as_today(tables_round, tmp_path):
    with ReportStore.open(tables_round) as store:
        written, _ = export_compare(store, DRAFT, tmp_path / "so-sanh.docx")
        today = store.load_report()
        then = draft_report(store, DRAFT)
    assert _tables(import_docx(written).report) == _tables(today)
    # a reviewer's file read both ways (as bringing it back does): every change accepted,
    # and every change rejected — rows inserted and deleted with tracked changes included
    accepted = resolved_copy(written, tmp_path / "accepted.docx", True)
    rejected = resolved_copy(written, tmp_path / "rejected.docx", False)
    assert _tables(import_docx(accepted).report) == _tables(today)
    assert _tables(import_docx(rejected).report) == _tables(then)


def test_a_draft_compared_with_itself_marks_no_table(seed_db, tmp_path):
    with ReportStore.open(seed_db) as store:
        sec = next(s for s in store.load_report().ordered_sections() if s.body)
        sec.body.append(figures())
        store.save_section(sec)
        mark_draft(store, DRAFT)
        written, counts = export_compare(store, DRAFT, tmp_path / "so-sanh.docx")
    assert counts == {"ins": 0, "del": 0}
    assert all(tr.find(f"{W}trPr/{W}ins") is None for tr in _rows(written))


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and poppler are needed to render the file")
def test_libreoffice_shows_the_table_changes(tables_round, tmp_path):
    with ReportStore.open(tables_round) as store:
        written, _ = export_compare(store, DRAFT, tmp_path / "so-sanh.docx")
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(written)],
                   check=True, capture_output=True, timeout=240)
    flat = "".join(subprocess.run(["pdftotext", str(tmp_path / "so-sanh.pdf"), "-"],
                                  check=True, capture_output=True, text=True).stdout.split())
    for shown in ("Thuviệntrợ", "Thuxuấtnhậpkhẩu", "1275", "Bảng4:Chingânsách"):
        assert shown in flat  # inserted and deleted rows and words are all shown, marked


def _random_table(rng) -> Table:
    rows, cols = rng.randint(2, 5), rng.randint(2, 4)
    t = Table.of([[f"ô{r}{c} {rng.randint(1, 999)}" for c in range(cols)] for r in range(rows)],
                 header_rows=rng.choice([0, 1]), caption=rng.choice(["", "Bảng số liệu"]))
    for _ in range(rng.randint(0, 2)):  # a merge across or down over single cells
        r, c = rng.randrange(rows), rng.randrange(cols)
        down = rng.random() < 0.5
        r2, c2 = (r + 1, c) if down else (r, c + 1)
        if r2 >= rows or c2 >= cols or t.rows[r].cells[c] is None or \
                t.rows[r2].cells[c2] is None or t.rows[r].cells[c].row_span > 1 or \
                t.rows[r].cells[c].col_span > 1 or t.rows[r2].cells[c2].row_span > 1 or \
                t.rows[r2].cells[c2].col_span > 1:
            continue
        t.rows[r].cells[c] = replace(t.rows[r].cells[c], row_span=2 if down else 1,
                                     col_span=1 if down else 2)
        t.rows[r2].cells[c2] = None
    return t


def _edited(rng, old: Table) -> Table:
    t = Table.from_dict(old.to_dict())
    for _ in range(rng.randint(1, 3)):
        what = rng.random()
        plain = [i for i, row in enumerate(t.rows)
                 if all(c is not None and c.row_span == 1 for c in row.cells)]
        if what < 0.35:
            r, c, cell = rng.choice(list(t.cells()))
            t.rows[r].cells[c] = replace(cell, paragraphs=[Paragraph([Run(f"mới {r}{c}")])])
        elif what < 0.55 and len(plain) > 1:
            del t.rows[rng.choice(plain)]
        elif what < 0.75:
            at = rng.choice([i + 1 for i in plain if i + 1 >= len(t.rows)
                             or all(c is not None for c in t.rows[i + 1].cells)] or
                            [len(t.rows)])
            t.rows.insert(at, Row([Cell.of(f"thêm {k}") for k in range(t.n_cols)]))
        elif what < 0.85:
            t.columns.append(Column())
            for row in t.rows:
                row.cells.append(Cell.of("cột mới"))
        elif what < 0.93:
            t.caption = [Run("Bảng số liệu đã sửa")] if t.caption else []
        else:
            t.header_rows = 1 - min(t.header_rows, 1)
    assert Table.from_dict(t.to_dict()).to_dict() == t.to_dict()  # still a whole grid
    return t


def test_random_table_edits_accept_to_today_and_reject_to_the_draft(seed_report, tmp_path):
    import random

    from hgreport.review.compare import build_compare_document

    rng = random.Random(2024)
    sec = next(s for s in seed_report.ordered_sections() if s.body)
    for case in range(40):
        old = _random_table(rng)
        new = _edited(rng, old)
        then, today = seed_report.copy(), seed_report.copy()
        for report, table in ((then, old), (today, new)):
            target = next(s for s in report.ordered_sections() if s.id == sec.id)
            target.body = [Paragraph.of("Kết quả như sau."), table, Paragraph.of("Hết.")]
        document, _ = build_compare_document(today, then, {})
        written = tmp_path / f"so-sanh-{case}.docx"
        document.save(written)
        compared = read_paragraphs(written)
        now = read_paragraphs(export_docx(today, tmp_path / "hom-nay.docx"))
        was = read_paragraphs(export_docx(then, tmp_path / "du-thao.docx"))
        assert _texts(compared, True) == _texts(now, True), (old.to_dict(), new.to_dict())
        assert _texts(compared, False) == _texts(was, True), (old.to_dict(), new.to_dict())


def _random_edits(rng, report) -> None:
    """Paragraphs rewritten, added, removed and split; references added and removed; notes
    edited; sections renamed, added and removed — in a copy of a report."""
    from hgreport.model import Footnote, Section

    secs = [s for s in report.ordered_sections() if s.body]
    for k in range(rng.randint(3, 12)):
        sec = rng.choice(secs)
        what = rng.random()
        paras = [i for i, b in enumerate(sec.body) if isinstance(b, Paragraph)]
        if what < 0.3 and paras:
            i = rng.choice(paras)
            words = sec.body[i].runs[0].text.split(" ") if sec.body[i].runs and \
                not sec.body[i].runs[0].footnote else ["x"]
            words[rng.randrange(len(words))] = f"SỬA{k}"
            sec.body[i] = replace(sec.body[i], runs=[Run(" ".join(words)), *sec.body[i].runs[1:]])
        elif what < 0.45:
            sec.body.insert(rng.randint(0, len(sec.body)), Paragraph.of(f"Đoạn mới {k}."))
        elif what < 0.55 and len(paras) > 1:
            del sec.body[rng.choice(paras)]
        elif what < 0.65 and paras:
            fn = Footnote(body=[Paragraph.of(f"Chú thích mới {k}.")])
            report.footnotes[fn.id] = fn
            i = rng.choice(paras)
            sec.body[i] = replace(sec.body[i], runs=[*sec.body[i].runs, Run.ref(fn.id)])
        elif what < 0.75 and paras:
            i = rng.choice(paras)
            refs = sec.body[i].footnote_refs()
            if refs:
                gone = rng.choice(refs)
                sec.body[i] = replace(sec.body[i], runs=[r for r in sec.body[i].runs
                                                         if r.footnote != gone])
                del report.footnotes[gone]
        elif what < 0.82:
            refs = [f for p in sec.body if isinstance(p, Paragraph) for f in p.footnote_refs()]
            if refs:
                fid = rng.choice(refs)
                report.footnotes[fid] = replace(report.footnotes[fid], body=[
                    Paragraph.of(report.footnotes[fid].plain_text + f" (bổ sung {k})")])
        elif what < 0.9:
            sec.title = f"{sec.title} {k}"
        elif what < 0.95:
            report.sections.append(Section(title=f"Mục thêm {k}", parent_id=sec.parent_id,
                                           position=sec.position + 0.5,
                                           body=[Paragraph.of(f"Nội dung mục thêm {k}.")]))
        else:
            leaves = [s for s in report.sections if s.parent_id and not report.children_of(s.id)]
            if len(leaves) > 3:
                gone = rng.choice(leaves)
                for f in gone.footnote_refs():
                    report.footnotes.pop(f, None)
                report.sections.remove(gone)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_random_report_edits_accept_to_today_and_reject_to_the_draft(seed_report, tmp_path,
                                                                      seed):
    import copy
    import random

    from hgreport.review.compare import build_compare_document
    from hgreport.review.wordread import footnote_paragraphs

    rng = random.Random(seed)
    then = seed_report
    today = copy.deepcopy(seed_report)
    _random_edits(rng, today)
    document, _ = build_compare_document(today, then, {})
    written = tmp_path / "so-sanh.docx"
    document.save(written)
    compared = read_paragraphs(written)
    now = export_docx(today, tmp_path / "hom-nay.docx")
    was = export_docx(then, tmp_path / "du-thao.docx")
    assert _texts(compared, True) == _texts(read_paragraphs(now), True)
    assert _texts(compared, False) == _texts(read_paragraphs(was), True)

    def notes(path, accepted):
        texts = (" ".join(_texts(paras, accepted)).strip()
                 for paras in footnote_paragraphs(path).values())
        return sorted(t for t in texts if t)

    assert notes(written, True) == notes(now, True)
    assert notes(written, False) == notes(was, True)
