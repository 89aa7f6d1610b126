"""The shipped report templates: the annual skeleton and the sample report load and are sound."""

from __future__ import annotations

import pytest

from hgreport.checks import find_problems
from hgreport.interchange import load_report_json
from hgreport.model import walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile, template_names, template_path


@pytest.fixture(scope="module")
def numbering() -> Numbering:
    return Numbering.from_profile(load_profile())


def _load(name: str):
    return load_report_json(template_path(name))


def _outline(report, numbering) -> list[tuple[str, str]]:
    return [(n.number, n.section.title) for n in walk_tree(report.tree(numbering))]


def _all_runs(report):
    for sec in report.all_sections():
        for p in sec.body:
            yield from p.runs
    for fn in report.footnotes.values():
        for p in fn.body:
            yield from p.runs


def test_both_templates_are_shipped():
    assert {"annual", "sample"} <= set(template_names())


@pytest.mark.parametrize("name", ["annual", "sample"])
def test_template_has_no_footnote_problems(name, numbering):
    report = _load(name)
    assert [p.message() for p in find_problems(report, numbering, content=False)] == []
    # a clerk opening the template sees no "empty section" warnings either
    assert [p.message() for p in find_problems(report, numbering)] == []


def test_annual_header_defaults():
    h = _load("annual").header
    assert h.issuer == "TỈNH ỦY …"
    assert (h.type_name, h.type_code, h.issuer_code) == ("BÁO CÁO", "BC", "TU")
    assert (h.day, h.month, h.year) == (None, None, 2026)
    assert h.number == ""
    assert h.draft_mark == "Dự thảo"
    assert h.summary == "kết quả thực hiện nhiệm vụ công tác năm 2026"


def test_annual_skeleton(numbering):
    report = _load("annual")
    outline = _outline(report, numbering)
    assert outline[0] == ("I.", "CÔNG TÁC XÂY DỰNG ĐẢNG")
    party = [t for num, t in outline[1:8]]
    assert [num for num, _ in outline[1:8]] == [f"{i}." for i in range(1, 8)]
    assert party[0] == "Công tác chính trị, tư tưởng và đạo đức"
    assert party[5] == "Công tác kiểm tra, giám sát, thi hành kỷ luật Đảng"
    assert party[6] == "Công tác nội chính và phòng, chống tham nhũng, tiêu cực"
    numbers = dict(outline)
    assert numbers["II."].startswith("KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI")
    assert ("3.1.", "Nhiệm vụ quốc phòng, an ninh") in outline
    assert ("3.2.", "Hoạt động đối ngoại") in outline
    assert numbers["III."] == "ĐÁNH GIÁ CHUNG"
    assert numbers["IV."] == "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027"
    # every leaf section carries one guidance sentence for the clerk to replace
    for node in walk_tree(report.tree(numbering)):
        if not node.children:
            assert len(node.section.body) == 1 and node.section.plain_text.startswith("Nêu")
    assert report.intro.plain_text
    assert report.ending.plain_text.startswith("Trên đây là báo cáo")
    assert "TODO" not in str(report)


def test_annual_closing():
    c = _load("annual").closing
    assert (c.authority, c.position) == ("T/M TỈNH ỦY", "BÍ THƯ")
    assert c.recipients[0] == "Văn phòng Trung ương Đảng,"
    assert c.recipients[-1] == "Lưu Văn phòng Tỉnh ủy."


def test_sample_uses_every_level(numbering):
    report = _load("sample")
    numbers = [num for num, _ in _outline(report, numbering)]
    for expected in ("I.", "1.", "1.1.", "a)"):
        assert expected in numbers
    assert numbers[:6] == ["I.", "1.", "1.1.", "1.2.", "a)", "b)"]


def test_sample_footnotes(numbering):
    report = _load("sample")
    assert len(report.footnotes) >= 5
    # every footnote referenced once, numbered 1..n in document order
    assert sorted(report.footnote_numbers().values()) == list(range(1, len(report.footnotes) + 1))
    assert any(len(fn.body) == 2 for fn in report.footnotes.values())
    with_title_note = [s for s in report.sections if s.title_notes]
    assert [s.title for s in with_title_note] == ["Công tác xây dựng Đảng"]
    assert with_title_note[0].title_notes[0] in report.footnotes
    assert report.intro.footnote_refs(), "the introduction references a footnote"
    # marks inside footnotes survive too
    fn_marks = {m for fn in report.footnotes.values() for p in fn.body for r in p.runs
                for m in r.marks}
    assert {"b", "i", "sup"} <= fn_marks


def test_sample_marks_and_header():
    report = _load("sample")
    marks = {m for r in _all_runs(report) for m in r.marks}
    assert {"b", "i", "u", "sup", "sub"} <= marks
    assert any(r.text == "2" and "sup" in r.marks for r in _all_runs(report))  # m²
    h = report.header
    assert h.draft_mark.startswith("Dự thảo")
    assert h.urgency == ""
    assert h.superior == "ĐẢNG BỘ TỈNH …"
    assert h.issuer.startswith("HUYỆN ỦY")
    assert h.issuer_code == "HU"
    c = report.closing
    assert (c.authority, c.position) == ("K/T BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    assert c.signer
    assert len(c.recipients) >= 3 and c.recipients[-1].startswith("Lưu ")
    assert report.ending.plain_text.startswith("Trên đây là báo cáo")


def test_sample_is_written_for_the_program():
    """Not the seed report's text."""
    import json
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "report-2023.json"
    if not seed.exists():
        pytest.skip("seed report not available")
    seed_text = json.dumps(json.loads(seed.read_text(encoding="utf-8")), ensure_ascii=False)
    report = _load("sample")
    for sec in report.all_sections():
        for p in sec.body:
            assert p.text not in seed_text
