"""The model as a user meets it: clean text, derived numbers, footnote order, counts."""

from __future__ import annotations

import dataclasses
import unicodedata

from hgreport.interchange import parse_inline, report_from_data, report_to_data
from hgreport.model import Footnote, Paragraph, Report, Run, Section, body_from_text
from hgreport.numbering import Numbering, alpha, roman
from hgreport.resources import load_profile
from hgreport.text import clean, count_words, fold, shorten

NUMBERING = Numbering.from_profile(load_profile())


def test_clean_normalises_to_nfc_and_drops_xml_invalid_characters():
    decomposed = unicodedata.normalize("NFD", "Đảng bộ tỉnh")
    assert decomposed != "Đảng bộ tỉnh"
    assert clean(decomposed) == "Đảng bộ tỉnh"
    assert clean("a\x00b\x07c\x1fd\ufffe") == "abcd"
    # Word's vertical tab is a line break; CRLF becomes one line break
    assert clean("dòng 1\x0bdòng 2\r\ndòng 3") == "dòng 1\ndòng 2\ndòng 3"


def test_form_feed_starts_a_new_page():
    body = body_from_text("Trang một\fTrang hai\ntiếp")
    assert [p.text for p in body] == ["Trang một", "Trang hai", "tiếp"]
    assert [p.page_break_before for p in body] == [False, True, False]


def test_text_entering_through_runs_and_titles_is_cleaned():
    run = Run.of("Ca\u0300 Mau\x01")
    assert run.text == "Cà Mau"
    assert Section(title="  I.\tCÔNG   TÁC \x02").title == "I. CÔNG TÁC"


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Công tác xây dựng Đảng") == "cong tac xay dung dang"
    assert fold("ĐỒNG CHÍ") == "dong chi"


def test_word_count_counts_words_not_punctuation():
    assert count_words("Tổng vốn 1.185.818 tỷ đồng - tăng 12,27%") == 7
    assert count_words("chủ nghĩa Mác-Lênin") == 3


def test_numbering_per_level_follows_the_profile():
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [alpha(n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert NUMBERING.format([2]) == "II."
    assert NUMBERING.format([2, 3]) == "3."
    assert NUMBERING.format([2, 3, 1]) == "3.1."
    assert NUMBERING.format([2, 3, 1, 2]) == "b)"
    levels = list(load_profile().headings.levels)
    levels[0] = dataclasses.replace(levels[0], suffix="-")
    assert Numbering(levels).format([3]) == "III-"


def _tree_report() -> Report:
    a = Section(title="A", position=1)
    b = Section(title="B", position=2)
    b1 = Section(title="B1", parent_id=b.id, position=1)
    b1x = Section(title="B1x", parent_id=b1.id, position=1)
    return Report(sections=[b1x, b, a, b1])


def test_numbers_are_derived_and_follow_a_move():
    report = _tree_report()
    nodes = report.tree(NUMBERING)
    assert [(n.number, n.section.title) for n in nodes] == [("I.", "A"), ("II.", "B")]
    assert nodes[1].children[0].number == "1."
    assert nodes[1].children[0].children[0].number == "1.1."
    # move B in front of A: numbers follow, nothing typed
    b = next(s for s in report.sections if s.title == "B")
    b.position = 0
    nodes = report.tree(NUMBERING)
    assert [(n.number, n.section.title) for n in nodes] == [("I.", "B"), ("II.", "A")]
    assert [s.title for s in report.ordered_sections()] == ["B", "B1", "B1x", "A"]


def test_footnote_numbers_follow_document_order_across_sections():
    ids = {}
    first = Section(title="Một", position=1,
                    body=[parse_inline("văn bản[^x] và[^y]", ids)])
    second = Section(title="Hai", position=2, body=[parse_inline("tiếp[^z]", ids)])
    report = Report(sections=[first, second],
                    footnotes={fid: Footnote(fid, [Paragraph.of(k)]) for k, fid in ids.items()})
    assert report.footnote_numbers() == {ids["x"]: 1, ids["y"]: 2, ids["z"]: 3}
    second.position = 0  # moving "Hai" first renumbers without touching the text
    assert report.footnote_numbers() == {ids["z"]: 1, ids["x"]: 2, ids["y"]: 3}
    # intro comes before every section, a title note before its section's body
    report.intro.body = [parse_inline("mở đầu[^w]", ids)]
    report.footnotes[ids["w"]] = Footnote(ids["w"], [Paragraph.of("w")])
    first.title_notes = [ids["y"]]
    first.body = [parse_inline("văn bản[^x]", ids)]
    assert report.footnote_numbers()[ids["w"]] == 1


def test_light_markup_gives_marks_and_references():
    ids: dict[str, str] = {}
    p = parse_inline("**đậm** *nghiêng* __gạch__ m^{2} H_{2}O[^a]", ids)
    marks = [(r.text, r.marks) for r in p.runs if not r.footnote]
    assert ("đậm", ("b",)) in marks and ("nghiêng", ("i",)) in marks
    assert ("gạch", ("u",)) in marks and ("2", ("sup",)) in marks
    assert p.runs[-1].footnote == ids["a"]


def test_interchange_round_trip_keeps_everything(seed_report):
    again = report_from_data(report_to_data(seed_report))
    assert len(again.sections) == 17
    assert [f.plain_text for _, f, _ in again.footnotes_in_order()] == \
        [f.plain_text for _, f, _ in seed_report.footnotes_in_order()]
    assert again.header == seed_report.header
    assert again.closing == seed_report.closing


def test_seed_report_loads_with_its_real_size(seed_report):
    assert len(seed_report.sections) == 17
    assert len(seed_report.footnotes) == 57
    assert sorted(seed_report.footnote_numbers().values()) == list(range(1, 58))
    assert seed_report.header.draft_mark == "Dự thảo"
    assert seed_report.header.day is None and seed_report.header.year == 2023
    assert seed_report.word_count() > 8000
    crops = [f for f in seed_report.footnotes.values() if len(f.body) == 3]
    assert len(crops) == 2


def test_shorten_quotes_a_paragraph_on_one_line_and_cuts_it_with_an_ellipsis():
    assert shorten("Công tác\n  xây dựng\tĐảng", 40) == "Công tác xây dựng Đảng"
    cut = shorten("Công tác xây dựng Đảng và hệ thống chính trị", 20)
    assert cut == "Công tác xây dựng Đ…" and len(cut) == 20
