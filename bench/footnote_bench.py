"""Footnote numbering and manager rows on the seed report ×20 (1,140 footnotes).

Targets: renumbering after a section move ≤ 30 ms; the manager's rows for 1,140 footnotes
(engine side of "the manager shows 1,140 footnotes ≤ 200 ms").

    python3 bench/footnote_bench.py [--times 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _seed import seed_report

from hgreport.footnotes import filter_rows, footnote_rows
from hgreport.numbering import Numbering
from hgreport.resources import load_profile


def timed(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    report = seed_report(args.times)
    numbering = Numbering.from_profile(load_profile())
    tops = report.children_of(None)
    state = {"i": 0}

    def move_and_renumber():
        # move a top-level section to the front, then derive every number again
        sec = tops[state["i"] % len(tops)]
        state["i"] += 1
        sec.position = min(s.position for s in tops) - 1
        numbers = report.footnote_numbers()
        report.tree(numbering)
        assert len(numbers) == len(report.footnotes)

    renumber = timed(move_and_renumber, args.rounds)
    rows = timed(lambda: footnote_rows(report, numbering), args.rounds)
    all_rows = footnote_rows(report, numbering)
    filt = timed(lambda: filter_rows(all_rows, "nghi quyet"), args.rounds)
    print(f"seed ×{args.times}: {len(report.sections)} sections, {len(report.footnotes)} footnotes")
    for name, xs in (("move a section + renumber all", renumber),
                     ("manager rows (all footnotes)", rows),
                     ("filter rows 'nghi quyet'", filt)):
        print(f"  {name:32s} median {statistics.median(xs):6.2f} ms  max {max(xs):6.2f} ms")


if __name__ == "__main__":
    main()
