"""Word 97–2003 (.doc), OpenDocument (.odt) and RTF files, converted to .docx by LibreOffice.

LibreOffice runs in the background: headless, with a private profile (it never touches the
user's own LibreOffice settings, and runs beside a LibreOffice the user has open), inside one
temporary folder that also takes its temporary files, stopped after a time limit, and the
folder is removed whatever happens. Nothing here is imported when LibreOffice is absent:
:func:`find_soffice` says where it is, or None."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IOProblem
from .errors import ConversionCancelled, ConversionFailed, ConversionTimedOut, NeedsLibreOffice

TIMEOUT = 60.0  # seconds LibreOffice gets to convert one file
KINDS = {"doc": ".doc", "odt": ".odt", "rtf": ".rtf"}  # what it converts → the name it gets
_WINDOWS_FOLDERS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
_WINDOWS_DEFAULTS = (r"C:\Program Files", r"C:\Program Files (x86)")


def windows_candidates(environ: dict[str, str] | None = None) -> list[Path]:
    """Where LibreOffice installs itself on Windows (per machine, 64- and 32-bit)."""
    environ = os.environ if environ is None else environ
    roots = [environ[k] for k in _WINDOWS_FOLDERS if environ.get(k)] + list(_WINDOWS_DEFAULTS)
    out: list[Path] = []
    for root in roots:
        path = Path(root) / "LibreOffice" / "program" / "soffice.exe"
        if path not in out:
            out.append(path)
    return out


def find_soffice(path: str | None = None, folders: list[Path] | None = None) -> Path | None:
    """LibreOffice's ``soffice`` (or ``libreoffice``) on ``path`` (default: PATH), else in
    ``folders`` (default: its usual install folders on Windows; none elsewhere, where it is
    on PATH when installed). None when it is not found."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=path)
        if found:
            return Path(found)
    if folders is None:
        folders = windows_candidates() if sys.platform == "win32" else []
    for candidate in folders:
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Converter:
    """How LibreOffice is run: where it is (None: not installed), the time limit, the folder
    the temporary folder is made in (default: the system's), and an event that stops it."""

    soffice: Path | None
    timeout: float = TIMEOUT
    temp_root: Path | None = None
    cancel: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def find(cls, **kwargs) -> Converter:
        return cls(find_soffice(), **kwargs)

    @property
    def available(self) -> bool:
        return self.soffice is not None

    def convert(self, source: Path, kind: str, shown: str, work: Path) -> Path:
        """``source`` (a ``kind`` file, named ``shown`` in messages) converted to .docx inside
        the folder ``work``, which the caller removes. Raises :class:`NeedsLibreOffice`,
        :class:`ConversionTimedOut`, :class:`ConversionFailed`, :class:`ConversionCancelled`
        or :class:`hgreport.errors.IOProblem` (the temporary folder cannot be written)."""
        kind_msg = ("kind_" + kind, {})
        if self.soffice is None:
            raise NeedsLibreOffice(path=shown, kind=kind_msg)
        # a plain ASCII name with the right suffix: LibreOffice picks its filter by content
        # and suffix, and some versions stumble over names in other scripts
        given = work / "in"
        out_dir = work / "out"
        temp = work / "tmp"
        src = given / ("source" + KINDS[kind])
        try:
            for folder in (given, out_dir, temp):
                folder.mkdir()
            shutil.copyfile(source, src)
        except OSError as exc:  # a full disk, a file that went away
            raise IOProblem(path=str(work), detail=str(exc)) from None
        profile = work / "profile"
        env = dict(os.environ, HOME=str(work), TMPDIR=str(temp), TMP=str(temp), TEMP=str(temp))
        env.pop("SAL_USE_VCLPLUGIN", None)
        cmd = [str(self.soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
        log = work / "soffice.log"
        with open(log, "wb") as out:
            try:
                proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out,
                                        stderr=subprocess.STDOUT, env=env, cwd=str(work),
                                        **_new_group())
            except OSError as exc:
                raise ConversionFailed(path=shown, kind=kind_msg, detail=str(exc)) from None
            try:
                self._wait(proc, shown, kind_msg)
            finally:
                _stop(proc)
        result = out_dir / "source.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            detail = _last_line(log) or ("detail_exit", {"code": proc.returncode})
            raise ConversionFailed(path=shown, kind=kind_msg, detail=detail)
        return result

    def _wait(self, proc: subprocess.Popen, shown: str, kind_msg: tuple) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                proc.wait(timeout=0.1)
                return
            except subprocess.TimeoutExpired:
                pass
            if self.cancel.is_set():
                raise ConversionCancelled(path=shown)
            if time.monotonic() >= deadline:
                raise ConversionTimedOut(path=shown, kind=kind_msg,
                                         seconds=f"{self.timeout:g}")


def _new_group() -> dict:
    """Start LibreOffice in a process group of its own, so it can be stopped with every
    process it starts (``soffice`` is a launcher for ``soffice.bin``)."""
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
        return {"creationflags": flags}
    return {"start_new_session": True}


def _stop(proc: subprocess.Popen) -> None:
    """Stop ``proc`` and the processes it started (nothing when they have all ended)."""
    if proc.returncode is not None:  # ended and reaped: its id may already be reused
        return
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                       capture_output=True, check=False, **_new_group())
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its own group: the launcher's children too
        except (ProcessLookupError, PermissionError):
            pass
    if proc.poll() is None:
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _last_line(log: Path) -> str:
    try:
        lines = log.read_text("utf-8", "replace").splitlines()
    except OSError:
        return ""
    lines = [x.strip() for x in lines if x.strip() and "javaldx" not in x]
    return lines[-1][:200] if lines else ""


def work_folder(root: Path | None) -> Path:
    """A new private temporary folder (inside ``root`` when given)."""
    folder = tempfile.mkdtemp(prefix="hgreport-import-", dir=str(root) if root else None)
    return Path(folder).resolve()  # LibreOffice takes its profile as an absolute file: URI


def remove_folder(folder: Path) -> None:
    """Remove ``folder`` and everything in it; on Windows a process that has just been
    stopped may hold a file a moment longer, so try again for a few seconds."""
    for attempt in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1 * min(attempt + 1, 5))
