"""Word files as people really make them: a report converted from Markdown (the type line a
Heading 1, the parts "I." Heading 2, their items Heading 3), titles typed as headings, numbers
that disagree with the heading styles, documents divided into parts — and an import report
that lists what was inferred instead of saying "no problems"."""

from __future__ import annotations

import pytest
from _import_helpers import (
    assert_same_report,
    build_docx,
    docx_lines,
    have,
    make_docx,
    markdown_as_people_write,
    p,
    pandoc_docx,
    seed_report,
    title_heading_docx,
    view,
)

from hgreport.export import export_docx
from hgreport.importer import import_docx, import_file
from hgreport.model import walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import document_type_names, load_profile

NUMBERING = Numbering.from_profile(load_profile())
NO_PROBLEMS = "Không phát hiện vấn đề nào."
pandoc = pytest.mark.skipif(not have("pandoc"), reason="pandoc is not installed")


@pytest.fixture(scope="module")
def seed():
    return seed_report()


def outline(report) -> list[tuple[int, str, str]]:
    return [(n.level, n.number, n.section.title) for n in walk_tree(report.tree(NUMBERING))]


def heading_styles(*levels: int) -> str:
    return "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        f'<w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
        for n in levels)


def assert_reads_like_the_seed(result, seed) -> None:
    """The type line became the header, the line under it the summary, the sections kept
    the levels their written numbers give, and the report says what was inferred."""
    report = result.report
    assert report.header.type_name == "BÁO CÁO" and report.header.type_code == "BC"
    assert report.header.summary == "Kết quả thực hiện nhiệm vụ công tác năm 2023"
    got, want = outline(report), outline(seed)
    assert got == want
    assert [n for lv, n, _ in got if lv == 1] == ["I.", "II.", "III."]
    assert all(lv == 2 for lv, n, _ in got if n in ("1.", "2.", "3."))
    assert not any(t == "BÁO CÁO" for _, _, t in got)
    assert view(report)["intro"] == view(seed)["intro"]
    assert view(report)["sections"] == view(seed)["sections"]
    assert len(report.footnotes) == 57
    lines = result.summary_lines()
    assert NO_PROBLEMS not in lines
    inferred = result.summary.inferred_messages("vi")
    assert any("“BÁO CÁO”" in m and "Heading 1" in m and "tên loại" in m for m in inferred)
    assert any("trích yếu" in m and "Kết quả thực hiện nhiệm vụ" in m for m in inferred)
    assert ("Mục “1. Công tác chính trị, tư tưởng và đạo đức” dùng kiểu Heading 3 nhưng số "
            "viết cho thấy cấp 2: đã lấy cấp 2") in " ".join(inferred)
    assert any(m.startswith("Mục “I. CÔNG TÁC XÂY DỰNG ĐẢNG” dùng kiểu Heading 2 nhưng số viết "
                            "cho thấy cấp 1: đã lấy cấp 1") for m in inferred)
    # one line per style, not one per section
    assert len(inferred) <= 6
    assert any(line.startswith("Inferred by the program") for line in result.summary_lines("en"))


def assert_exports_type_once(report, tmp_path) -> None:
    lines = docx_lines(export_docx(report, tmp_path / "out.docx"))
    assert sum(1 for x in lines if x.strip().upper() == "BÁO CÁO") == 1


@pandoc
def test_report_converted_from_markdown_by_pandoc(tmp_path, seed):
    path = pandoc_docx(markdown_as_people_write(seed), tmp_path / "tu-markdown.docx")
    result = import_docx(path)
    assert_reads_like_the_seed(result, seed)
    assert result.report.closing.recipients == seed.closing.recipients
    assert view(result.report)["ending"] == view(seed)["ending"]
    assert_exports_type_once(result.report, tmp_path)


def test_title_typed_as_heading_1_in_word(tmp_path, seed):
    result = import_docx(title_heading_docx(seed, tmp_path / "heading.docx"))
    assert_reads_like_the_seed(result, seed)
    assert_exports_type_once(result.report, tmp_path)


