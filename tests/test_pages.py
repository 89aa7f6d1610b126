"""The paginator: the report laid out on A4 pages by its format profile, checked on its own page
model (exact: every position is known), for the seed report in both shipped profiles and for
small reports built to put a break where it hurts."""

from __future__ import annotations

import shutil

import pytest

from hgreport.layout import TextLine, layout_plan
from hgreport.model import Closing, Footnote, Header, Paragraph, Report, Run, Section
from hgreport.pages import FontsMissing, Rule, Text, font_set, paginate
from hgreport.pages.fonts import shipped_font_dir
from hgreport.pages.page import CLOSING, HEADER, MM
from hgreport.resources import load_profile

PROFILES = ("hd36-2018", "nd30-2020")
EPS = 0.05
SENTENCE = ("Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện "
            "nghiêm túc chương trình công tác năm, bảo đảm tiến độ và chất lượng đề ra. ")


@pytest.fixture(scope="module")
def seed_pages():
    from _export_helpers import seed_report

    out = {}
    for profile in PROFILES:
        report = seed_report()
        report.profile = profile
        out[profile] = (report, paginate(report))
    return out


def body_texts(pages, page):
    """The text items of the page's body and footnotes (not its page number)."""
    return [i for i in page.items if isinstance(i, Text) and i.y > pages.text_top]


def check_invariants(report, pages) -> None:
    """What must hold on every page of every report."""
    numbers = report.footnote_numbers()
    started = {}
    for page in pages:
        for n in page.notes:
            assert n not in started, f"footnote {n} starts twice"
            started[n] = page.number
        assert set(page.refs) <= set(page.notes), (page.number, page.refs, page.notes)
        for item in page.items:
            if isinstance(item, Text):
                assert item.x >= pages.text_left - EPS, (page.number, item)
                assert item.x + item.width <= pages.text_right + EPS, (page.number, item)
                if item.y > pages.text_top:  # not the page number in the top margin
                    assert item.y <= pages.text_bottom + EPS, (page.number, item)
            else:
                assert pages.text_left - EPS <= min(item.x1, item.x2)
                assert max(item.x1, item.x2) <= pages.text_right + EPS
                assert pages.text_top - EPS <= item.y1 <= pages.text_bottom + EPS
        places = page.places
        for k, place in enumerate(places):
            if place.block == -1:  # a heading is never the last thing on its page
                assert k < len(places) - 1, (page.number, place)
    assert sorted(started) == sorted(set(numbers.values()))
    # no paragraph leaves a single line alone at the foot or the head of a page
    seen: dict[tuple[str, int], list[int]] = {}
    for page in pages:
        for place in page.places:
            if place.block >= 0 and place.section_id not in (HEADER, CLOSING):
                seen.setdefault((place.section_id, place.block), []).append(place.lines)
    for key, parts in seen.items():
        if len(parts) > 1:
            assert min(parts) >= 2, (key, parts)
    # the closing block is whole and on the page of the last line of the ending
    closing = [p for p in pages if p.first_place(CLOSING)]
    if report.ending.body and closing:
        assert len(closing) == 1
        last = len(report.ending.body) - 1
        assert closing[0].first_place(report.ending.id, last) is not None


@pytest.mark.parametrize("profile", PROFILES)
def test_every_footnote_sits_at_the_foot_of_the_page_of_its_reference(seed_pages, profile):
    report, pages = seed_pages[profile]
    assert 20 <= len(pages) <= 28
    check_invariants(report, pages)
    started = [n for page in pages for n in page.notes]
    assert started == list(range(1, 58))
    for page in pages:
        notes_top = min((i.y1 for i in page.items if isinstance(i, Rule)
                         and i.y1 > page.body_bottom), default=None)
        if page.notes or page.continued:
            assert notes_top is not None and notes_top >= page.body_bottom


@pytest.mark.parametrize("profile", PROFILES)
def test_page_one_carries_the_header_and_title_of_the_plan(seed_pages, profile):
    report, pages = seed_pages[profile]
    plan = layout_plan(report.header, report.closing, load_profile(profile))
    first = pages.text(pages[0])
    lines = [i for i in (*plan.header.left, *plan.header.right, *plan.title)
             if isinstance(i, TextLine) and i.text.strip()]
    assert len(lines) >= 6
    for line in lines:
        assert " ".join(line.text.split()) in " ".join(first.split()), line.text
    assert pages[0].first_place(HEADER) is not None
    assert all(p.first_place(HEADER) is None for p in pages.pages[1:])
    # the title block comes before the first words of the body
    assert first.index(report.header.type_name) < first.index("Năm 2023 là năm")


