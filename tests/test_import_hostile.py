"""Hostile and damaged Word files (issue 16): each class of failure the fuzzers found, with a
small hand-made file, plus a seeded mini-fuzz. Whatever the file holds, the import either
gives a report whose footnote references are sound and says what it changed or cut, or
refuses the file with its own message — never a traceback, never a hang."""

from __future__ import annotations

import io
import random
import threading
import zipfile

import pytest
from _export_helpers import small_report
from _import_helpers import make_docx, note, note_ref, p, r

from hgreport.cli import main
from hgreport.export import export_docx
from hgreport.export.filenames import safe_stem, suggested_filename
from hgreport.importer import MAX_LISTED, ImportRefused, import_docx, wordml

SUP = '<w:vertAlign w:val="superscript"/>'


def import_within(path, seconds: float = 60):
    """The import of ``path`` (or the error it raised), failing the test if it runs longer
    than ``seconds``: a hang must not hang the test run too."""
    out: list = []

    def work():
        try:
            out.append(import_docx(path))
        except BaseException as exc:  # handed to the test below
            out.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"import of {path.name} still running after {seconds} s"
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


def note_texts(report) -> list[str]:
    return [fn.plain_text for _, fn, _ in report.footnotes_in_order()]


def assert_sound(report) -> None:
    """The footnote invariant after an import: no reference without its text, no text
    referenced twice (unreferenced texts are allowed: they are named in the import report)."""
    found = report.check_references()
    assert found.missing == [] and found.duplicates == []


def problems(result, lang: str = "en") -> str:
    return "\n".join(result.summary.problem_messages(lang))


# -- footnotes: one referenced twice, two under one id (issue 16 item 8) ----------------------
def test_a_footnote_referenced_twice_gets_its_own_copy_and_check_passes(tmp_path, capsys):
    body = (p("I. MỞ ĐẦU") + f"<w:p>{r('Theo Nghị quyết')}{note_ref(1)}{r(' và Kết luận')}"
            f"{note_ref(1)}{r('.')}</w:p>")
    path = make_docx(tmp_path / "twice.docx", body,
                     footnotes=note(1, r("Nghị quyết số 15-NQ/TU.")))
    result = import_within(path)
    assert not result.report.check_references()
    assert note_texts(result.report) == ["Nghị quyết số 15-NQ/TU."] * 2
    refs = result.report.sections[0].body[0].footnote_refs()
    assert len(refs) == 2 and refs[0] != refs[1]
    assert "referenced 2 times" in problems(result) and "own copy" in problems(result)
    assert "2 lần" in problems(result, "vi")
    # the same file through the command line: imported, then `check` finds nothing
    db = tmp_path / "twice.db"
    assert main(["import", str(path), "-o", str(db)]) == 0
    assert "2 lần" in capsys.readouterr().out
    assert main(["check", str(db)]) == 0


def test_two_footnotes_under_one_id_keep_both_texts(tmp_path):
    notes = note(1, r("Văn bản thứ nhất.")) + note(1, r("Văn bản thứ hai."))
    once = p("I. MỞ ĐẦU") + f"<w:p>{r('Câu có chú thích')}{note_ref(1)}{r('.')}</w:p>"
    result = import_within(make_docx(tmp_path / "once.docx", once, footnotes=notes))
    assert not result.report.check_references()
    # the second text follows the first reference, as its own footnote
    assert note_texts(result.report) == ["Văn bản thứ nhất.", "Văn bản thứ hai."]
    para = result.report.sections[0].body[0]
    assert [bool(x.footnote) for x in para.runs] == [False, True, True, False]
    assert "2 different footnotes under one id, 1" in problems(result)
    assert "cùng số hiệu 1" in problems(result, "vi")

    twice = (p("I. MỞ ĐẦU") + f"<w:p>{r('Một')}{note_ref(1)}</w:p>"
             f"<w:p>{r('Hai')}{note_ref(1)}</w:p>")
    result = import_within(make_docx(tmp_path / "twice.docx", twice, footnotes=notes))
    assert not result.report.check_references()
    assert note_texts(result.report) == ["Văn bản thứ nhất.", "Văn bản thứ hai."]
    assert [len(para.footnote_refs()) for para in result.report.sections[0].body] == [1, 1]
    assert "own copy" not in problems(result)


