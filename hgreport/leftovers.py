"""Leftovers of work killed half-way (a power cut, kill -9): the temporary files an export or
a file being built leaves beside its target. The next export or build in the same folder
removes those older than an hour; recent ones may belong to work running now, on this PC or a
colleague's, and are left alone."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

STALE_AFTER_S = 3600  # older than any export or build still running


def remove_stale(folder: Path, pattern: str,
                 remove: Callable[[Path], None] = Path.unlink) -> None:
    """Remove the files of ``folder`` matching ``pattern`` that are older than an hour
    (``remove``: how one is removed, e.g. with its journal). Never raises: a file gone
    already, or not ours to remove, is harmless."""
    now = time.time()
    try:
        found = list(folder.glob(pattern))
    except OSError:
        return
    for leftover in found:
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER_S:
                remove(leftover)
        except OSError:
            pass
