"""Taking in what colleagues saved in the shared file since the last look.

Sections (text, titles, places, new and deleted ones), footnotes and the document details come
from the file; what is edited here and not yet saved stays as it is (its next save is combined
with theirs). The result says what changed, so the window refreshes only that. A mixin of
:class:`~hgreport.workspace.Workspace`.
"""

from __future__ import annotations

from ..model import Footnote, Report, Section
from .changes import Changes


class Pulling:
    """Colleagues' saves."""

    def pull(self, force: bool = False) -> Changes:
        """Read the file and take in others' saves. ``sections``: sections whose text changed;
        ``gone``: sections deleted by others; ``outline`` when the tree changed (always with
        ``force``: after this window changed the file in bulk)."""
        out = Changes(numbers=True)
        fresh = self.store.load_report()
        fresh_ids = {s.id for s in fresh.all_sections()}
        keep: dict[str, Section] = {}
        structure = False
        for sec in fresh.all_sections():
            old = self._by_id.get(sec.id)
            if old is None:
                structure = True
                continue
            if sec.id in self._unsaved or old.version == sec.version:
                keep[sec.id] = old
                continue
            if (old.title, old.parent_id, old.position) != (sec.title, sec.parent_id,
                                                            sec.position):
                structure = True
            old.title, old.title_notes, old.parent_id = sec.title, sec.title_notes, sec.parent_id
            old.position, old.version = sec.position, sec.version
            damage_changed = old.damage != sec.damage  # damaged, or restored, by someone
            old.damage = sec.damage
            if old.body != sec.body or damage_changed:
                old.body = sec.body
                out.sections.append(sec.id)
                self._words.pop(sec.id, None)
            keep[sec.id] = old
        sections = [keep.get(s.id, s) for s in fresh.sections]
        for sid in self._unsaved:  # deleted by someone else while I type in it: my text stays
            if sid not in fresh_ids and sid in self._by_id:
                sec = self._by_id[sid]
                if sec.parent_id is not None and sec.parent_id not in fresh_ids:
                    sec.parent_id = None
                sections.append(sec)
        gone = set(self._by_id) - fresh_ids - self._unsaved
        self.report.sections = sections
        self.report.intro = keep.get(fresh.intro.id, fresh.intro)
        self.report.ending = keep.get(fresh.ending.id, fresh.ending)
        out.footnotes = self._pull_footnotes(fresh)
        # a header edited here and not yet saved stays; its save combines with theirs
        if fresh.version != self.report.version and not self._header_unsaved:
            self._take_header(fresh, out)
            out.header = True
        self._index_sections()
        out.gone = sorted(gone)
        out.outline = structure or bool(gone) or bool(out.sections) or force or out.profile
        return out

    def _pull_footnotes(self, fresh: Report) -> list[str]:
        """Take the file's footnotes, keeping those edited or pending here and those the
        unsaved sections reference; returns the ids whose text changed or went."""
        local = self.report.footnotes
        pending = set(self._fn_unsaved) | set(self._fn_live)
        referenced = {fid for sid in self._unsaved if sid in self._by_id
                      for fid in self._by_id[sid].footnote_refs()}
        out: dict[str, Footnote] = {}
        changed = []
        for fid, fn in fresh.footnotes.items():
            mine = local.get(fid)
            if mine is not None and (fid in pending or mine.version == fn.version):
                out[fid] = mine
            else:
                out[fid] = fn
                self._graveyard.pop(fid, None)
                changed.append(fid)
        for fid, fn in local.items():
            if fid not in out and (fid in pending or fid in referenced):
                out[fid] = fn
        changed += [fid for fid in local if fid not in out]
        self.report.footnotes = out
        return changed
