"""DOCX import of real-size reports written in several ways: the seed report (17 sections,
57 footnotes) comes back with identical texts whatever tool wrote the Word file."""

from __future__ import annotations

import pytest
from _import_helpers import (
    assert_same_report,
    build_docx,
    have,
    libreoffice_resave,
    pandoc_docx,
    report_markdown,
    sample_report,
    seed_report,
)

from hgreport.checks import find_problems
from hgreport.importer import import_docx
from hgreport.model import walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile

NUMBERING = Numbering.from_profile(load_profile())


@pytest.fixture(scope="module")
def seed():
    return seed_report()


@pytest.fixture(scope="module")
def sample():
    return sample_report()


def assert_seed_shape(result) -> None:
    report = result.report
    assert len(report.sections) == 17
    assert len(report.footnotes) == 57
    assert result.summary.sections == 17 and result.summary.top_sections == 3
    assert result.summary.footnotes == 57
    assert result.summary.issues == []
    assert find_problems(report, NUMBERING, content=False) == []
    numbers = [n.number for n in walk_tree(report.tree(NUMBERING))]
    assert numbers[:3] == ["I.", "1.", "2."] and "3.2." in numbers and numbers[-1] == "2."


@pytest.mark.parametrize("layout", [
    dict(),                                                   # header/closing as tables
    dict(header="paragraphs", closing="paragraphs"),          # everything as paragraphs
    dict(headings="styles"),                                  # Word Heading 1–3, numbers typed
    dict(headings="styles-only"),                             # Word Heading 1–3, no numbers
    dict(suffix_1="-"),                                       # HD 36's "I-" for level 1
], ids=["tables", "paragraphs", "heading-styles", "styles-only", "roman-dash"])
def test_seed_from_python_docx(tmp_path, seed, layout):
    path = build_docx(seed, tmp_path / "report.docx", **layout)
    result = import_docx(path)
    assert_seed_shape(result)
    assert_same_report(seed, result.report)


def test_titles_lose_their_printed_numbers(tmp_path, seed):
    result = import_docx(build_docx(seed, tmp_path / "report.docx"))
    titles = [s.title for s in result.report.ordered_sections()]
    assert titles[0] == "CÔNG TÁC XÂY DỰNG ĐẢNG"
    assert titles[1] == "Công tác chính trị, tư tưởng và đạo đức"
    assert "Nhiệm vụ quốc phòng, an ninh" in titles
    assert not any(t[:1].isdigit() or t.startswith(("I.", "II.", "III.")) for t in titles)


def test_intro_and_closing_text_stay_in_place(tmp_path, seed):
    report = import_docx(build_docx(seed, tmp_path / "report.docx")).report
    assert report.intro.body[0].text.startswith("Năm 2023 là năm thực hiện Nghị quyết")
    assert len(report.intro.body) == 2
    assert [p.text for p in report.ending.body] == [
        "Trên đây là báo cáo kết quả lãnh đạo, chỉ đạo thực hiện công tác năm 2023 của Tỉnh ủy."]


def test_header_and_closing_recognised(tmp_path, seed):
    result = import_docx(build_docx(seed, tmp_path / "report.docx"))
    h, c = result.report.header, result.report.closing
    assert h.issuer == "TỈNH ỦY HẬU GIANG"
    assert (h.number, h.type_code, h.issuer_code) == ("", "BC", "TU")
    assert (h.place, h.day, h.month, h.year) == ("Hậu Giang", None, None, 2023)
    assert h.draft_mark == "Dự thảo"
    assert h.type_name == "BÁO CÁO"
    assert h.summary == "Kết quả thực hiện nhiệm vụ công tác năm 2023"
    assert c.recipients[0] == "Văn phòng Trung ương Đảng," and c.recipients[-1] == "Lưu VPTU."
    assert len(c.recipients) == 9
    assert (c.authority, c.position, c.signer) == ("T/M TỈNH ỦY", "BÍ THƯ", "")
    assert {"issuer", "number", "draft_mark", "place_date", "type_name", "summary", "rule",
            "party_title"} <= set(result.summary.header_fields)
    assert result.summary.closing_fields == ["recipients", "authority", "position"]


