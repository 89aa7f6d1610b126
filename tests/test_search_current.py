"""Search always finds the current text: whatever path changed a section or a footnote (a save,
a merge of a copy, a restore from history, undoing a delete, an import, a footnote edit, a
deletion), the words it replaced are no longer found and the words it brought are."""

from __future__ import annotations

import pytest
from _sharing_helpers import copy_of, sections

from hgreport.history import restore
from hgreport.merge import list_conflicts, merge_copy, resolve_conflict
from hgreport.model import Footnote, Paragraph, Run
from hgreport.storage import ReportStore

OLD = "Kỳlânxanh"  # words no report holds, so a hit can only come from the test's own text
NEW = "Phượnghoàngđỏ"
OLD_Q, NEW_Q = "kylanxanh", "phuonghoangdo"  # as a clerk types them, without diacritics


def found(path_or_store, words: str) -> set[str]:
    """The ids of the sections and footnotes a search for ``words`` finds."""
    if isinstance(path_or_store, ReportStore):
        return {h.entity_id for h in path_or_store.search(words)}
    with ReportStore.open(path_or_store) as store:
        return {h.entity_id for h in store.search(words)}


def put_first_paragraph(store: ReportStore, section_id: str, text: str):
    """Make ``text`` the section's first paragraph (its footnote references stay) and save."""
    sec = store.load_section(section_id)
    refs = sec.body[0].footnote_refs() if sec.body else []
    sec.body[:1] = [Paragraph([Run.of(text), *[Run.ref(f) for f in refs]])]
    return store.save_section(sec)


@pytest.fixture
def sid(seed_db) -> str:
    """A section whose first paragraph says OLD (saved once)."""
    with ReportStore.open(seed_db, author="An") as store:
        section_id = sections(store)[3].id
        put_first_paragraph(store, section_id, f"Đoạn có chữ {OLD} ở giữa.")
    return section_id


def test_a_save_replaces_the_words_found(seed_db, sid):
    assert found(seed_db, OLD_Q) == {sid}
    with ReportStore.open(seed_db, author="An") as store:
        put_first_paragraph(store, sid, f"Đoạn nay có chữ {NEW}.")
        assert found(store, OLD_Q) == set()
        assert found(store, NEW_Q) == {sid}


def test_a_merged_copy_replaces_the_words_found(seed_db, sid, tmp_path):
    copy = copy_of(seed_db, tmp_path / "usb.db")
    with ReportStore.open(copy, author="Bình") as store:
        put_first_paragraph(store, sid, f"Bình viết {NEW} trên bản sao.")
    result = merge_copy(seed_db, copy, author="An")
    assert result.fast_forwarded == 1
    assert found(seed_db, OLD_Q) == set()
    assert found(seed_db, NEW_Q) == {sid}


def test_a_three_way_merge_replaces_the_words_found(seed_db, sid, tmp_path):
    copy = copy_of(seed_db, tmp_path / "usb.db")
    with ReportStore.open(seed_db, author="An") as store:  # mine changes another paragraph
        sec = store.load_section(sid)
        sec.body.append(Paragraph.of("An thêm một đoạn."))
        store.save_section(sec)
    with ReportStore.open(copy, author="Bình") as store:
        put_first_paragraph(store, sid, f"Bình viết {NEW} trên bản sao.")
    result = merge_copy(seed_db, copy, author="An")
    assert result.merged == 1 and not result.conflicts
    assert found(seed_db, OLD_Q) == set()
    assert found(seed_db, NEW_Q) == {sid}


def test_sections_added_and_deleted_in_a_copy_are_found_as_in_the_copy(seed_db, tmp_path):
    from hgreport.model import Section

    copy = copy_of(seed_db, tmp_path / "usb.db")
    with ReportStore.open(copy, author="Bình") as store:
        secs = sections(store)
        added = store.add_section(Section(title=f"Mục {NEW}", parent_id=secs[0].id,
                                          position=99.0, body=[Paragraph.of("Nội dung.")]))
        gone = secs[13]  # "3.2." has no footnote of its own
        deleted_words = gone.title
        store.delete_section(gone.id)
    assert found(seed_db, deleted_words) >= {gone.id}
    merge_copy(seed_db, copy, author="An")
    assert found(seed_db, NEW_Q) == {added.id}
    assert gone.id not in found(seed_db, deleted_words)


