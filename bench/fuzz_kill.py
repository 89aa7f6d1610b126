"""Kill -9 and a full disk during every write command: afterwards each file is either the old
one or a complete new one, never a broken one.

Commands: ``new``, ``import -o``, ``export``, ``merge`` and ``copy``, each a real process. To
land the kills inside the command's own work (not in Python's start-up), the process loads
hgreport first, says it is ready, and starts the command when told; it is killed (SIGKILL)
after a delay spread evenly over the command's measured duration.

Afterwards, the files the command writes and reads are checked with ``hgreport info --json``
and ``check`` (a .db), or by importing it (a .docx): ``ok`` = the old file (or none, where
there was none) or a complete new one; ``lost`` = anything else, or a changed source.

The disk-full run mounts a 2 MB tmpfs (needs root; skipped with a message otherwise), fills it
to leave a little room, and runs each command with its output there: it must stop with the
"disk full" message (exit 7) or succeed, leaving the old files as they were and no partial
file under the target's name.

    python3 bench/fuzz_kill.py [--n 12] [--disk 6] [--timeout 60] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from fuzz_common import ROOT, Table, quiet_env, seed_db, seed_docx

COMMANDS = ("new", "import -o", "export", "merge", "copy")
STARTER = (  # load what the commands load, say so, wait for the word, run the command
    "import importlib, sys\n"
    "for name in ('hgreport.cli', 'hgreport.store', 'hgreport.storage', 'hgreport.export',\n"
    "             'hgreport.importer', 'hgreport.merge', 'hgreport.interchange',\n"
    "             'hgreport.resources', 'hgreport.checks'):\n"
    "    try:\n"
    "        importlib.import_module(name)\n"
    "    except ImportError:\n"
    "        pass\n"
    "print('ready', flush=True)\n"
    "sys.stdin.readline()\n"
    "sys.exit(sys.modules['hgreport.cli'].main(sys.argv[1:]))\n"
)


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _strip_ids(value):
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k not in ("id",)}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


class Env:
    """The folder, environment and reference files of one run."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.env = quiet_env()
        self.env["HGREPORT_DATA_DIR"] = str(folder / "userdata")
        self.env["HGREPORT_AUTHOR"] = "Fuzz"
        self.seed_db = seed_db(folder, "seed.db")
        self.seed_docx = seed_docx(folder)
        self.other_db = self._diverged_copy()
        self.old_docx = folder / "old.docx"
        self._export_other_title(self.old_docx)

    def cli(self, *argv, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "hgreport.cli", *map(str, argv)],
                              capture_output=True, text=True, timeout=timeout, env=self.env,
                              cwd=self.folder)

    def _diverged_copy(self) -> Path:
        """A copy of the seed that went its own way (sections edited and added), so a merge
        has real work to do; the seed gets its own edits too."""
        from hgreport.model import Paragraph, Section
        from hgreport.storage import ReportStore

        other = self.folder / "other.db"
        done = self.cli("copy", self.seed_db, other)
        assert done.returncode == 0, done.stderr
        with ReportStore.open(other, author="Khác") as store:
            report = store.load_report()
            for i, section in enumerate(report.sections[:8]):
                section.body = section.body + [Paragraph.of(f"Đoạn thêm ở bản sao {i}.")]
                store.save_section(section)
            store.add_section(Section(title="Mục mới của bản sao", position=99.0))
        with ReportStore.open(self.seed_db, author="Fuzz") as store:
            report = store.load_report()
            for section in report.sections[-3:]:
                section.body = section.body + [Paragraph.of("Đoạn thêm ở bản gốc.")]
                store.save_section(section)
        return other

    def _export_other_title(self, path: Path) -> None:
        """An older export at the export's target: the seed under another title."""
        from _seed import seed_report

        from hgreport.export import export_docx

        report = seed_report(1)
        report.header.summary = "Bản xuất cũ"
        export_docx(report, path)

    def fingerprint(self, db: Path) -> str | None:
        """What a reader sees in a report file (ids aside), or None if it does not open."""
        done = self.cli("info", db, "--json")
        if done.returncode != 0 or "Traceback" in done.stderr:
            return None
        return json.dumps(_strip_ids(json.loads(done.stdout)), sort_keys=True)

    def docx_fingerprint(self, path: Path) -> str | None:
        from hgreport.errors import ReportError
        from hgreport.importer import import_docx

        try:
            result = import_docx(path)
        except ReportError:
            return None
        report = result.report
        return json.dumps([report.header.summary, len(report.sections), len(report.footnotes),
                           [s.title for s in report.sections]], ensure_ascii=False)


