"""Footnotes never lost, duplicated or misnumbered: manager rows, copies, fixes (engine side)."""

from __future__ import annotations

from hgreport.footnotes import (
    DUPLICATE,
    MISSING_TEXT,
    ORPHAN,
    clone_with_new_footnotes,
    filter_rows,
    fix_duplicates,
    footnote_rows,
    insert_reference,
    remove_reference,
)
from hgreport.model import Footnote, Paragraph, Run, Section
from hgreport.numbering import Numbering
from hgreport.resources import load_profile
from hgreport.store import ReportStore

NUMBERING = Numbering.from_profile(load_profile())


def test_manager_rows_list_the_seed_in_reading_order(seed_report):
    rows = footnote_rows(seed_report, NUMBERING)
    assert [r.number for r in rows] == list(range(1, 58))
    assert all(r.problem == "" for r in rows)
    first = rows[0]
    assert first.section_label == "1. Công tác chính trị, tư tưởng và đạo đức"
    assert "đi vào đời sống xã hội▲" in first.context
    assert first.text.startswith("Nghị quyết số 15-NQ/TU")


def test_filter_is_accent_insensitive(seed_report):
    rows = footnote_rows(seed_report, NUMBERING)
    hits = filter_rows(rows, "nghi quyet 15-nq/tu")
    assert hits and hits[0].number == 1
    assert filter_rows(rows, "") == rows
    assert filter_rows(rows, "khongcotrongbaocao") == []


def test_problems_are_listed_not_crashing(seed_report):
    sections = seed_report.ordered_sections()
    numbers = seed_report.footnote_numbers()
    first_fid = next(iter(numbers))
    # a footnote whose reference was lost, a reference whose text was lost, a duplicate
    orphan = Footnote(body=[Paragraph.of("Chú thích lạc")])
    seed_report.footnotes[orphan.id] = orphan
    lost_fid = list(numbers)[5]
    del seed_report.footnotes[lost_fid]
    sections[-1].body.append(Paragraph([Run.of("nhắc lại"), Run.ref(first_fid)]))
    rows = footnote_rows(seed_report, NUMBERING)
    problems = {r.problem for r in rows}
    assert {ORPHAN, MISSING_TEXT, DUPLICATE} <= problems
    assert rows[-1].problem == ORPHAN and rows[-1].number is None
    assert [r.footnote_id for r in rows if r.problem == DUPLICATE] == [first_fid]


def test_copying_text_with_references_makes_new_footnotes(seed_report):
    sec = seed_report.ordered_sections()[1]
    body, notes = clone_with_new_footnotes(sec.body, seed_report.footnotes)
    old_refs = [r.footnote for p in sec.body for r in p.runs if r.footnote]
    new_refs = [r.footnote for p in body for r in p.runs if r.footnote]
    assert len(new_refs) == len(old_refs) > 0
    assert not set(new_refs) & set(old_refs)
    assert [n.plain_text for n in notes] == [seed_report.footnotes[f].plain_text for f in old_refs]
    assert [p.text for p in body] == [p.text for p in sec.body]


def test_fix_duplicates_gives_each_reference_its_own_footnote(seed_report):
    sections = seed_report.ordered_sections()
    fid = next(iter(seed_report.footnote_numbers()))
    sections[3].body.append(Paragraph([Run.of("lần hai"), Run.ref(fid)]))
    changed, created = fix_duplicates(seed_report)
    assert [s.id for s in changed] == [sections[3].id]
    assert len(created) == 1
    assert created[0].plain_text == seed_report.footnotes[fid].plain_text
    rows = footnote_rows(seed_report, NUMBERING)
    assert all(r.problem == "" for r in rows)
    assert [r.number for r in rows] == list(range(1, 59))


def test_insert_and_remove_a_reference_keep_the_text():
    sec = Section(title="Mục", body=[Paragraph([Run.of("Tổng vốn "), Run.of("tăng", "b")])])
    insert_reference(sec, 0, 4, "f1")
    assert [r.footnote or r.text for r in sec.body[0].runs] == ["Tổng", "f1", " vốn ", "tăng"]
    insert_reference(sec, 7, 0, "f2")  # no such paragraph: goes at the end
    assert sec.body[0].runs[-1].footnote == "f2"
    assert remove_reference(sec, "f1")
    assert sec.body[0].text == "Tổng vốn tăng"
    assert [r.text for r in sec.body[0].runs if not r.footnote] == ["Tổng vốn ", "tăng"]
    assert not remove_reference(sec, "absent")


def test_the_57_footnotes_survive_moves_reload_and_renumber(seed_db):
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        texts = {f.id: f.plain_text for f in report.footnotes.values()}
        tops = report.children_of(None)
        store.move_section(tops[2].id, None, 0)  # III. first
        sub = report.children_of(tops[0].id)
        store.move_section(sub[0].id, tops[1].id, 99)  # 1. of I. to the end of II.
        again = store.load_report()
    rows = footnote_rows(again, NUMBERING)
    assert [r.number for r in rows] == list(range(1, 58))
    assert {r.footnote_id: r.text for r in rows} == texts
    # reading order decides: III. had no references, so numbering starts in I.'s first child
    assert rows[0].section_label.startswith("1. Công tác tổ chức")
