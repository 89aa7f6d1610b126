"""Reports written at random — marks (bold, italic, underline, raised and lowered), line breaks,
odd characters, footnotes in text, headings and table cells, tables with merged cells and
header rows, captions, column alignments, centred and right-aligned paragraphs — export to Word
and import back reading the same: every section, paragraph, table cell and footnote, with its
marks. (A tab comes back as a space: Word files use tabs to line things up, not as text.)"""

from __future__ import annotations

import random

import pytest
from _import_helpers import assert_same_report, sample_report

from hgreport.export import export_docx
from hgreport.importer import import_docx
from hgreport.model import Cell, Footnote, Paragraph, Run, Table

WORDS = ["Đảng bộ", "tỉnh", "đạt", "98,5%", "kế hoạch", "“nghị quyết”", "(khóa XIII)", "1.250",
         "Nhân dân", "&", "<5>", "năm 2023", "—", "A/B", "ấp ủ", "x²"]
MARKS = [(), (), (), ("b",), ("i",), ("u",), ("b", "i"), ("sup",), ("sub",)]


def _runs(rng: random.Random, notes: list[str], report) -> list[Run]:
    runs: list[Run] = []
    for _ in range(rng.randint(1, 5)):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.1:
            text += "\n" + rng.choice(WORDS)
        runs.append(Run(text + " ", rng.choice(MARKS)))
        if rng.random() < 0.15:
            fn = Footnote(body=[Paragraph([Run(f"Chú thích {len(report.footnotes) + 1}: "),
                                           Run(rng.choice(WORDS), rng.choice(MARKS))])])
            report.footnotes[fn.id] = fn
            notes.append(fn.id)
            runs.append(Run.ref(fn.id))
    runs = Paragraph(runs).normalized().runs
    if runs and not runs[-1].footnote:  # a paragraph does not end in a space
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].marks)
    return Paragraph(runs).normalized().runs


def _table(rng: random.Random, notes: list[str], report) -> Table:
    rows, cols = rng.randint(2, 5), rng.randint(2, 4)
    t = Table.of([["" for _ in range(cols)] for _ in range(rows)],
                 header_rows=rng.choice([0, 1]), caption=rng.choice(["", "Bảng số liệu"]))
    for r in range(rows):
        for c in range(cols):
            runs = _runs(rng, notes, report)
            if r < t.header_rows:  # header rows print bold whatever their runs say
                runs = [x if x.footnote else Run(x.text, tuple(m for m in x.marks if m != "b"))
                        for x in runs]
            t.rows[r].cells[c] = Cell([Paragraph(runs).normalized()])
    if rows > 2 and rng.random() < 0.5:
        t.rows[-1].cells[0] = Cell([Paragraph([Run("Tổng cộng", ("b",))])], col_span=2)
        t.rows[-1].cells[1] = None
    if rows > 2 and cols > 2 and rng.random() < 0.5:
        t.rows[1].cells[2] = Cell([Paragraph([Run("gộp dọc")])], row_span=2)
        t.rows[2].cells[2] = None
    for col in t.columns[1:]:
        col.align = rng.choice([None, "right", "center"])
    return t


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_reports_come_back_from_word_as_they_went(tmp_path, seed):
    rng = random.Random(seed)
    report = sample_report()
    notes: list[str] = []
    for sec in report.ordered_sections():
        body = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.25:
                body.append(_table(rng, notes, report))
            else:
                body.append(Paragraph(_runs(rng, notes, report),
                                      rng.choice([None, None, "center", "right"])))
        sec.body = body
        if rng.random() < 0.2:
            fn = Footnote(body=[Paragraph.of(f"Chú thích đề mục {sec.title[:10].strip()}")])
            report.footnotes[fn.id] = fn
            sec.title_notes = [fn.id]
    path = export_docx(report, tmp_path / "bao-cao.docx")
    result = import_docx(path)
    assert_same_report(report, result.report, marks=True)