class Case:
    """One command: how to set its files up, its arguments, and what the files may be after."""

    def __init__(self, env: Env, command: str, where: Path):
        self.env, self.command, self.where = env, command, where

    def setup(self) -> list:
        """Fresh inputs in ``where``; returns the arguments of the command."""
        w = self.where
        for f in w.iterdir():
            if f.is_file():
                f.unlink()
        if self.command == "new":
            self.target = w / "moi.db"
            return ["new", self.target, "--sample"]
        if self.command == "import -o":
            self.target = w / "nhap.db"
            return ["import", self.env.seed_docx, "-o", self.target]
        if self.command == "export":
            self.source = w / "bao-cao.db"
            shutil.copy(self.env.seed_db, self.source)
            self.target = w / "bao-cao.docx"
            shutil.copy(self.env.old_docx, self.target)
            return ["export", self.source, "-o", self.target]
        if self.command == "merge":
            self.target = w / "cua-toi.db"
            shutil.copy(self.env.seed_db, self.target)
            self.source = w / "ban-sao.db"
            shutil.copy(self.env.other_db, self.source)
            return ["merge", self.target, self.source]
        self.source = w / "bao-cao.db"
        shutil.copy(self.env.seed_db, self.source)
        self.target = w / "ban-sao.db"
        return ["copy", self.source, self.target]

    def expectations(self) -> None:
        """Run once to the end in a scratch folder: the old and the new state of the target."""
        scratch = self.where
        argv = self.setup()
        self.old = self.state()
        self.source_before = self.source_state() if hasattr(self, "source") else None
        done = self.env.cli(*argv)
        assert done.returncode == 0, f"{self.command}: {done.stderr}"
        self.new = self.state()
        self.files_after = {f.name for f in scratch.iterdir()}

    def state(self) -> str | None:
        if not self.target.exists():
            return None
        if self.target.suffix == ".docx":
            return self.env.docx_fingerprint(self.target) or "broken docx"
        return self.env.fingerprint(self.target) or "broken db"

    def source_state(self) -> str | None:
        return self.env.fingerprint(self.source) if self.source.suffix == ".db" else None

    def verdict(self) -> tuple[str, str, list[str]]:
        """(outcome, detail, files left behind) after a run was stopped or failed."""
        left = sorted(f.name for f in self.where.iterdir()
                      if f.name not in self.files_after and f.name != "filler")
        if hasattr(self, "source") and self.source_state() != self.source_before:
            return "lost", f"{self.command} changed its source {self.source.name}", left
        now = self.state()
        if now == self.old:
            return "ok", "old", left
        if now == self.new:
            return "ok", "new", left
        what = "absent" if now is None else now if now.startswith("broken") else "other content"
        return "lost", f"{self.target.name}: {what}", left


def started(env: Env, argv: list) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", STARTER, *map(str, argv)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env.env, cwd=env.folder)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def work_time(case: Case, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        proc = started(case.env, case.setup())
        t0 = time.perf_counter()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        proc.communicate(timeout=120)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def kill_run(env: Env, table: Table, n: int, keep: Path | None, leftovers: Counter,
             states: Counter) -> None:
    for command in COMMANDS:
        case = Case(env, command, env.folder / "kill")
        case.where.mkdir(exist_ok=True)
        case.expectations()
        duration = work_time(case)
        for k in range(n):
            delay = duration * (k + 0.5) / n
            argv = case.setup()
            proc = started(env, argv)
            proc.stdin.write("go\n")
            proc.stdin.flush()
            time.sleep(delay)
            proc.kill()
            proc.communicate()
            outcome, detail, left = case.verdict()
            if outcome == "ok":
                states[(command, detail)] += 1
            for name in left:
                leftovers[(f"kill: {command}", _pattern(name))] += 1
            where = f"kill after {delay * 1000:.0f} ms of {duration * 1000:.0f} ms"
            if outcome == "lost" and keep:
                saved = keep / f"kill-{command.split()[0]}-{k}"
                shutil.copytree(case.where, saved, dirs_exist_ok=True)
                where += f"; files kept in {saved}"
            table.add(f"kill: {command}", outcome, detail, where)