def test_resolving_a_conflict_replaces_the_words_found(seed_db, sid, tmp_path):
    copy = copy_of(seed_db, tmp_path / "usb.db")
    with ReportStore.open(seed_db, author="An") as store:
        put_first_paragraph(store, sid, f"An viết {OLD} khác đi.")
    with ReportStore.open(copy, author="Bình") as store:
        put_first_paragraph(store, sid, f"Bình viết {NEW}.")
    merge_copy(seed_db, copy, author="An")
    assert found(seed_db, NEW_Q) == set()  # mine is kept until a person decides
    with ReportStore.open(seed_db, author="An") as store:
        (conflict,) = list_conflicts(store)
        resolve_conflict(store, conflict.id, "theirs")
        assert found(store, OLD_Q) == set()
        assert found(store, NEW_Q) == {sid}


def test_restoring_an_older_version_replaces_the_words_found(seed_db, sid):
    with ReportStore.open(seed_db, author="An") as store:
        with_old = store.revisions(sid)[0].id
        put_first_paragraph(store, sid, f"Đoạn nay có chữ {NEW}.")
        restore(store, sid, with_old)
        assert found(store, NEW_Q) == set()
        assert found(store, OLD_Q) == {sid}


def test_undoing_a_delete_brings_the_words_back(seed_db, sid):
    with ReportStore.open(seed_db, author="An") as store:
        fids = store.load_section(sid).footnote_refs()
        fid = fids[0]
        note = store.load_footnote(fid)
        note.body = [Paragraph.of(f"Chú thích {NEW}.")]
        store.save_footnote(note)
        store.delete_section(sid)
        assert found(store, OLD_Q) == set() and found(store, NEW_Q) == set()
        store.restore_section(sid)
        assert found(store, OLD_Q) == {sid}
        assert found(store, NEW_Q) == {fid}


def test_deleting_a_section_removes_its_words_and_its_footnotes_words(seed_db, sid):
    with ReportStore.open(seed_db, author="An") as store:
        fid = store.load_section(sid).footnote_refs()[0]
        note = store.load_footnote(fid)
        note.body = [Paragraph.of(f"Chú thích {NEW}.")]
        store.save_footnote(note)
        assert found(store, NEW_Q) == {fid}
        store.delete_section(sid)
        assert found(store, OLD_Q) == set()
        assert found(store, NEW_Q) == set()
    assert found(seed_db, OLD_Q) == set()  # and after reopening


def test_footnote_edits_replace_the_words_found(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        fn = store.add_footnote(Footnote(body=[Paragraph.of(f"Chú thích {OLD}.")]))
        assert found(store, OLD_Q) == {fn.id}
        fn.body = [Paragraph.of(f"Chú thích {NEW}.")]
        fn = store.save_footnote(fn)
        assert found(store, OLD_Q) == set()
        assert found(store, NEW_Q) == {fn.id}
        store.delete_footnote(fn.id)
        assert found(store, NEW_Q) == set()
        store.add_footnote(fn)  # its reference came back (undo)
        assert found(store, NEW_Q) == {fn.id}


def test_a_report_made_from_an_imported_word_file_is_searchable(seed_report, tmp_path):
    from hgreport.export import export_docx
    from hgreport.importer import import_docx

    first = seed_report.ordered_sections()[2]
    first.body[0].runs.insert(0, Run.of(f"{NEW} "))
    fid = first.footnote_refs()[0]
    seed_report.footnotes[fid].body = [Paragraph.of(f"Chú thích {OLD}.")]
    docx = export_docx(seed_report, tmp_path / "bao-cao.docx")
    imported = import_docx(docx).report
    path = tmp_path / "nhap.db"
    ReportStore.create(path, imported, author="Người nhập").close()
    with ReportStore.open(path) as store:
        report = store.load_report()
        (section_hit,) = [h for h in store.search(NEW_Q)]
        assert "Phượnghoàngđỏ" in section_hit.snippet
        assert report.section(section_hit.entity_id).title == first.title
        (note_hit,) = store.search(OLD_Q)
        assert note_hit.kind == "footnote" and note_hit.entity_id in report.footnotes
        assert store.search("cong tac dan van")
