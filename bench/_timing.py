"""Timing helpers the benchmarks share."""

from __future__ import annotations

import statistics
import time


def median_time(fn, runs: int) -> float:
    """The median of ``runs`` timings of ``fn()``, in seconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def keystroke_times(qapp, editor, letters: str, count: int = 60) -> list[float]:
    """Seconds for each of ``count`` keystrokes typed at the editor's cursor (the letters in
    turn): the key event, a repaint of what shows, and the events that follow."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    editor.ensureCursorVisible()
    qapp.processEvents()
    out = []
    for i in range(count):
        t = time.perf_counter()
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier,
                                                 letters[i % len(letters)]))
        editor.viewport().repaint()
        qapp.processEvents()
        out.append(time.perf_counter() - t)
    return out