def _pattern(name: str) -> str:
    """A leftover file's name with its random part blurred, to count alike ones together."""
    return re.sub(r"(?<=[.-])[a-z0-9_]{8}(?=\.)", "…", name)


def disk_full_run(env: Env, table: Table, steps: int, timeout: float, keep: Path | None,
                  leftovers: Counter) -> str | None:
    mount = env.folder / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return f"disk-full run skipped: cannot mount a tmpfs ({done.stderr.strip()})"
    try:
        for command in COMMANDS:
            case = Case(env, command, mount)
            scratch = env.folder / "disk-scratch"
            scratch.mkdir(exist_ok=True)
            reference = Case(env, command, scratch)
            reference.expectations()
            for k in range(steps):
                argv = case.setup()
                case.old = reference.old if command != "export" else reference.old
                case.new, case.files_after = reference.new, reference.files_after
                case.source_before = case.source_state() if hasattr(case, "source") else None
                st = os.statvfs(mount)
                room = st.f_bavail * st.f_frsize
                leave = int(room * k / steps)  # from nothing free to most of the disk
                with open(mount / "filler", "wb") as fh:
                    fh.truncate(0)
                    try:
                        fh.write(b"\0" * max(room - leave, 0))
                    except OSError:
                        pass
                try:
                    run = env.cli(*argv, timeout=timeout)
                except subprocess.TimeoutExpired:
                    table.add(f"disk full: {command}", "hang", f"no answer in {timeout:.0f} s",
                              f"{leave // 1024} kB free")
                    continue
                (mount / "filler").unlink()
                err = run.stderr.strip()
                outcome, detail, left = case.verdict()
                for name in left:
                    leftovers[(f"disk full: {command}", _pattern(name))] += 1
                if "Traceback (most recent call last)" in err:
                    outcome, detail = "traceback", err.splitlines()[-1][:120]
                elif outcome == "ok" and run.returncode == 0 and detail != "new":
                    outcome, detail = "lost", f"said done, but {case.target.name} is the old one"
                elif outcome == "ok" and run.returncode != 0:
                    outcome = "clean"
                    detail = f"exit {run.returncode}: {err.splitlines()[0][:90] if err else ''}"
                    if run.returncode != 7 or not err:
                        detail = "NOT the disk-full message: " + detail
                where = f"{leave // 1024} kB free"
                if outcome not in ("ok", "clean") and keep:
                    saved = keep / f"disk-{command.split()[0]}-{k}"
                    shutil.copytree(mount, saved, dirs_exist_ok=True)
                    where += f"; files kept in {saved}"
                table.add(f"disk full: {command}", outcome, detail, where)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=12, help="kills per command (default 12)")
    parser.add_argument("--disk", type=int, default=6,
                        help="disk-full runs per command (default 6; 0: none)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--keep", type=Path,
                        default=Path(tempfile.gettempdir()) / "hgreport-fuzz-kill",
                        help="where the files of failing cases are kept")
    args = parser.parse_args()
    table = Table()
    leftovers: Counter = Counter()
    states: Counter = Counter()  # (command, "old" | "new") after a kill
    t0 = time.perf_counter()
    note = None
    with tempfile.TemporaryDirectory() as tmp:
        env = Env(Path(tmp))
        kill_run(env, table, args.n, args.keep, leftovers, states)
        if args.disk:
            note = disk_full_run(env, table, args.disk, args.timeout, args.keep, leftovers)
    table.print(f"Kill -9 and disk full during the write commands ({args.n} kills and "
                f"{args.disk} disk-full runs per command)", ok_name="old or new", details=True)
    print("after a kill the target was: " + "; ".join(
        f"{c}: old {states[(c, 'old')]}, new {states[(c, 'new')]}" for c in COMMANDS))
    if note:
        print(note)
    if leftovers:
        print("files left beside the target (not harmful, but not cleaned up):")
        for (area, name), count in sorted(leftovers.items()):
            print(f"  [{area}] {name} ×{count}")
    print(f"time {time.perf_counter() - t0:.1f} s (hgreport in {ROOT})")
    return 1 if table.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