def test_the_same_footnote_written_twice_under_one_id_is_kept_once(tmp_path):
    notes = note(4, r("Cùng một nội dung.")) * 2
    body = p("I. MỞ ĐẦU") + f"<w:p>{r('Câu')}{note_ref(4)}</w:p>"
    result = import_within(make_docx(tmp_path / "same.docx", body, footnotes=notes))
    assert not result.report.check_references()
    assert note_texts(result.report) == ["Cùng một nội dung."]
    assert "2 identical footnotes under one id, 4" in problems(result)


def test_a_reference_inside_a_footnote_is_skipped_and_said(tmp_path):
    notes = note(1, r("Chú thích một.")) + note(2, r("Xem thêm") + note_ref(1) + r("."))
    body = p("I. MỞ ĐẦU") + f"<w:p>{r('Câu')}{note_ref(2)}</w:p>"
    result = import_within(make_docx(tmp_path / "nested.docx", body, footnotes=notes))
    assert_sound(result.report)
    for fn in result.report.footnotes.values():
        assert all(not run.footnote for para in fn.body for run in para.runs)
    assert note_texts(result.report) == ["Xem thêm."]
    text = problems(result)
    assert "1 footnote references inside another footnote were skipped" in text
    assert "“Chú thích một.” is in the file but has no reference" in text


# -- numbers and sizes taken from the file are bounded ----------------------------------------
def test_levels_written_in_other_digits_are_ignored_not_a_crash(tmp_path):
    """"²" and "٣" are digits to Python's isdigit(), but int("²") fails: the whole file used
    to be refused as damaged."""
    styles = ('<w:style w:type="paragraph" w:styleId="Odd"><w:name w:val="Odd"/><w:pPr>'
              '<w:outlineLvl w:val="²"/></w:pPr></w:style>')
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = (p("I. MỞ ĐẦU") + p("Kiểu lạ", style="Odd")
            + p("Cấp lạ", ppr='<w:outlineLvl w:val="٣"/>')
            + p("danh sách", ppr='<w:numPr><w:ilvl w:val="²"/><w:numId w:val="1"/></w:numPr>'))
    result = import_within(make_docx(tmp_path / "digits.docx", body, styles=styles,
                                     numbering=numbering))
    assert [s.title for s in result.report.sections] == ["MỞ ĐẦU"]
    assert [x.text for x in result.report.sections[0].body] == [
        "Kiểu lạ", "Cấp lạ", "1. danh sách"]


def test_a_list_label_is_not_copied_into_every_paragraph_at_any_length(tmp_path):
    """A 100,000-character list label, and a list with thousands of levels: each item of the
    list would carry the whole label."""
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
                     '</w:lvl>' for i in range(1, 3000))
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1.{"x" * 100_000}"/></w:lvl>'
                 f'{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 '</w:num>')
    item = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = p("I. MỞ ĐẦU") + "".join(p(f"mục {i}", ppr=item) for i in range(300))
    result = import_within(make_docx(tmp_path / "label.docx", body, numbering=numbering))
    texts = [x.text for x in result.report.sections[0].body]
    assert len(texts) == 300 and texts[0].startswith("1.x") and texts[-1].endswith("mục 299")
    assert max(len(t) for t in texts) <= wordml.MAX_LABEL + 10