@pytest.mark.parametrize("profile", PROFILES)
def test_page_numbers_from_page_two_centred_at_the_top(seed_pages, profile):
    _, pages = seed_pages[profile]
    spec = load_profile(profile).page_number
    centre = (pages.text_left + pages.text_right) / 2
    assert [i for i in pages[0].items if isinstance(i, Text) and i.y < pages.text_top] == []
    for page in pages.pages[1:]:
        top = [i for i in page.items if isinstance(i, Text) and i.y < pages.text_top]
        assert [t.text for t in top] == [str(page.number)]
        assert abs(top[0].x + top[0].width / 2 - centre) < EPS
        assert top[0].size == spec.size_pt


def test_body_lines_are_justified_with_a_first_line_indent(seed_pages):
    report, pages = seed_pages["hd36-2018"]
    profile = load_profile("hd36-2018")
    place = pages[0].first_place(report.intro.id, 0)
    rows: dict[float, list[Text]] = {}
    for item in pages[0].items:
        if isinstance(item, Text) and place.top < item.y < place.bottom:
            rows.setdefault(item.y, []).append(item)
    ys = sorted(rows)
    assert len(ys) == place.lines >= 5
    pitch = {round(b - a, 3) for a, b in zip(ys, ys[1:], strict=False)}
    assert pitch == {profile.body.line_spacing_pt}  # exactly 18 pt
    starts = [min(t.x for t in rows[y]) for y in ys]
    ends = [max(t.x + t.width for t in rows[y]) for y in ys]
    assert abs(starts[0] - pages.text_left - profile.body.first_line_indent_mm * MM) < EPS
    assert all(abs(s - pages.text_left) < EPS for s in starts[1:])
    assert all(abs(e - pages.text_right) < EPS for e in ends[:-1])  # a straight right edge
    assert ends[-1] < pages.text_right - 20  # the last line is not stretched


def test_words_are_measured_with_the_font_file_that_draws_them(seed_pages):
    _, pages = seed_pages["hd36-2018"]
    fonts = pages.fonts
    for page in pages.pages[:3]:
        for item in page.items:
            if isinstance(item, Text):
                assert abs(fonts.width(item.text, item.style, item.size) - item.width) < 1e-6


# -- small reports that put a break where it hurts -----------------------------------------
def note(fid: str, text: str) -> Footnote:
    return Footnote(id=fid, body=[Paragraph([Run(text)])])


def filler_report(words: int, profile: str = "hd36-2018") -> Report:
    """Sections of various lengths after an introduction of ``words`` words: changing it
    moves every break of the pages that follow."""
    intro = " ".join((SENTENCE * 40).split()[:words])
    sections, notes = [], {}
    for i in range(1, 7):
        body = []
        for j in range(1 + i % 3):
            fid = f"n{i}{j}"
            notes[fid] = note(fid, SENTENCE * (1 + (i + j) % 4))
            body.append(Paragraph([Run(SENTENCE * (1 + (i * j) % 5)), Run.ref(fid),
                                   Run(" Kết quả đạt được.")]))
        sections.append(Section(id=f"s{i}", title=f"Nhiệm vụ trọng tâm số {i}", position=i,
                                body=body))
        sections.append(Section(id=f"s{i}c", title="Kết quả cụ thể", parent_id=f"s{i}",
                                position=1, body=[Paragraph([Run(SENTENCE * (i % 4 + 1))])]))
    return Report(
        header=Header(issuer="Tỉnh ủy Hậu Giang", issuer_code="TU", place="Hậu Giang",
                      year=2024, summary="Báo cáo thử"),
        closing=Closing(recipients=["Văn phòng Trung ương Đảng", "Lưu VPTU"],
                        authority="T/M Tỉnh ủy", position="Bí thư", signer="Nguyễn Văn A"),
        profile=profile,
        intro=Section(id="intro", kind="intro", body=[Paragraph([Run(intro)])]),
        ending=Section(id="ending", kind="ending",
                       body=[Paragraph([Run(SENTENCE * 2)]), Paragraph([Run(SENTENCE)])]),
        sections=sections, footnotes=notes)


@pytest.mark.parametrize("profile", PROFILES)
def test_breaks_keep_headings_paragraphs_and_the_closing_together(profile):
    """Forty reports whose page breaks fall everywhere: headings are never left at the foot
    of a page, no paragraph leaves one line alone, the closing stays whole with the last
    paragraph, every footnote is on the page of its reference."""
    counts = set()
    for words in range(10, 410, 10):
        report = filler_report(words, profile)
        pages = paginate(report)
        check_invariants(report, pages)
        counts.add(len(pages))
    assert len(counts) >= 2  # the sweep did move the breaks


