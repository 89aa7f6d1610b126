"""Shared parts of the fuzzers: a worker process that runs one case with a time limit (a hang is
killed and counted, never waited for), the outcome table, and the seed files.

Outcomes of one case:

- ``ok``         the input was taken (a Word file imported, a command done)
- ``clean``      refused with hgreport's own message (a typed error, a documented exit code)
- ``traceback``  any other exception, or a traceback printed by a command
- ``hang``       no answer within the time limit (the worker is killed)
- ``lost``       finished, but left broken data behind (a report whose footnotes are wrong, a
  file that is neither the old one nor a complete new one)
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import re
import sys
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

OUTCOMES = ("ok", "clean", "traceback", "hang", "lost")
_CTX = mp.get_context("fork")


def signature(exc: BaseException) -> str:
    """``Type: message @ file:line`` of the innermost frame in hgreport (or the last frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/hgreport/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    text = str(exc).splitlines()[0][:100] if str(exc) else ""
    return f"{type(exc).__name__}: {text} @ {where}"


def _serve(func, conn) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    while True:
        try:
            arg = conn.recv()
        except EOFError:
            return
        try:
            answer = func(arg)
        except Exception as exc:  # what we are looking for: report it, keep serving
            answer = ("traceback", signature(exc))
        conn.send(answer)


class Worker:
    """Runs ``func(arg) -> (outcome, detail)`` in a forked process; a case that takes longer
    than ``timeout`` seconds is a hang (the process is killed and a new one started)."""

    def __init__(self, func, timeout: float = 10.0):
        self.func = func
        self.timeout = timeout
        self.proc = None
        self.conn = None

    def _start(self) -> None:
        parent, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_serve, args=(self.func, child), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent

    def _stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
            self.conn.close()
        self.proc = self.conn = None

    def run(self, arg) -> tuple[str, str]:
        if self.proc is None:
            self._start()
        self.conn.send(arg)
        if not self.conn.poll(self.timeout):
            self._stop()
            return "hang", f"no answer in {self.timeout:.0f} s"
        try:
            return self.conn.recv()
        except EOFError:
            code = self.proc.exitcode
            self._stop()
            return "traceback", f"worker died (exit code {code})"

    def close(self) -> None:
        self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Table:
    """Outcomes per area, and one example of each distinct failure."""

    def __init__(self):
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.examples: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.messages: Counter = Counter()  # the kinds of clean refusals

    def add(self, area: str, outcome: str, detail: str = "", case: str = "") -> None:
        self.counts[area][outcome] += 1
        if outcome == "clean":
            self.messages[re.sub(r"\d+", "N", detail)] += 1
        elif outcome != "ok":  # one example per kind of failure (numbers aside)
            key = (area, outcome, re.sub(r"\d+", "N", detail))
            self.examples.setdefault(key, (detail, case))

    def failures(self) -> int:
        return sum(c[o] for c in self.counts.values() for o in ("traceback", "hang", "lost"))

    def print(self, title: str, ok_name: str = "ok", details: bool = False) -> None:
        print(title)
        names = {"ok": ok_name, "clean": "clean message"}
        head = ["area", "tried"] + [names.get(o, o) for o in OUTCOMES]
        rows = [[area, str(sum(c.values()))] + [str(c[o]) for o in OUTCOMES]
                for area, c in self.counts.items()]
        total = Counter()
        for c in self.counts.values():
            total.update(c)
        rows.append(["total", str(sum(total.values()))] + [str(total[o]) for o in OUTCOMES])
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        def line(cells: list[str]) -> str:
            return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

        print(line(head))
        for r in rows:
            print(line(r))
        if details and self.messages:
            print("clean refusals by kind:")
            for text, n in self.messages.most_common():
                print(f"  {n:5d}  {text}")
        if self.examples:
            print("failures (one example of each kind; re-run the case to reproduce):")
            for (area, outcome, _), (detail, case) in sorted(self.examples.items()):
                print(f"  [{area}] {outcome}: {detail}\n      case: {case}")


def flip_bytes(data: bytes, rng: random.Random, count: int,
               where: list[tuple[int, int]] | None = None) -> bytes:
    """``data`` with ``count`` bytes XORed with a random non-zero value, anywhere or inside the
    given (start, end) ranges."""
    out = bytearray(data)
    for _ in range(count):
        if where:  # every byte of the ranges equally likely
            start, end = rng.choices(where, weights=[max(e - s, 1) for s, e in where])[0]
            i = rng.randrange(start, max(end, start + 1))
        else:
            i = rng.randrange(len(out))
        if i < len(out):
            out[i] ^= rng.randrange(1, 256)
    return bytes(out)


def seed_docx(folder: Path, times: int = 1) -> Path:
    """The seed report exported to Word by hgreport itself."""
    from _seed import seed_report

    from hgreport.export import export_docx

    return export_docx(seed_report(times), folder / f"seed-x{times}.docx")


def seed_db(folder: Path, name: str = "seed.db") -> Path:
    from _seed import seed_report

    from hgreport.storage import ReportStore

    path = folder / name
    ReportStore.create(path, seed_report(1), author="Fuzz").close()
    return path


def quiet_env() -> dict[str, str]:
    """The environment for the commands: Vietnamese messages, user data in a temporary folder."""
    env = dict(os.environ)
    env.setdefault("HGREPORT_LANG", "vi")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env