def test_a_date_that_cannot_be_is_left_as_an_unrecognised_line(tmp_path):
    header = (p("TỈNH ỦY HẬU GIANG") + p("Số 12-BC/TU") + p("Hậu Giang, ngày 45 tháng 13 năm 0000")
              + p("BÁO CÁO") + p("Tổng kết") + p("-----"))
    result = import_within(make_docx(tmp_path / "date.docx", header + p("I. MỞ ĐẦU")))
    h = result.report.header
    assert (h.day, h.month, h.year) != (45, 13, 0) and "place_date" not in result.summary.header_fields
    assert "“Hậu Giang, ngày 45 tháng 13 năm 0000” was not recognised" in problems(result)


def _nested_tables(depth: int, inner: str) -> str:
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    return inner


def _text_box(inner: str) -> str:
    return (f'<w:r><w:drawing><wp:anchor xmlns:wp="urn:wp"><w:txbxContent>{inner}'
            '</w:txbxContent></wp:anchor></w:drawing></w:r>')


def test_tables_and_text_boxes_nested_too_deep_are_left_out_and_said(tmp_path):
    deep = _nested_tables(wordml.MAX_NESTING + 10, p("Đáy bảng"))
    boxed = p("Đáy khung")
    for _ in range(wordml.MAX_NESTING + 5):
        boxed = f"<w:p>{r('khung')}{_text_box(boxed)}</w:p>"
    body = (p("I. MỞ ĐẦU") + _nested_tables(3, p("Bảng nông")) + deep + boxed
            + p("Sau bảng."))
    result = import_within(make_docx(tmp_path / "deep.docx", body))
    texts = [x.text for x in result.report.sections[0].body]
    assert "Bảng nông" in texts and texts[-1] == "Sau bảng." and "khung" in texts
    assert "Đáy bảng" not in texts and "Đáy khung" not in texts
    assert (f"2 pieces of content nested too deep (tables in tables, text boxes in text boxes… "
            f"more than {wordml.MAX_NESTING} levels)") in problems(result)


def test_nesting_past_what_the_xml_parser_takes_is_a_damaged_file(tmp_path):
    links = "<w:hyperlink>" * 300 + r("sâu") + "</w:hyperlink>" * 300
    path = make_docx(tmp_path / "links.docx", p("I. MỞ ĐẦU") + f"<w:p>{links}</w:p>")
    with pytest.raises(ImportRefused) as info:
        import_within(path)
    assert "bị hỏng" in str(info.value)
    # within the parser's depth, 200 nested fields are read up to the bound and said
    links = "<w:hyperlink>" * 200 + r("sâu") + "</w:hyperlink>" * 200
    result = import_within(make_docx(tmp_path / "links2.docx",
                                     p("I. MỞ ĐẦU") + f"<w:p>{r('nông')}{links}</w:p>"))
    assert result.report.sections[0].body[0].text == "nông"
    assert "nested too deep" in problems(result)


def test_a_body_of_too_many_paragraphs_is_cut_where_the_report_says(tmp_path, monkeypatch):
    monkeypatch.setattr(wordml, "MAX_PARAGRAPHS", 50)
    body = p("I. MỞ ĐẦU") + "".join(p(f"Đoạn {i}") for i in range(80))
    result = import_within(make_docx(tmp_path / "long.docx", body))
    texts = [x.text for x in result.report.sections[0].body]
    assert texts == [f"Đoạn {i}" for i in range(49)]
    first = result.summary.problem_messages("en")[0]
    assert "more than 50 paragraphs" in first and "“Đoạn 49” onwards was not imported" in first


def test_a_body_of_too_many_runs_is_cut_where_the_report_says(tmp_path, monkeypatch):
    """Runs that alternate bold and plain cannot be merged while reading: each costs time."""
    monkeypatch.setattr(wordml, "MAX_RUNS", 30)
    runs = "".join(r(f"chữ{i} ", "<w:b/>" if i % 2 else "") for i in range(40))
    body = p("I. MỞ ĐẦU") + f"<w:p>{runs}</w:p>" + p("Đoạn sau")
    result = import_within(make_docx(tmp_path / "runs.docx", body))
    texts = [x.text for x in result.report.sections[0].body]
    assert texts == ["".join(f"chữ{i} " for i in range(29)).strip()]
    first = result.summary.problem_messages("en")[0]
    assert "more than 30 runs of text" in first and "“chữ29” onwards" in first
    assert "30 đoạn chữ định dạng" in result.summary.problem_messages("vi")[0]


