"""A long editing session must not crash the interpreter (PySide6 6.12 on Python 3.11 drops a
reference to None on every call that returns nothing)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

import ui  # noqa: F401  (importing the window package installs the guard)


def test_half_a_million_qt_calls_do_not_exhaust_none():
    probe = QObject()
    for _ in range(500_000):  # about an hour of busy editing
        probe.setObjectName("x")
        probe.blockSignals(False)
    assert sys.getrefcount(None) > 0
    assert sys.getrefcount(True) > 0 and sys.getrefcount(False) > 0
