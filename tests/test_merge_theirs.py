"""A footnote deleted with its reference in one copy and rewritten in the other: the merge keeps
it, with its reference where the keeping copy had it, until a person decides; "take theirs" and
"keep mine" then do what they say, footnote and reference together."""

from __future__ import annotations

import pytest
from _sharing_helpers import copy_of, problems

from hgreport.merge import list_conflicts, merge_copy, resolve_conflict
from hgreport.model import Footnote, Paragraph, Run
from hgreport.storage import ReportStore

REWRITTEN = "Bình viết lại chú thích này."


@pytest.fixture
def copies(seed_db, tmp_path):
    return seed_db, copy_of(seed_db, tmp_path / "theirs.db")


def _first_referencing(store: ReportStore):
    """(section, paragraph index, footnote id, text before the reference) of the first
    reference in a paragraph, in reading order."""
    for sec in store.load_report().ordered_sections():
        for i, p in enumerate(sec.body):
            if isinstance(p, Paragraph) and p.footnote_refs():
                fid = p.footnote_refs()[0]
                before = ""
                for r in p.runs:
                    if r.footnote == fid:
                        break
                    before += r.text
                return sec, i, fid, before
    raise AssertionError("no reference in the seed")


def _delete_with_reference(path, author="An", whole_paragraph=False):
    with ReportStore.open(path, author=author) as st:
        sec, i, fid, before = _first_referencing(st)
        if whole_paragraph:
            del sec.body[i]
        else:
            p = sec.body[i]
            sec.body[i] = Paragraph([r for r in p.runs if r.footnote != fid], p.align, id=p.id)
        st.save_section(sec)
        st.delete_footnote(fid)
    return sec.id, sec.body[i].id if not whole_paragraph else None, fid, before


def _rewrite(path, fid, text, author="Bình"):
    with ReportStore.open(path, author=author) as st:
        fn = st.load_footnote(fid)
        fn.body = [Paragraph.of(text)]
        st.save_footnote(fn)


def _state(path, sid, fid):
    """(footnote text or None when deleted, text before its reference or None when none)."""
    with ReportStore.open(path) as st:
        report = st.load_report()
    fn = report.footnotes.get(fid)
    for p in report.section(sid).body:
        if isinstance(p, Paragraph) and fid in p.footnote_refs():
            before = ""
            for r in p.runs:
                if r.footnote == fid:
                    break
                before += r.text
            return (fn.plain_text if fn else None), before
    return (fn.plain_text if fn else None), None


def _the_conflict(path):
    with ReportStore.open(path) as st:
        (c,) = list_conflicts(st)
    assert (c.entity, c.field) == ("footnote", "deleted")
    return c


def test_theirs_brings_back_the_footnote_and_its_reference(copies):
    mine, theirs = copies
    sid, _, fid, before = _delete_with_reference(mine)
    _rewrite(theirs, fid, REWRITTEN)
    merge_copy(mine, theirs, author="An")
    # kept until decided, reference included, so the report stays whole
    assert _state(mine, sid, fid) == (REWRITTEN, before)
    assert problems(mine) == []
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, _the_conflict(mine).id, "theirs")
    assert _state(mine, sid, fid) == (REWRITTEN, before)
    assert problems(mine) == []
    assert merge_copy(mine, theirs, author="An").changed == 0  # merging again: nothing


def test_mine_then_deletes_the_footnote_and_its_reference(copies):
    mine, theirs = copies
    sid, _, fid, _ = _delete_with_reference(mine)
    _rewrite(theirs, fid, REWRITTEN)
    merge_copy(mine, theirs, author="An")
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, _the_conflict(mine).id, "mine")
    assert _state(mine, sid, fid) == (None, None)
    assert problems(mine) == []


def test_the_other_way_round_the_rewritten_footnote_here_is_kept_with_its_reference(copies):
    mine, theirs = copies
    sid, _, fid, before = _delete_with_reference(theirs, author="Bình")
    _rewrite(mine, fid, REWRITTEN, author="An")
    merge_copy(mine, theirs, author="An")
    assert _state(mine, sid, fid) == (REWRITTEN, before)  # 0.1.0 deleted it here
    assert problems(mine) == []
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, _the_conflict(mine).id, "theirs")  # their deletion, reference too
    assert _state(mine, sid, fid) == (None, None)
    assert problems(mine) == []


def test_a_reference_whose_paragraph_is_gone_leaves_the_footnote_to_be_placed(copies):
    mine, theirs = copies
    sid, _, fid, _ = _delete_with_reference(mine, whole_paragraph=True)
    _rewrite(theirs, fid, REWRITTEN)
    merge_copy(mine, theirs, author="An")
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, _the_conflict(mine).id, "theirs")
        report = st.load_report()
    # the paragraph is gone for good: the footnote is kept without a reference, which the
    # footnote panel lists with "Attach at the cursor"
    assert report.footnotes[fid].plain_text == REWRITTEN
    assert report.check_references().orphans == [fid]
    assert [p for p in problems(mine) if "no reference" in p]


def test_a_footnote_at_a_heading_comes_back_to_its_heading(seed_db, tmp_path):
    mine = seed_db
    with ReportStore.open(mine, author="An") as st:  # two footnotes at a heading
        sec = st.load_report().ordered_sections()[2]
        notes = [st.add_footnote(Footnote(body=[Paragraph.of(f"Chú thích tiêu đề {n}")])).id
                 for n in (1, 2)]
        sec.title_notes = notes
        st.save_section(sec)
    theirs = copy_of(mine, tmp_path / "theirs.db")
    with ReportStore.open(mine, author="An") as st:
        sec = st.load_section(sec.id)
        fid, at = notes[0], 0
        sec.title_notes.remove(fid)
        st.save_section(sec)
        st.delete_footnote(fid)
    _rewrite(theirs, fid, REWRITTEN)
    merge_copy(mine, theirs, author="An")
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, _the_conflict(mine).id, "theirs")
        back = st.load_section(sec.id)
    assert back.title_notes[at] == fid
    assert problems(mine) == []


def test_resolving_a_conflict_kept_by_an_older_merge_still_brings_the_footnote_back(copies):
    """A conflict recorded without the reference's place (by 0.1.0): "theirs" brings the
    footnote back for the person to place rather than changing nothing."""
    mine, theirs = copies
    _, _, fid, _ = _delete_with_reference(mine)
    _rewrite(theirs, fid, REWRITTEN)
    merge_copy(mine, theirs, author="An")
    with ReportStore.open(mine, author="An") as st:
        c = _the_conflict(mine)
        st.conn.execute("UPDATE conflicts SET base = 'false' WHERE id = ?", (c.id,))
        st.put_state("footnote", fid, {"body": [Paragraph([Run.of(REWRITTEN)]).to_dict()],
                                       "deleted": True})
        resolve_conflict(st, c.id, "theirs")
        report = st.load_report()
    assert report.footnotes[fid].plain_text == REWRITTEN