def test_too_many_footnotes_are_cut_and_their_references_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(wordml, "MAX_NOTES", 5)
    body = p("I. MỞ ĐẦU") + "".join(f"<w:p>{r(f'Câu {i}')}{note_ref(i)}</w:p>"
                                    for i in range(1, 9))
    notes = "".join(note(i, r(f"Chú thích {i}.")) for i in range(1, 9))
    result = import_within(make_docx(tmp_path / "notes.docx", body, footnotes=notes))
    assert not result.report.check_references()
    assert note_texts(result.report) == [f"Chú thích {i}." for i in range(1, 6)]
    text = problems(result)
    assert "the last 3 were not imported" in text and "do not contain" not in text


def test_a_footnote_referenced_thousands_of_times_is_copied_within_a_budget(tmp_path,
                                                                            monkeypatch):
    monkeypatch.setattr(wordml, "MAX_COPIED_CHARS", 100)
    body = p("I. MỞ ĐẦU") + f"<w:p>{(r('x') + note_ref(1)) * 1000}</w:p>"
    text = "Ba mươi ký tự đúng bằng chừng."
    assert len(text) == 30
    result = import_within(make_docx(tmp_path / "many.docx", body,
                                     footnotes=note(1, r(text))))
    assert not result.report.check_references()
    assert note_texts(result.report) == [text] * 4  # the note and 3 copies: 90 characters
    assert "996 repeated references to one footnote were dropped" in problems(result)


def test_thousands_of_superscript_numbers_are_listed_briefly_and_quickly(tmp_path):
    """Each superscript number looked back over the whole paragraph (20 s for this file), and
    every one was a line of the import report."""
    runs = "".join(r(f"văn bản {i} ") + r("12", SUP) for i in range(10_000))
    result = import_within(make_docx(tmp_path / "sup.docx", p("I. MỞ ĐẦU") + f"<w:p>{runs}</w:p>"))
    assert len(result.summary.issues) == MAX_LISTED + 1
    assert "… and 9980 more like these." in problems(result)


def test_entity_expansion_is_not_performed(tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 12))
    xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "hahahahahahahahahahahahahaha">'
           f'{entities}]><w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>I. MỞ ĐẦU &e11;</w:t></w:r></w:p>'
           '</w:body></w:document>')
    path = make_docx(tmp_path / "lol.docx", "", document_xml=xml.encode())
    try:
        report = import_within(path).report
    except ImportRefused as exc:
        assert "bị hỏng" in str(exc)
        return
    assert "haha" not in " ".join(s.title + s.plain_text for s in report.all_sections())


@pytest.mark.parametrize("bad", ["&#1;", "&#xFFFE;", "&#xD800;", "\x0b"],
                         ids=["control", "fffe", "surrogate", "raw-vertical-tab"])
def test_characters_xml_forbids_make_a_damaged_file(tmp_path, bad):
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
           'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>I. MỞ ĐẦU'
           f'{bad}</w:t></w:r></w:p></w:body></w:document>')
    path = make_docx(tmp_path / "chars.docx", "", document_xml=xml.encode())
    with pytest.raises(ImportRefused) as info:
        import_within(path)
    assert "word/document.xml" in str(info.value)