@pytest.mark.parametrize("layout", [dict(), dict(header="paragraphs", closing="paragraphs")],
                         ids=["tables", "paragraphs"])
def test_sample_with_every_feature(tmp_path, sample, layout):
    """Several levels, a footnote on a heading, a two-paragraph footnote, bold, italic,
    underline, super- and subscript, superior body, K/T signature."""
    result = import_docx(build_docx(sample, tmp_path / "sample.docx", **layout))
    assert_same_report(sample, result.report, marks=True)
    assert result.summary.issues == []
    heading_note = [s for s in result.report.sections if s.title_notes]
    assert [s.title for s in heading_note] == ["Công tác xây dựng Đảng"]
    assert result.report.header.superior == "ĐẢNG BỘ TỈNH …"
    assert result.report.closing.signer == "Lê Văn Hòa"


def test_summary_lines_in_both_languages(tmp_path, sample):
    result = import_docx(build_docx(sample, tmp_path / "sample.docx"))
    vi = result.summary_lines()
    assert vi[0] == "Đã nhận 12 mục (cấp 1: 3)."
    assert vi[1] == "Đã nhận 7 chú thích cuối trang."
    assert any(line.startswith("Phần đầu văn bản nhận được: ") and "cơ quan ban hành" in line
               for line in vi)
    assert any("họ tên người ký" in line for line in vi)
    assert vi[-1] == "Không phát hiện vấn đề nào."
    en = result.summary_lines("en")
    assert en[0] == "Found 12 sections (3 at the top level)."
    assert any(line.startswith("Closing recognised: recipients (5)") for line in en)


# -- pandoc -----------------------------------------------------------------------------------
pandoc = pytest.mark.skipif(not have("pandoc"), reason="pandoc is not installed")


@pandoc
@pytest.mark.parametrize("numbered", [True, False], ids=["numbers-typed", "styles-only"])
def test_seed_from_pandoc(tmp_path, seed, numbered):
    path = pandoc_docx(report_markdown(seed, numbered), tmp_path / "pandoc.docx")
    result = import_docx(path)
    assert_seed_shape(result)
    assert_same_report(seed, result.report)


@pandoc
def test_sample_from_pandoc_keeps_marks(tmp_path, sample):
    result = import_docx(pandoc_docx(report_markdown(sample), tmp_path / "pandoc.docx"))
    assert_same_report(sample, result.report, marks=True)


# -- LibreOffice --------------------------------------------------------------------------------
libreoffice = pytest.mark.skipif(not have("soffice"), reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def python_docx_seed(tmp_path_factory, seed):
    return build_docx(seed, tmp_path_factory.mktemp("src") / "seed.docx")


@libreoffice
@pytest.mark.parametrize("via", ["docx", "odt"])
def test_seed_resaved_by_libreoffice(tmp_path, seed, python_docx_seed, via):
    path = libreoffice_resave(python_docx_seed, tmp_path, via=via)
    result = import_docx(path)
    assert_seed_shape(result)
    assert_same_report(seed, result.report)


@libreoffice
def test_sample_resaved_by_libreoffice(tmp_path, sample):
    src = build_docx(sample, tmp_path / "sample.docx")
    result = import_docx(libreoffice_resave(src, tmp_path / "lo"))
    assert_same_report(sample, result.report, marks=True)


def test_imported_report_saves_to_a_report_file(tmp_path, seed):
    """What `hgreport import REPORT.docx -o REPORT.db` does: the import stored as it is."""
    from hgreport.storage import ReportStore

    result = import_docx(build_docx(seed, tmp_path / "report.docx"))
    store = ReportStore.create(tmp_path / "report.db", result.report, author="Người nhập")
    store.close()
    store = ReportStore.open(tmp_path / "report.db", author="Người đọc")
    try:
        reopened = store.load_report()
    finally:
        store.close()
    assert_same_report(seed, reopened)
