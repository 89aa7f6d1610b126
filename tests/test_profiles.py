"""Format profiles: both shipped profiles load typed; a damaged profile is refused with the key to
fix; the State profile (NĐ 30) exports its own header, title and closing; the profile is chosen
on the command line and followed by info and export."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import docx
import pytest
from _export_helpers import NS, W, body_paragraph_texts, find_paragraph, run_flags, small_report

from hgreport.cli import main
from hgreport.errors import ReportError, UnknownProfile
from hgreport.export import export_docx
from hgreport.layout import (
    BlankLine,
    NoSuchProfile,
    Profile,
    ProfileBadValue,
    ProfileError,
    ProfileMissingKey,
    ProfileUnknownKey,
    ProfileUnreadable,
    RuleLine,
    TextLine,
    closing_plan,
    header_plan,
    read_profile,
    title_plan,
)
from hgreport.model import Header
from hgreport.numbering import Numbering
from hgreport.resources import (
    document_type_names,
    load_profile,
    profile_ids,
    resource_path,
)

SHIPPED = resource_path("profiles", "hd36-2018.json")


# -- typed loading ------------------------------------------------------------------------------
def test_both_shipped_profiles_load_typed():
    assert set(profile_ids()) >= {"hd36-2018", "nd30-2020"}
    party, state = load_profile("hd36-2018"), load_profile("nd30-2020")
    assert isinstance(party, Profile) and isinstance(state, Profile)
    assert load_profile() is party  # the default, read once and shared
    assert party.page.text_width_mm == state.page.text_width_mm == 165
    assert [line.text for line in party.header.right][0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert [line.text for line in state.header.right][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    heading = state.closing.recipients_heading
    assert (heading.size_pt, heading.bold, heading.italic, heading.underline) == (12, True, True,
                                                                                 False)
    assert state.closing.recipients.size_pt == 11
    assert (state.closing.recipients.line_end, state.closing.recipients.last_line_end) == (";",
                                                                                        ".")
    assert Numbering.from_profile(state).format([1, 2, 3]) == "c)"
    assert Numbering.from_profile(party).format([1, 2, 3]) == "2.3."


def test_document_types_come_from_the_profile_with_their_codes():
    party, state = load_profile("hd36-2018"), load_profile("nd30-2020")
    assert party.code_of("BÁO CÁO") == state.code_of("báo cáo") == "BC"
    assert (party.code_of("QUY ĐỊNH"), state.code_of("QUY ĐỊNH")) == ("QĐ", "QyĐ")
    assert party.code_of("THÔNG TRI") == "TT" and state.code_of("THÔNG TRI") is None
    names = document_type_names()  # what the importer recognises: every profile's names
    assert {"BÁO CÁO", "KẾT LUẬN", "THÔNG TRI", "THÔNG CÁO", "CÔNG ĐIỆN"} <= set(names)
    assert len(names) == len(set(names))


def test_unknown_profile_id_lists_the_ids():
    with pytest.raises(NoSuchProfile) as info:
        load_profile("nd31")
    assert isinstance(info.value, UnknownProfile) and info.value.exit_code == 2
    assert "hd36-2018, nd30-2020" in info.value.message("vi")
    assert "nd31" in info.value.message("en") and "available" in info.value.message("en")


# -- damaged profiles ---------------------------------------------------------------------------
def _write(tmp_path: Path, edit, name: str = "hd36-2018") -> Path:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _rename(d: dict, old: str, new: str) -> None:
    d[new] = d.pop(old)


@pytest.mark.parametrize("edit, error, key", [
    (lambda p: p["page"].pop("margin_left_mm"), ProfileMissingKey, "page.margin_left_mm"),
    (lambda p: p["header"]["left"][2].pop("size_pt"), ProfileMissingKey,
     "header.left[2].size_pt"),
    (lambda p: _rename(p["header"]["left"][2], "size_pt", "sizept"), ProfileUnknownKey,
     "header.left[2].sizept"),
    (lambda p: p["body"].update(line_spacing_pts=18), ProfileUnknownKey,
     "body.line_spacing_pts"),
    (lambda p: p["header"]["left"][2].update(size_pt="14"), ProfileBadValue,
     "header.left[2].size_pt"),
    (lambda p: p["header"]["left"][2].update(size_pt=0), ProfileBadValue,
     "header.left[2].size_pt"),
    (lambda p: p["title"]["lines"][0].update(bold="yes"), ProfileBadValue,
     "title.lines[0].bold"),
    (lambda p: p["body"].update(align="middle"), ProfileBadValue, "body.align"),
    (lambda p: p["headings"]["levels"][1].update(style="roman"), ProfileBadValue,
     "headings.levels[1].style"),
    (lambda p: p["header"]["left"][3].update(text="Số {numbr}-{type_code}"), ProfileBadValue,
     "header.left[3].text"),
    (lambda p: p["closing"]["signature"][2].update(text="{signer}"), ProfileBadValue,
     "closing.signature[2].text"),
    (lambda p: p["header"].update(right_mm=120), ProfileBadValue, "header.right_mm"),
    (lambda p: p["font"].update(color="black"), ProfileBadValue, "font.color"),
    (lambda p: p.update(format_version=1), ProfileBadValue, "format_version"),
    (lambda p: p.update(document_types=[]), ProfileBadValue, "document_types"),
    (lambda p: p["body"].pop("line_spacing_pt"), ProfileBadValue, "body.line_spacing_pt"),
    (lambda p: p.update(page="A4"), ProfileBadValue, "page"),
])
def test_a_damaged_profile_names_the_file_and_the_key(tmp_path, edit, error, key):
    path = _write(tmp_path, edit)
    with pytest.raises(error) as info:
        read_profile(path, "hd36-2018")
    exc = info.value
    assert isinstance(exc, ProfileError) and isinstance(exc, ReportError)
    assert exc.exit_code == 8
    for lang in ("vi", "en"):
        text = exc.message(lang)
        assert f"“{key}”" in text and str(path) in text
    assert exc.message("vi").startswith("Mẫu trình bày") or "mẫu trình bày" in exc.message("vi")


def test_the_message_says_what_a_value_must_be(tmp_path):
    path = _write(tmp_path, lambda p: p["header"]["left"][2].update(size_pt=0))
    with pytest.raises(ProfileBadValue) as info:
        read_profile(path)
    assert "từ 4 đến 72" in info.value.message("vi")
    assert "a number from 4 to 72, not 0" in info.value.message("en")


def test_notes_keys_are_allowed_anywhere(tmp_path):
    def notes(p):
        p["_anything"] = {"free": "text"}
        p["header"]["left"][0]["_why"] = "R"
        p["closing"]["recipients"]["_"] = 1

    profile = read_profile(_write(tmp_path, notes), "hd36-2018")
    assert profile == load_profile("hd36-2018")


def test_a_profile_file_that_is_not_json_or_misnamed(tmp_path):
    bad = tmp_path / "hd36-2018.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ProfileUnreadable) as info:
        read_profile(bad)
    assert str(bad) in info.value.message("en")
    other = _write(tmp_path, lambda p: None, name="other")
    with pytest.raises(ProfileBadValue) as info:
        read_profile(other, "other")
    assert "“id”" in info.value.message("en")


# -- the layout plan ----------------------------------------------------------------------------
def _texts(items) -> list[str]:
    return [i.text for i in items if isinstance(i, TextLine)]


def test_state_header_plan_has_its_rules_and_numbers():
    state = load_profile("nd30-2020")
    plan = header_plan(Header(issuer="Sở Nội vụ", superior="UBND tỉnh Hậu Giang", number="5",
                              type_code="BC", issuer_code="SNV", place="Hậu Giang", day=5,
                              month=2, year=2024), state)
    assert _texts(plan.left) == ["UBND TỈNH HẬU GIANG", "SỞ NỘI VỤ", "Số: 05/BC-SNV"]
    assert isinstance(plan.left[2], RuleLine)  # under the issuer, a share of its length
    assert plan.left[2].length_mm < 0.5 * plan.left_mm
    assert _texts(plan.right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                  "Độc lập - Tự do - Hạnh phúc",
                                  "Hậu Giang, ngày 05 tháng 02 năm 2024"]
    motto_rule = plan.right[2]
    assert isinstance(motto_rule, RuleLine) and 55 < motto_rule.length_mm < 65
    title = title_plan(Header(type_name="Báo cáo", summary="Kết quả công tác"), state)
    assert _texts(title) == ["BÁO CÁO", "Kết quả công tác"]
    assert isinstance(title[-1], RuleLine)  # a solid rule, not "-----"


def test_party_header_plan_keeps_its_own_lines():
    party = load_profile("hd36-2018")
    plan = header_plan(Header(issuer="", number="5", type_code="BC", issuer_code="TU"), party)
    assert isinstance(plan.left[0], BlankLine)  # the issuer's place is kept when it is empty
    assert _texts(plan.left) == ["*", "Số 5-BC/TU"]  # no superior line, no leading zero
    assert _texts(title_plan(Header(type_name="", summary=""), party)) == ["-----"]


def test_closing_plan_is_empty_without_recipients_or_signature():
    party = load_profile()
    report = small_report()
    assert closing_plan(dataclasses.replace(report.closing, recipients=[], authority="",
                                            position="", signer=""), party) is None
    only_signer = closing_plan(dataclasses.replace(report.closing, recipients=[],
                                                   authority="", position=""), party)
    assert _texts(only_signer.right) == ["Nguyễn Văn A"]


# -- the State layout in Word -------------------------------------------------------------------
@pytest.fixture(scope="module")
def nd30_seed(tmp_path_factory):
    from _export_helpers import seed_report

    report = seed_report()
    report.profile = "nd30-2020"
    return export_docx(report, tmp_path_factory.mktemp("nd30") / "seed.docx")


def test_state_export_of_the_seed_has_the_state_header(nd30_seed):
    texts = body_paragraph_texts(nd30_seed)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in texts and "*" not in texts and "-----" not in texts
    number = [t for t in texts if t.startswith("Số")]
    assert len(number) == 1 and re.fullmatch(r"Số: \s+/BC-TU", number[0])
    assert run_flags(find_paragraph(nd30_seed, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) == {
        "b": True, "i": False, "u": False, "size": 13}
    assert run_flags(find_paragraph(nd30_seed, "Độc lập - Tự do - Hạnh phúc"))["size"] == 14
    header = docx.Document(str(nd30_seed)).tables[0]
    right = header.rows[0].cells[1].paragraphs
    motto = [p.text for p in right].index("Độc lập - Tự do - Hạnh phúc")
    border = right[motto + 1]._p.find("w:pPr/w:pBdr/w:bottom", NS)
    assert border is not None and border.get(f"{W}val") == "single"


def test_state_export_of_the_seed_has_the_state_closing(nd30_seed):
    closing = docx.Document(str(nd30_seed)).tables[-1].rows[0].cells
    left = closing[0].paragraphs
    assert left[0].text == "Nơi nhận:"
    assert run_flags(left[0]._p) == {"b": True, "i": True, "u": False, "size": 12}
    recipients = left[1:]
    assert len(recipients) >= 3
    assert all(run_flags(p._p)["size"] == 11 for p in recipients)
    assert all(p.text.startswith("- ") and p.text.endswith(";") for p in recipients[:-1])
    assert recipients[-1].text.endswith(".")
    right = [p.text for p in closing[1].paragraphs]
    assert right[:2] == ["T/M TỈNH ỦY", "BÍ THƯ"]
    assert run_flags(closing[1].paragraphs[1]._p)["b"] is True  # the position is bold here


def test_state_export_styles_follow_the_profile(nd30_seed):
    document = docx.Document(str(nd30_seed))
    assert document.styles["Heading 3"].font.italic  # "a)" level of the State profile
    texts = body_paragraph_texts(nd30_seed)
    assert "a) " + "Công tác tuyên giáo" not in texts  # still numbered from the tree
    assert any(re.match(r"^[a-z]\) ", t) for t in texts)


# -- the command line -------------------------------------------------------------------------
def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_new_with_a_profile_then_info_and_export_follow_it(capsys, tmp_path):
    db = tmp_path / "so.db"
    code, out, _ = run(capsys, "new", str(db), "--profile", "nd30-2020")
    assert code == 0
    code, out, _ = run(capsys, "info", str(db), "--json")
    assert code == 0 and json.loads(out)["profile"] == "nd30-2020"
    code, out, _ = run(capsys, "export", str(db), "-o", str(tmp_path / "so.docx"))
    assert code == 0
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body_paragraph_texts(tmp_path / "so.docx")


def test_new_without_a_profile_is_a_party_report(capsys, tmp_path):
    db = tmp_path / "bc.db"
    assert run(capsys, "new", str(db))[0] == 0
    assert json.loads(run(capsys, "info", str(db), "--json")[1])["profile"] == "hd36-2018"


def test_new_with_an_unknown_profile_lists_the_ids(capsys, tmp_path):
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "new", str(db), "--profile", "nd31")
    assert code == 2 and "Traceback" not in err
    assert "nd31" in err and "hd36-2018" in err and "nd30-2020" in err
    assert not db.exists()
    code, _, err = run(capsys, "--lang", "en", "new", str(db), "--profile", "nd31")
    assert "The profiles available: hd36-2018, nd30-2020" in err


# -- the State layout as LibreOffice prints it ---------------------------------------------------
def _dense(text: str) -> str:
    """``text`` without white space (pdftotext's spacing varies with its version and fonts)."""
    return "".join(text.split())


@pytest.mark.soffice
def test_state_page_one_and_last_page_as_printed(nd30_seed, tmp_path):
    import shutil
    import subprocess

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        pytest.skip("LibreOffice or poppler is not installed")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(nd30_seed)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", str(tmp_path / "seed.pdf"),
                           "-"], check=True, capture_output=True, timeout=60).stdout
    pages = [p for p in text.decode("utf-8").split("\f") if p.strip()]
    first = _dense(pages[0])
    for expected in ("TỈNH ỦY HẬU GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Dự thảo", "BÁO CÁO",
                     "Kết quả thực hiện nhiệm vụ công tác năm 2023", "năm 2023"):
        assert _dense(expected) in first, expected
    assert re.search(r"Số:\s+/BC-TU", pages[0])
    assert "ĐẢNGCỘNGSẢNVIỆTNAM" not in first and "-----" not in first
    assert first.index("BÁOCÁO") < first.index("Năm2023lànăm")
    last = _dense(pages[-1])
    assert "Nơinhận:" in last and "T/MTỈNHỦY" in last and last.index("Nơinhận:") < last.index(
        "-LưuVPTU.")