def test_a_footnote_too_long_for_its_page_continues_on_the_next():
    report = filler_report(300)
    long_note = "Chú thích rất dài về kết quả thực hiện nghị quyết của Tỉnh ủy. " * 120
    report.footnotes["n10"] = note("n10", long_note)
    pages = paginate(report)
    check_invariants(report, pages)
    number = report.footnote_numbers()["n10"]
    where = [p.number for p in pages if number in p.refs]
    assert len(where) == 1
    ref_page = pages[where[0] - 1]
    assert number in ref_page.notes
    follow = pages[where[0]]
    assert number in follow.continued
    # a continued note sits under a separator across the whole text width
    separators = [i for i in follow.items if isinstance(i, Rule) and i.y1 > follow.body_bottom]
    assert abs(separators[0].x2 - separators[0].x1 - (pages.text_right - pages.text_left)) < EPS
    # read at the feet of the pages in turn, the note is whole: every line printed once
    feet = "".join(i.text for p in pages for i in sorted(
        (i for i in p.items if isinstance(i, Text) and i.y > p.body_bottom),
        key=lambda i: (i.y, i.x)))
    dense = "".join(feet.split())
    assert dense.count("".join(long_note.split())) == 1


def test_a_page_break_before_moves_the_heading_along(tmp_path):
    from _export_helpers import small_report

    report = small_report()
    pages = paginate(report)
    check_invariants(report, pages)
    page = pages.page_of("s4", 0)  # "Đề nghị Trung ương" starts a new page
    assert page.number == 2 and page.first_place("s4", -1) is not None
    keys = [(p.section_id, p.block) for p in page.places]
    assert keys.index(("s4", -1)) + 1 == keys.index(("s4", 0))
    # the headings kept with it (the empty section above it too) leave page 1 with it
    assert pages[0].first_place("s4", -1) is None


def test_an_empty_report_is_one_page_with_its_header():
    report = Report(header=Header(issuer="Tỉnh ủy Hậu Giang", year=2024))
    pages = paginate(report)
    assert len(pages) == 1
    assert "TỈNH ỦY HẬU GIANG" in pages.text(pages[0])


def test_a_word_longer_than_the_line_and_line_breaks_stay_inside_the_text():
    report = filler_report(20)
    report.intro.body = [Paragraph([Run("https://" + "hau-giang.gov.vn/" * 30)]),
                         Paragraph([Run("Dòng một\nDòng hai\tcó tab")])]
    pages = paginate(report)
    check_invariants(report, pages)
    text = pages.text(pages[0])
    assert "Dòng một\nDòng hai" in text


def test_an_unknown_block_prints_as_its_text():
    from hgreport.model import UnknownBlock

    report = filler_report(20)
    report.intro.body.append(UnknownBlock({"kind": "chart", "caption": {"t": "Biểu đồ tăng"}}))
    pages = paginate(report)
    assert "Biểu đồ tăng" in pages.text(pages[0])


# -- fonts ---------------------------------------------------------------------------------
def test_the_shipped_liberation_serif_stands_in_for_times_new_roman(tmp_path):
    fonts = font_set("Times New Roman", system_dirs=[tmp_path])
    assert fonts.used == "Liberation Serif" and fonts.substituted
    assert all(p.parent == shipped_font_dir() for p in fonts.files.values())
    licence = shipped_font_dir() / "LICENSE-LiberationSerif.txt"
    assert "SIL Open Font License" in licence.read_text(encoding="utf-8")
    # it draws every Vietnamese letter
    for ch in "ĐđẢảỘộỆệƠơƯưỮữỸỹẰằẪẫ“”–…":
        assert all(m.has(ch) for m in fonts.metrics.values()), ch


def test_an_installed_times_new_roman_is_used_first(tmp_path):
    for style, name in (("Regular", "times.ttf"), ("Bold", "timesbd.ttf"),
                        ("Italic", "timesi.ttf"), ("BoldItalic", "timesbi.ttf")):
        shutil.copy(shipped_font_dir() / f"LiberationSerif-{style}.ttf", tmp_path / name)
    fonts = font_set("Times New Roman", system_dirs=[tmp_path])
    assert fonts.used == "Times New Roman" and not fonts.substituted
    assert fonts.files["B"] == tmp_path / "timesbd.ttf"


def test_a_missing_shipped_font_falls_back_to_the_system_copy(tmp_path):
    system = tmp_path / "system"
    system.mkdir()
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(shipped_font_dir() / f"LiberationSerif-{style}.ttf", system)
    empty = tmp_path / "shipped"
    empty.mkdir()
    fonts = font_set("Times New Roman", system_dirs=[system], shipped_dir=empty)
    assert fonts.files["R"].parent == system


def test_no_usable_font_is_a_clear_message(tmp_path):
    with pytest.raises(FontsMissing) as missing:
        font_set("Times New Roman", system_dirs=[], shipped_dir=tmp_path)
    assert "LiberationSerif-Regular.ttf" in str(missing.value)
    assert "cài lại chương trình" in str(missing.value)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(shipped_font_dir() / f"LiberationSerif-{style}.ttf", damaged)
    (damaged / "LiberationSerif-Bold.ttf").write_bytes(b"not a font")
    with pytest.raises(FontsMissing) as broken:
        font_set("Times New Roman", system_dirs=[], shipped_dir=damaged)
    assert "LiberationSerif-Bold.ttf" in broken.value.message("en")
    assert broken.value.exit_code == 8
