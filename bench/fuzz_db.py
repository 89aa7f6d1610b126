"""Fuzz the report file: damaged copies of the seed report's .db through the read commands.

Each damaged copy goes through ``info``, ``check``, ``export`` and ``search``, each a real
``python3 -m hgreport.cli`` process with a time limit. A damaged file must give a clear
message and a documented exit code (README: 3 not a report, 8 damaged …), never a
traceback or a hang; and a read command must leave the file as it was.

Damage kinds (each case deterministic from --seed, the kind and its number):

- ``db header``      1–2 bytes flipped in the 100-byte SQLite header
- ``page header``    1 byte flipped in the header of a random b-tree page
- ``anywhere``       1–8 bytes flipped anywhere
- ``row text``       2–6 bytes flipped inside the stored JSON of sections and footnotes
- ``zeroed page``    one random page overwritten with zeros
- ``truncated``      the file cut at a random length

    python3 bench/fuzz_db.py [--n 8] [--seed 1] [--timeout 30] [--only "KIND#I"] [--save DIR]

``--n`` is the number of damaged files per kind (each is run through the four commands).
Failing inputs are kept in --save (default: a folder in the temporary directory, printed).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fuzz_common import Table, flip_bytes, quiet_env, seed_db

KINDS = ("db header", "page header", "anywhere", "row text", "zeroed page", "truncated")
COMMANDS = ("info", "check", "export", "search")
EXIT_CODES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}  # README: "Exit codes"


def damage(data: bytes, kind: str, rng: random.Random) -> bytes:
    page = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // page
    if kind == "db header":
        return flip_bytes(data, rng, rng.randint(1, 2), [(0, 100)])
    if kind == "page header":
        n = rng.randrange(pages)
        start = 100 if n == 0 else n * page
        return flip_bytes(data, rng, 1, [(start, start + 12)])
    if kind == "anywhere":
        return flip_bytes(data, rng, rng.randint(1, 8))
    if kind == "row text":
        spots = [m.start() for m in re.finditer(rb'\{"(?:id|runs|t|fn)"', data)]
        return flip_bytes(data, rng, rng.randint(2, 6), [(s, s + 40) for s in spots])
    if kind == "zeroed page":
        n = rng.randrange(pages)
        return data[:n * page] + bytes(page) + data[(n + 1) * page:]
    return data[:rng.randrange(len(data))]


def run(command: str, path: Path, out_dir: Path, timeout: float, env: dict) -> tuple[str, str]:
    argv = [sys.executable, "-m", "hgreport.cli", command, str(path)]
    if command == "export":
        argv += ["-o", str(out_dir / f"{path.stem}.docx")]
    elif command == "search":
        argv += ["dang", "cong", "tac"]
    before = hashlib.sha256(path.read_bytes()).digest()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return "hang", f"no answer in {timeout:.0f} s"
    err = done.stderr.strip()
    if "Traceback (most recent call last)" in err:
        last = err.splitlines()[-1]
        where = re.findall(r'File "[^"]*/(hgreport/[^"]+)", line (\d+)', err)
        return "traceback", last[:120] + (f" @ {where[-1][0]}:{where[-1][1]}" if where else "")
    if hashlib.sha256(path.read_bytes()).digest() != before:
        return "lost", f"'{command}' changed the file it only reads (exit {done.returncode})"
    if done.returncode in (0, 1):
        return "ok", ""
    if done.returncode in EXIT_CODES and err:
        first = err.splitlines()[0].replace(str(path), "FILE")
        return "clean", f"exit {done.returncode}: {first[:100]}"
    return "traceback", f"exit {done.returncode} without a message: {err[:80]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="damaged files per kind (default 8)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per command")
    parser.add_argument("--only", help='one damaged file, e.g. "row text#3"')
    parser.add_argument("--save", type=Path,
                        default=Path(tempfile.gettempdir()) / "hgreport-fuzz-db")
    parser.add_argument("--jobs", type=int, default=2, help="commands run at once")
    parser.add_argument("--details", action="store_true", help="list the kinds of refusals")
    args = parser.parse_args()
    table = Table()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = quiet_env()
        env["HGREPORT_DATA_DIR"] = str(folder / "userdata")
        env["HGREPORT_AUTHOR"] = "Fuzz"
        source = seed_db(folder).read_bytes()
        cases = [(k, i) for k in KINDS for i in range(args.n)]
        if args.only:
            kind, _, number = args.only.rpartition("#")
            cases = [(kind, int(number))]
        jobs = []
        for kind, index in cases:
            rng = random.Random(f"{args.seed}:{kind}:{index}")
            data = damage(source, kind, rng)
            path = folder / f"{kind.replace(' ', '-')}-{index}.db"
            path.write_bytes(data)
            jobs += [(kind, index, command, path) for command in COMMANDS]

        def one(job):
            kind, index, command, path = job
            copy = path.with_name(f"{path.stem}-{command}.db")  # each command its own copy
            copy.write_bytes(path.read_bytes())
            return job, run(command, copy, folder, args.timeout, env)

        with ThreadPoolExecutor(args.jobs) as pool:
            for (kind, index, command, path), (outcome, detail) in pool.map(one, jobs):
                case = f'--seed {args.seed} --only "{kind}#{index}"'
                if outcome not in ("ok", "clean"):
                    args.save.mkdir(parents=True, exist_ok=True)
                    kept = args.save / path.name
                    kept.write_bytes(path.read_bytes())
                    case += f"; by hand: hgreport {command} {kept}"
                table.add(f"{command:<6} ← {kind}", outcome, detail, case)
    table.print(f"Report file fuzz: {len(cases)} damaged copies of the seed .db × "
                f"{len(COMMANDS)} commands, seed {args.seed}, limit {args.timeout:.0f} s",
                ok_name="opened", details=args.details)
    print(f"time {time.perf_counter() - started:.1f} s")
    return 1 if table.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