# -- the last safety net -------------------------------------------------------------------------
def test_an_unforeseen_failure_is_still_the_damaged_file_message(tmp_path, monkeypatch, capsys):
    """Whatever a file does that no rule foresaw ends as the importer's own message (the
    cause kept for a developer), not as a traceback; running out of memory as "too large"."""
    import hgreport.importer as importer

    path = make_docx(tmp_path / "odd.docx", p("I. MỞ ĐẦU"))

    def broken(blocks):
        raise IndexError("list index out of range")

    monkeypatch.setattr(importer, "build_report", broken)
    with pytest.raises(ImportRefused) as info:
        import_docx(path)
    assert "bị hỏng" in str(info.value) and "IndexError" in str(info.value)
    assert isinstance(info.value.__cause__, IndexError)
    assert main(["import", str(path), "-o", str(tmp_path / "odd.db")]) == 3
    assert "Traceback" not in capsys.readouterr().err

    def hungry(blocks):
        raise MemoryError

    monkeypatch.setattr(importer, "build_report", hungry)
    with pytest.raises(ImportRefused) as info:
        import_docx(path)
    assert info.value.exit_code == 10 and "not enough memory" in info.value.message("en")


# -- a seeded mini-fuzz -------------------------------------------------------------------------
def _zip_structure(data: bytes) -> list[tuple[int, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        ranges = [(i.header_offset, i.header_offset + 30 + len(i.filename.encode()))
                  for i in zf.infolist()]
        ranges.append((zf.start_dir, len(data)))
    return ranges


def test_byte_flipped_copies_of_a_report_import_or_are_refused(tmp_path):
    """60 deterministic damaged copies of a small exported report (one to three bytes flipped,
    two thirds of them in the zip's headers, where the surprising failures are)."""
    source = export_docx(small_report(), tmp_path / "small.docx").read_bytes()
    spots = [i for a, b in _zip_structure(source) for i in range(a, b)]
    rng = random.Random(14)  # 0.1.0 gave NotImplementedError ("zip file version") in 2 cases
    outcomes = {"imported": 0, "refused": 0}
    for case in range(60):
        data = bytearray(source)
        for _ in range(rng.randint(1, 3)):
            at = rng.choice(spots) if case % 3 else rng.randrange(len(data))
            data[at] ^= rng.randrange(1, 256)
        path = tmp_path / f"flip-{case}.docx"
        path.write_bytes(bytes(data))
        try:
            result = import_within(path, 20)
        except ImportRefused as exc:
            assert exc.__cause__ is None, f"case {case}: {exc.__cause__!r}"
            assert exc.message("en") and exc.exit_code in (3, 10)
            outcomes["refused"] += 1
            continue
        assert_sound(result.report)
        result.summary_lines("en")
        outcomes["imported"] += 1
    assert outcomes["imported"] and outcomes["refused"]


# -- the name of the exported file hides nothing -------------------------------------------------
@pytest.mark.parametrize("title, expected", [
    ("Báo cáo\u202excod.exe", "Báo cáoxcod.exe"),  # right-to-left override
    ("\u2067Báo cáo\u2069 năm 2023", "Báo cáo năm 2023"),  # bidi isolates
    ("Kết\u200b quả\ufeff\u00ad", "Kết quả"),  # zero width space, BOM, soft hyphen
    (".bashrc", "bashrc"),
    ("~$Báo cáo", "Báo cáo"),
    ("~$.~$..\u202e", "Báo cáo"),
    ("  . ~$ Tờ trình", "Tờ trình"),
    ("Nghị quyết Đại hội", "Nghị quyết Đại hội"),  # Vietnamese marks are kept
])
def test_safe_stem_strips_format_characters_and_leading_dots(title, expected):
    assert safe_stem(title) == expected


def test_a_hostile_summary_cannot_disguise_the_exported_name(tmp_path):
    header = (p("BÁO CÁO", rpr="<w:b/>", ppr='<w:jc w:val="center"/>')
              + p("\u202ecod.exe tổng kết", rpr="<w:b/>", ppr='<w:jc w:val="center"/>')
              + p("-----"))
    result = import_within(make_docx(tmp_path / "bidi.docx", header + p("I. MỞ ĐẦU")))
    name = suggested_filename(result.report)
    assert name.endswith(".docx")
    assert not any(ch in name for ch in "\u202e\u202d\u2066\u2067\u2068\u2069")
