"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

PySide6 6.12.0 returns ``None`` (and ``True``/``False``) from C++ calls without taking a
reference, as if they were immortal (they are only from Python 3.12, PEP 683). On Python 3.11
every such call lowers their reference count, and after some ten thousand calls the interpreter
aborts with "none_dealloc: deallocating None". When the bug is detected at start-up, the three
singletons get the same treatment Python 3.12 gives them: a reference count so high it never
reaches zero. Nothing happens on a Python or PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BOOST = 1 << 40
_guarded = False


def _leaks_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 25


def guard_singletons() -> bool:
    """Make None/True/False immortal if this PySide6 drops references to them. Returns
    whether the guard is active."""
    global _guarded
    if _guarded:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _leaks_none():
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _IMMORTAL_BOOST
    _guarded = True
    return True
