"""Export → import gives back the same report: tree, texts, marks, footnotes, header, closing."""

from __future__ import annotations

import pytest
from _import_helpers import assert_same_report, sample_report, seed_report, view

from hgreport.export import export_docx
from hgreport.importer import import_docx
from hgreport.interchange import load_report_json
from hgreport.model import Paragraph, Run
from hgreport.resources import template_path


def roundtrip(report, tmp_path):
    path = export_docx(report, tmp_path / "report.docx")
    return import_docx(path)


def test_seed_report_roundtrip(tmp_path):
    seed = seed_report()
    result = roundtrip(seed, tmp_path)
    assert len(result.report.sections) == 17
    assert len(result.report.footnotes) == 57
    assert result.summary.issues == []
    assert_same_report(seed, result.report)


@pytest.mark.parametrize("name", ["sample", "annual"])
def test_shipped_templates_roundtrip(tmp_path, name):
    report = load_report_json(template_path(name))
    result = roundtrip(report, tmp_path)
    assert result.summary.issues == []
    assert_same_report(report, result.report, marks=True)


def test_filled_in_header_and_signature_roundtrip(tmp_path):
    report = sample_report()
    h = report.header
    h.number, h.day, h.month, h.year, h.place = "125", 5, 2, 2025, "Vị Thanh"
    h.urgency, h.draft_mark = "KHẨN", ""
    report.closing.signer = "Nguyễn Thị Lan"
    result = roundtrip(report, tmp_path)
    got = result.report.header
    assert (got.number, got.type_code, got.issuer_code) == ("125", "BC", "HU")
    assert (got.place, got.day, got.month, got.year) == ("Vị Thanh", 5, 2, 2025)
    assert got.urgency == "KHẨN" and got.draft_mark == ""
    assert got == h
    assert result.report.closing == report.closing
    assert "urgency" in result.summary.header_fields


def test_line_breaks_page_breaks_and_centred_paragraphs_roundtrip(tmp_path):
    report = sample_report()
    first = report.sections[0].id
    body = report.children_of(first)[0]
    body = report.children_of(body.id)[0]
    body.body.append(Paragraph([Run.of("Dòng một\nDòng hai")]))
    body.body.append(Paragraph([Run.of("Bảng số liệu kèm theo", "b")], align="center",
                               page_break_before=True))
    result = roundtrip(report, tmp_path)
    assert view(result.report, True) == view(report, True)
    got = [s for s in result.report.sections if s.title == body.title][0]
    assert got.body[-2].text == "Dòng một\nDòng hai"
    assert got.body[-1].align == "center" and got.body[-1].page_break_before
