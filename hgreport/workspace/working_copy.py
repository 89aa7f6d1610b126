"""The working copy of one open report: the report as loaded and edited, what is not saved yet,
and the lookups the window asks for (sections, numbers, word counts).

The window tells it what the person changed — "section X now has body B" (:meth:`set_body`),
or, while typing, where to read the body when it is needed (:meth:`typing`) — and asks it to
save (:mod:`.saving`), to take in colleagues' saves (:mod:`.pulling`), to keep footnotes
straight (:mod:`.footnotes`) and to change the section tree (:mod:`.structure`). It never
imports Qt: the window is one user of it, tests are another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .. import errors
from ..i18n import pick
from ..layout import body_layout
from ..model import KIND_SECTION, Block, Footnote, Report, Section, TreeNode, walk_tree
from ..numbering import Numbering
from ..resources import load_profile
from .footnotes import FootnoteBook
from .pulling import Pulling
from .saving import Saving
from .structure import Structure

_NAMES = {"intro": ("Phần mở đầu", "Opening"), "ending": ("Phần kết thúc", "Closing")}


class Workspace(FootnoteBook, Saving, Pulling, Structure):
    """The open report, Qt-free. ``store`` is the report file
    (:class:`hgreport.storage.ReportStore`); the workspace reads it once and then only what
    changed."""

    def __init__(self, store) -> None:
        self.store = store
        self.report: Report = store.load_report()
        self._use_profile(self.report.profile)
        self._index_sections()
        self.numbers: dict[str, int] = self.report.footnote_numbers()
        self._unsaved: set[str] = set()  # sections whose text here is newer than the file's
        self._readers: dict[str, Callable[[], list[Block]]] = {}  # typed, body not read yet
        self._fn_unsaved: set[str] = set()  # footnotes whose text here is newer
        self._fn_live: dict[str, bool] = {}  # footnote id → should exist in the file
        self._header_unsaved = False  # header/closing edited here and not yet in the file
        self._graveyard: dict[str, Footnote] = {}  # footnotes whose reference was removed
        self._words: dict[str, int] = {}
        try:  # the file keeps each section's word count: no need to count 200,000 words
            self._words = {r["id"]: int(r["words"]) for r in store.load_outline()}
        except (errors.ReportError, KeyError, TypeError, ValueError):
            self._words = {}

    # -- profile --------------------------------------------------------------------------
    def _use_profile(self, profile_id: str) -> None:
        try:
            self.profile = load_profile(profile_id)
        except errors.ReportError:  # an id this version does not ship: the default layout
            self.profile = load_profile()
        self.numbering = Numbering.from_profile(self.profile)
        self.page = body_layout(self.profile)  # the page sections are written on

    def set_profile(self, profile_id: str) -> None:
        """Lay the report out by another format profile (stored with the next header save):
        section numbers and the page follow at once. An id this version does not ship keeps
        the default profile's layout."""
        self.report.profile = profile_id
        self._use_profile(profile_id)
        self._section_numbers = None

    # -- looking things up ----------------------------------------------------------------
    def _index_sections(self) -> None:
        self._by_id = {s.id: s for s in self.report.all_sections()}
        self._section_numbers: dict[str, str] | None = None

    def section(self, section_id: str) -> Section:
        return self._by_id[section_id]

    def has_section(self, section_id: str) -> bool:
        return section_id in self._by_id

    def children_ids(self, parent_id: str | None) -> list[str]:
        """The numbered sections under ``parent_id`` (None: the top level), in order."""
        return [s.id for s in self.report.children_of(parent_id) if s.kind == KIND_SECTION]

    def tree(self) -> list[TreeNode]:
        return self.report.tree(self.numbering)

    def section_numbers(self) -> dict[str, str]:
        """Section id → printed number (kept until the tree changes)."""
        if self._section_numbers is None:
            self._section_numbers = {n.section.id: n.number for n in walk_tree(self.tree())}
        return self._section_numbers

    def short_number(self, section_id: str) -> str:
        """The whole number of a section for lists: "II.3.1" ("" for the opening and the
        closing, which have none)."""
        numbers = self.section_numbers()
        top = self.report.misplaced()  # shown at the top level (a damaged file)
        chain = []
        current: Section | None = self.section(section_id)
        while current is not None:
            chain.insert(0, numbers.get(current.id, "").rstrip(".)"))
            if current.id in top or len(chain) > len(self._by_id):
                break
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        parts = chain[:1]
        for n in chain[1:]:
            parts = [parts[0], n] if "." in n else parts + [n]
        return ".".join(p for p in parts if p)

    def section_name(self, section_id: str, lang: str | None = None) -> str:
        """"II.1. Title" for a numbered section, a name for the opening and the closing."""
        sec = self.section(section_id)
        if sec.kind in _NAMES:
            return pick(_NAMES, sec.kind, lang)
        return f"{self.section_numbers().get(section_id, '')} {sec.title}".strip()

    # -- a damaged file ---------------------------------------------------------------------
    def is_read_only(self, section_id: str) -> bool:
        """The section's stored content could not be read (a damaged file): it shows what
        could be recovered and takes no edits until it is restored from its history or a
        backup, so its raw data is never overwritten."""
        return self.has_section(section_id) and self.section(section_id).damaged

    def damage_notes(self, lang: str | None = None) -> dict[str, list[str]]:
        """What could not be read of the file, in ``lang``: section or footnote id (the
        header's under "") → what happened and what to do (empty for a sound file)."""
        from ..checks import find_damage

        notes: dict[str, list[str]] = {}
        for p in find_damage(self.report, self.numbering):
            notes.setdefault(p.section_id or p.footnote_id or "", []).append(p.message(lang))
        return notes

    def word_counts(self) -> dict[str, int]:
        """Words per section as last saved (kept; a save or a colleague's text refreshes)."""
        out = {}
        for sec in self.report.all_sections():
            n = self._words.get(sec.id)
            if n is None:
                n = self._words[sec.id] = sec.word_count()
            out[sec.id] = n
        return out

    # -- bodies -----------------------------------------------------------------------------
    def typing(self, section_id: str, read_body: Callable[[], list[Block]]) -> None:
        """The person is editing ``section_id``; ``read_body()`` gives its body when the
        working copy needs it (a save reads it once, not at every keystroke). A damaged
        section (:meth:`is_read_only`) takes no edits."""
        if self.is_read_only(section_id):
            return
        self._readers[section_id] = read_body
        self._unsaved.add(section_id)

    def set_body(self, section_id: str, body: Iterable[Block]) -> bool:
        """Section ``section_id`` now has ``body`` (unsaved until the next save). True when its
        footnote references changed: a footnote whose last reference went waits to be deleted,
        one whose reference came back lives again, and :meth:`renumber` has work to do."""
        self._readers.pop(section_id, None)
        sec = self.section(section_id)
        if sec.damaged:  # read-only until restored: its raw data stays as it is
            return False
        before = sec.footnote_refs()
        sec.body = list(body)
        self._unsaved.add(section_id)
        if sec.footnote_refs() == before:
            return False
        self._follow_references(before)
        return True

    def body_now(self, section_id: str) -> list[Block]:
        """The section's body with the edit being typed."""
        read = self._readers.get(section_id)
        return read() if read is not None else self.section(section_id).body

    def _settle(self) -> bool:
        """Read the bodies being typed into the report; True when references changed."""
        moved = False
        for sid, read in list(self._readers.items()):
            if sid in self._by_id:
                moved = self.set_body(sid, read()) or moved
            else:
                self._readers.pop(sid)
        return moved

    def snapshot(self) -> Report:
        """A copy of the report with every unsaved edit in it (for export and checks)."""
        self._settle()
        rep = self.report.copy()
        rep.intro, rep.ending = replace(self.report.intro), replace(self.report.ending)
        return rep

    def renumber(self) -> bool:
        """Recompute footnote numbers from the order of references; True when they changed."""
        numbers = self.report.footnote_numbers()
        if numbers == self.numbers:
            return False
        self.numbers = numbers
        return True

    # -- what is not saved ----------------------------------------------------------------
    @property
    def unsaved_sections(self) -> set[str]:
        """Sections edited here and not yet in the file."""
        return set(self._unsaved)

    def has_unsaved(self) -> bool:
        """Anything edited here and not yet in the file (text, footnotes, header)?"""
        return bool(self._unsaved or self._fn_unsaved or self._fn_live or self._header_unsaved)