def test_summary_in_a_heading_style_is_the_summary(tmp_path, seed):
    result = import_docx(title_heading_docx(seed, tmp_path / "h.docx", summary="heading"))
    assert result.report.header.summary == seed.header.summary
    assert outline(result.report) == outline(seed)
    assert any("trích yếu" in m for m in result.summary.inferred_messages("vi"))


@pandoc
def test_markdown_with_the_header_lines_above_the_title(tmp_path, seed):
    md = markdown_as_people_write(seed, header=True, summary="heading")
    result = import_docx(pandoc_docx(md, tmp_path / "h.docx"))
    h = result.report.header
    assert (h.issuer, h.number, h.type_code, h.issuer_code) == ("TỈNH ỦY HẬU GIANG", "125", "BC",
                                                               "TU")
    assert (h.type_name, h.summary) == ("BÁO CÁO", seed.header.summary)
    assert outline(result.report) == outline(seed)
    # the issuer sits above a number line: recognised, not guessed
    assert not any("cơ quan ban hành" in m for m in result.summary.inferred_messages("vi"))


@pandoc
def test_markdown_title_and_subtitle_in_the_front_matter(tmp_path, seed):
    md = markdown_as_people_write(seed, summary="front-matter")
    result = import_docx(pandoc_docx(md, tmp_path / "yaml.docx"))
    h = result.report.header
    assert (h.type_name, h.summary) == ("BÁO CÁO", seed.header.summary)
    assert outline(result.report) == outline(seed)
    assert any("kiểu Title" in m for m in result.summary.inferred_messages("vi"))


