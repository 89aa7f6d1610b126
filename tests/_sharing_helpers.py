"""Helpers shared by the sharing, merge, history and concurrency tests (no fixtures here)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hgreport.checks import find_problems
from hgreport.interchange import report_to_data
from hgreport.model import walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile
from hgreport.store import ReportStore


def copy_of(path: Path, target: Path) -> Path:
    """A copy made the way "Send a copy…" makes it (VACUUM INTO)."""
    with ReportStore.open(path) as store:
        return store.copy_to(target)


def sections(store: ReportStore):
    """The numbered sections in reading order (index 0 = "I. CÔNG TÁC XÂY DỰNG ĐẢNG")."""
    return store.load_report().ordered_sections()


def numbered_titles(path: Path) -> list[tuple[str, str]]:
    with ReportStore.open(path) as store:
        report = store.load_report()
    numbering = Numbering.from_profile(load_profile(report.profile))
    return [(n.number, n.section.title) for n in walk_tree(report.tree(numbering))]


def content(path: Path) -> dict:
    """The whole report as a person sees it (no versions, no revision ids)."""
    with ReportStore.open(path) as store:
        return report_to_data(store.load_report())


def problems(path: Path) -> list[str]:
    """What `hgreport check` fails on (footnote invariants) plus the integrity check."""
    with ReportStore.open(path) as store:
        report = store.load_report()
        found = [p.message("en") for p in find_problems(
            report, Numbering.from_profile(load_profile(report.profile)), content=False)]
        return found + store.integrity_problems()


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