def test_type_and_summary_on_one_heading_line(tmp_path, seed):
    title = "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC NĂM 2023"
    result = import_docx(title_heading_docx(seed, tmp_path / "one.docx", summary="", title=title))
    h = result.report.header
    assert (h.type_name, h.summary) == ("BÁO CÁO", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC NĂM 2023")
    assert outline(result.report) == outline(seed)
    assert any(title in m for m in result.summary.inferred_messages("vi"))


@pytest.mark.parametrize("summary_style", ["Normal", "Heading 2"])
def test_official_layout_with_the_title_typed_as_heading_1(tmp_path, seed, summary_style):
    """The header table, the "-----" rule and Word's heading styles for the sections, but the
    type line (and the summary) given heading styles by hand."""
    import docx

    src = docx.Document(str(build_docx(seed, tmp_path / "a.docx", headings="styles")))
    for para in src.paragraphs:
        if para.text == "BÁO CÁO":
            para.style = src.styles["Heading 1"]
        elif para.text == seed.header.summary:
            para.style = src.styles[summary_style]
    src.save(str(tmp_path / "b.docx"))
    result = import_docx(tmp_path / "b.docx")
    assert_same_report(seed, result.report)
    assert [m for m in result.summary.inferred_messages("vi") if "Heading 1" in m] == [
        "Dòng “BÁO CÁO” ở đầu văn bản dùng kiểu Heading 1; đã lấy làm tên loại văn bản "
        "“BÁO CÁO” (ký hiệu BC), không tạo thành một mục."]
    assert_exports_type_once(result.report, tmp_path)


@pytest.mark.parametrize("name", document_type_names())
def test_every_document_type_of_the_profiles_is_a_type_line(tmp_path, name):
    body = "".join([
        p(name.title(), style="Heading1"),   # "Nghị Quyết": typed as a heading, any case
        p("Về công tác cán bộ năm 2024", rpr="<w:b/>"),
        p("Văn bản mở đầu của văn bản."),
        p("I. TÌNH HÌNH", style="Heading2"), p("Nội dung."),
        p("1. Kết quả", style="Heading3"), p("Nội dung."),
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body, styles=heading_styles(1, 2, 3)))
    h = result.report.header
    codes = {t.name: t.code for t in load_profile().document_types}
    assert h.type_name == name
    if name in codes:
        assert h.type_code == codes[name]
    assert h.summary == "Về công tác cán bộ năm 2024"
    assert [(lv, t) for lv, _, t in outline(result.report)] == [(1, "TÌNH HÌNH"), (2, "Kết quả")]
    assert [x.text for x in result.report.intro.body] == ["Văn bản mở đầu của văn bản."]


def test_a_resolution_gets_its_own_code_and_no_section(tmp_path):
    body = "".join([
        p("NGHỊ QUYẾT", style="Heading1"),
        p("về phát triển kinh tế số", style="Heading2"),
        p("I. MỤC TIÊU", style="Heading2"), p("Nội dung."),
    ])
    result = import_docx(make_docx(tmp_path / "nq.docx", body, styles=heading_styles(1, 2)))
    h = result.report.header
    assert (h.type_name, h.type_code, h.summary) == ("NGHỊ QUYẾT", "NQ", "về phát triển kinh tế số")
    assert [t for _, _, t in outline(result.report)] == ["MỤC TIÊU"]


def test_a_document_of_unnumbered_headings_keeps_its_first_section(tmp_path):
    """"# BÁO CÁO" then "## Tình hình …" sections without numbers: the first of them is a
    section like the others, not the summary."""
    body = "".join([
        p("BÁO CÁO", style="Heading1"),
        p("Tình hình chung", style="Heading2"), p("Nội dung một."),
        p("Nhiệm vụ năm tới", style="Heading2"), p("Nội dung hai."),
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body, styles=heading_styles(1, 2)))
    assert result.report.header.summary == ""
    assert [(lv, t) for lv, _, t in outline(result.report)] == [
        (1, "Tình hình chung"), (1, "Nhiệm vụ năm tới")]


def test_no_summary_when_the_text_starts_at_once(tmp_path):
    intro = ("Thực hiện Chương trình công tác năm 2023, Ban Thường vụ Tỉnh ủy báo cáo kết quả "
             "như sau.")
    body = "".join([p("BÁO CÁO", style="Heading1"), p(intro),
                    p("I. KẾT QUẢ", style="Heading2"), p("Nội dung.")])
    result = import_docx(make_docx(tmp_path / "a.docx", body, styles=heading_styles(1, 2)))
    assert result.report.header.summary == ""
    assert [x.text for x in result.report.intro.body] == [intro]


def test_numbers_decide_where_styles_disagree_one_by_one(tmp_path):
    body = "".join([
        p("I. TÌNH HÌNH", style="Heading1"),
        p("1. Kinh tế", style="Heading1"),          # numbered level 2, styled 1
        p("Nội dung."),
        p("2. Xã hội", style="Heading2"),
        p("II. NHIỆM VỤ", style="Heading1"),
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body, styles=heading_styles(1, 2)))
    assert [(lv, n) for lv, n, _ in outline(result.report)] == [
        (1, "I."), (2, "1."), (2, "2."), (1, "II.")]
    assert result.summary.inferred_messages("vi") == [
        "Mục “1. Kinh tế” dùng kiểu Heading 1 nhưng số viết cho thấy cấp 2: đã lấy cấp 2."]
    assert result.summary.inferred_messages("en") == [
        "Section “1. Kinh tế” uses the style Heading 1 but its written number says level 2: "
        "level 2 was taken."]


def test_outline_levels_disagreeing_with_numbers(tmp_path):
    def outlined(text: str, level: int) -> str:
        return p(text, ppr=f'<w:outlineLvl w:val="{level - 1}"/>')

    body = "".join([outlined("I. TÌNH HÌNH", 2), outlined("1. Kinh tế", 3), p("Nội dung.")])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert [(lv, n) for lv, n, _ in outline(result.report)] == [(1, "I."), (2, "1.")]
    assert any("cấp đề cương 3" in m and "cấp 2" in m
               for m in result.summary.inferred_messages("vi"))


def test_unnumbered_headings_follow_their_numbered_neighbours(tmp_path):
    """The styles are one level too deep (the title took Heading 1); a heading without a
    number goes where the numbered headings of its style went."""
    body = "".join([
        p("BÁO CÁO", style="Heading1"), p("Kết quả công tác năm 2023", rpr="<w:b/>"),
        p("Đặc điểm tình hình", style="Heading2"), p("Nội dung."),      # before any number
        p("I. KẾT QUẢ", style="Heading2"),
        p("1. Kinh tế", style="Heading3"), p("Nội dung."),
        p("Đánh giá riêng", style="Heading3"), p("Nội dung."),
        p("II. NHIỆM VỤ", style="Heading2"),
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body, styles=heading_styles(1, 2, 3)))
    assert [(lv, t) for lv, _, t in outline(result.report)] == [
        (1, "Đặc điểm tình hình"), (1, "KẾT QUẢ"), (2, "Kinh tế"), (2, "Đánh giá riêng"),
        (1, "NHIỆM VỤ")]
    assert result.report.header.summary == "Kết quả công tác năm 2023"
    assert any("“Đánh giá riêng”" in m and "không có số viết" in m
               for m in result.summary.inferred_messages("vi"))


@pytest.mark.parametrize("style", ["plain", "styles"])
def test_a_document_in_parts(tmp_path, style):
    def head(text: str, level: int) -> str:
        return p(text, style=f"Heading{level}") if style == "styles" else p(text, rpr="<w:b/>")

    body = "".join([
        p("Văn bản mở đầu."),
        head("Phần thứ nhất", 1), head("KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023", 1),
        head("I. CÔNG TÁC XÂY DỰNG ĐẢNG", 2), head("1. Chính trị tư tưởng", 3), p("Nội dung."),
        head("II. KINH TẾ", 2), p("Nội dung."),
        head("PHẦN THỨ HAI: PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024", 1),
        head("I. MỤC TIÊU", 2), p("Nội dung."),
        head("Phần III", 1), head("TỔ CHỨC THỰC HIỆN", 1), p("Nội dung."),
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body, styles=heading_styles(1, 2, 3)))
    assert [(lv, t) for lv, _, t in outline(result.report)] == [
        (1, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023"), (2, "CÔNG TÁC XÂY DỰNG ĐẢNG"),
        (3, "Chính trị tư tưởng"), (2, "KINH TẾ"),
        (1, "PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024"), (2, "MỤC TIÊU"),
        (1, "TỔ CHỨC THỰC HIỆN")]
    inferred = result.summary.inferred_messages("vi")
    assert any("3 phần" in m and "Phần thứ nhất" in m for m in inferred)
    assert result.summary.issues == []


def test_a_sentence_about_a_part_is_not_a_heading(tmp_path):
    body = "".join([p("I. KẾT QUẢ", rpr="<w:b/>"),
                    p("Phần thứ nhất của báo cáo nêu kết quả đạt được."), p("Phần lớn chi bộ")])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert [t for _, _, t in outline(result.report)] == ["KẾT QUẢ"]
    assert len(result.report.sections[0].body) == 2


def test_official_layout_infers_nothing(tmp_path, seed):
    """hgreport's own export, in the official layout: everything is recognised where it
    belongs, nothing guessed, and the report says so."""
    result = import_file(export_docx(seed, tmp_path / "seed.docx"))
    assert result.summary.inferred == [] and result.summary.issues == []
    assert result.summary_lines()[-1] == NO_PROBLEMS
    assert result.summary_lines("en")[-1] == "No problems found."


def test_issuer_found_only_by_its_place_is_listed(tmp_path):
    body = "".join([p("TỈNH ỦY HẬU GIANG", rpr="<w:b/>"), p("BÁO CÁO", rpr="<w:b/>"),
                    p("Kết quả công tác năm 2023", rpr="<w:b/>"),
                    p("I. KẾT QUẢ", rpr="<w:b/>"), p("Nội dung.")])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert result.report.header.issuer == "TỈNH ỦY HẬU GIANG"
    inferred = result.summary.inferred_messages("vi")
    assert any("“TỈNH ỦY HẬU GIANG”" in m and "cơ quan ban hành" in m for m in inferred)
    assert any("“BÁO CÁO”" in m for m in inferred)
    assert NO_PROBLEMS not in result.summary_lines()


def test_cli_import_of_a_markdown_report_then_export(tmp_path, seed, capsys):
    from hgreport.cli import main
    from hgreport.storage import ReportStore

    src = title_heading_docx(seed, tmp_path / "bao-cao.docx")
    db = tmp_path / "bao-cao.db"
    assert main(["import", str(src), "-o", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Chương trình đã tự suy ra" in out and NO_PROBLEMS not in out
    with ReportStore.open(db) as store:
        report = store.load_report()
    assert report.header.summary == seed.header.summary
    assert_exports_type_once(report, tmp_path)
