"""Opening a Word file safely: tell .doc, encrypted, damaged and non-Word files apart, refuse
zip bombs and absurd sizes, and hand out the XML parts the import reads.

Nothing is unpacked to disk; every part is read through a size-capped stream."""

from __future__ import annotations

import mmap
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import errors as base_errors
from .errors import DamagedDocument, EncryptedDocument, NotWordDocument, OldWordFormat, TooLarge

MB = 1024 * 1024
MAX_FILE_BYTES = 200 * MB  # a report with many photos stays well below this
MAX_PART_BYTES = 64 * MB  # one XML part, unpacked
MAX_TOTAL_BYTES = 160 * MB  # all parts read, unpacked
MAX_RATIO = 150  # unpacked / packed; Word's XML packs about 5–20 times
RATIO_FLOOR = 2 * MB  # small parts may pack better than that without harm
MAX_ENTRIES = 10_000
# A parsed XML element costs about 120 bytes of memory whatever its size in the file: 64 MB of
# "<w:p/>" would take 1.3 GB. The seed report's document has 1,800 elements, a long report
# written in Word (seven or so elements a run) a few hundred thousand.
MAX_ELEMENTS = 1_000_000  # in one part
MAX_TOTAL_ELEMENTS = 1_500_000  # in all parts read

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = tuple(n.encode("utf-16-le") for n in ("EncryptedPackage", "EncryptionInfo"))
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODF_TEXT = (b"application/vnd.oasis.opendocument.text",
             b"application/vnd.oasis.opendocument.text-template")

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math",
     b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
)
_WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)

# What Python's zip reader raises on a damaged archive: besides BadZipFile, a flipped version
# byte gives NotImplementedError ("zip file version 8.9"), a flipped byte in a name flagged UTF-8
# a UnicodeDecodeError (a ValueError), a cut header struct.error or EOFError.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
               RuntimeError, ValueError, struct.error, OverflowError, IndexError)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


def _mb(n: int) -> str:
    return f"{n / MB:.0f}" if n >= 10 * MB else f"{n / MB:.1f}"


@dataclass
class WordPackage:
    """The XML parts of a Word file that the import needs (``None`` when absent)."""

    path: Path
    document: etree._Element
    styles: etree._Element | None = None
    numbering: etree._Element | None = None
    footnotes: etree._Element | None = None
    endnotes: etree._Element | None = None
    parts: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path, zf: zipfile.ZipFile):
        self.path = path
        self.zf = zf
        self.total = 0
        self.elements = 0
        self.names = {i.filename: i for i in zf.infolist()}

    def _refuse(self, key: str, **args) -> TooLarge:
        return TooLarge(path=str(self.path), detail=(key, args))

    def read(self, name: str) -> bytes | None:
        info = self.names.get(name)
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise self._refuse("detail_part_size", part=name, size=_mb(info.file_size),
                               limit=_mb(MAX_PART_BYTES))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self._refuse("detail_ratio", part=name,
                               ratio=info.file_size // max(info.compress_size, 1))
        try:
            with self.zf.open(info) as stream:
                # never trust the declared size: read at most one byte past the cap
                data = stream.read(MAX_PART_BYTES + 1)
        except _ZIP_ERRORS as exc:
            raise DamagedDocument(path=str(self.path), detail=f"{name}: {exc}") from None
        if len(data) > MAX_PART_BYTES:
            raise self._refuse("detail_part_size", part=name, size=_mb(len(data)),
                               limit=_mb(MAX_PART_BYTES))
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise self._refuse("detail_part_size", part=name, size=_mb(self.total),
                               limit=_mb(MAX_TOTAL_BYTES))
        return data

    def xml(self, name: str, required: bool = False) -> etree._Element | None:
        data = self.read(name)
        if data is None:
            if required:
                raise DamagedDocument(path=str(self.path), detail=f"thiếu phần {name}")
            return None
        elements = data.count(b"<") - data.count(b"</")  # at least as many as the parser makes
        self.elements += elements
        if elements > MAX_ELEMENTS:
            raise self._refuse("detail_elements", part=name, limit=MAX_ELEMENTS)
        if self.elements > MAX_TOTAL_ELEMENTS:
            raise self._refuse("detail_total_elements", limit=MAX_TOTAL_ELEMENTS)
        for strict, transitional in _STRICT:
            if strict in data:
                data = data.replace(strict, transitional)
        try:
            return etree.fromstring(data, _PARSER)
        except etree.LxmlError as exc:
            raise DamagedDocument(path=str(self.path), detail=f"{name}: {exc}") from None

    def relationships(self, source: str) -> dict[str, str]:
        """Relationship type suffix (``officeDocument``, ``footnotes`` …) → part name."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if rels is None:
            return out
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.setdefault(kind, name)
        return out


def _classify_ole(path: Path) -> base_errors.ReportError:
    kind = ole_kind(path)
    if kind == "encrypted":
        return EncryptedDocument(path=str(path))
    if kind == "doc":
        return OldWordFormat(path=str(path))
    return NotWordDocument(path=str(path))


def ole_kind(path: Path) -> str:
    """What a compound file (OLE) holds: "encrypted" (an Office file with a password: an
    encrypted package, or a Word 97–2003 file whose header says it is encrypted), "doc" (a
    Word 97–2003 document), or "" (a spreadsheet, a presentation, anything else)."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        if any(mm.find(name) >= 0 for name in _ENCRYPTED_STREAMS):
            return "encrypted"
        entry = _directory_entry(mm, _WORD_STREAM)
        if entry is None:
            return ""
        return "encrypted" if _fib_encrypted(mm, entry) else "doc"


def _directory_entry(mm: mmap.mmap, name: bytes) -> int | None:
    """The offset of the directory entry (128 bytes, on a 128-byte boundary) of stream
    ``name`` in a compound file, or None."""
    at = mm.find(name + b"\0\0")
    while at >= 0:
        if at % 128 == 0 and at + 128 <= len(mm) \
                and struct.unpack_from("<H", mm, at + 64)[0] == len(name) + 2:
            return at
        at = mm.find(name + b"\0\0", at + 1)
    return None


def _fib_encrypted(mm: mmap.mmap, entry: int) -> bool:
    """Whether the Word 97–2003 file header (the FIB at the start of the WordDocument
    stream) has its "encrypted" flag set — a password-protected .doc."""
    if len(mm) < 512:
        return False
    shift = struct.unpack_from("<H", mm, 30)[0]
    if not 9 <= shift <= 12:
        return False
    start, size = struct.unpack_from("<IQ", mm, entry + 116)
    if size < 4096 or start >= 0xFFFFFFFA:  # small streams live elsewhere; a real one never
        return False
    offset = (start + 1) << shift
    if offset + 12 > len(mm):
        return False
    ident, flags = struct.unpack_from("<H", mm, offset)[0], struct.unpack_from("<H", mm,
                                                                               offset + 10)[0]
    return ident == 0xA5EC and bool(flags & 0x0100)  # fEncrypted


def _read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a file that exists, is a file and is not too large to
    import; else the typed error that says which."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise base_errors.FileMissing(path=str(path)) from None
    except OSError as exc:
        raise base_errors.IOProblem(path=str(path), detail=str(exc)) from None
    if not path.is_file():
        raise NotWordDocument(path=str(path))
    if st.st_size > MAX_FILE_BYTES:
        raise TooLarge(path=str(path), detail=("detail_file_size", {
            "size": _mb(st.st_size), "limit": _mb(MAX_FILE_BYTES)}))
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise base_errors.IOProblem(path=str(path), detail=str(exc)) from None


def sniff(path: str | Path) -> str:
    """What the file is, from its content (never its name): "docx", "doc", "odt", "rtf" or
    "html". Raises :class:`EncryptedDocument`, :class:`NotWordDocument`, :class:`TooLarge`,
    :class:`hgreport.errors.FileMissing` or :class:`hgreport.errors.IOProblem`."""
    path = Path(path)
    head = _read_head(path, 4096)
    if head.startswith(OLE_MAGIC):
        kind = ole_kind(path)
        if kind == "encrypted":
            raise EncryptedDocument(path=str(path))
        if kind == "doc":
            return "doc"
        raise NotWordDocument(path=str(path))
    if head.startswith(b"PK"):
        return "odt" if _is_odf_text(path, head) else "docx"
    text = _head_text(head)
    if text.startswith("{\\rtf"):
        return "rtf"
    if _looks_like_html(text):
        return "html"
    raise NotWordDocument(path=str(path))


def _is_odf_text(path: Path, head: bytes) -> bool:
    """An OpenDocument text: its first zip entry is "mimetype", stored, naming the type (as
    the standard asks); a zip that has no [Content_Types].xml but a "mimetype" entry too."""
    name_len, extra_len = struct.unpack_from("<HH", head, 26) if len(head) >= 30 else (0, 0)
    if head[30:30 + name_len] == b"mimetype":
        data = head[30 + name_len + extra_len:][:60]
        return any(data.startswith(t) for t in _ODF_TEXT)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" in names or "mimetype" not in names:
                return False
            info = zf.getinfo("mimetype")
            if info.file_size > 200:
                return False
            return zf.read(info).strip() in _ODF_TEXT
    except _ZIP_ERRORS:
        return False  # the .docx path says what is wrong with it


def _head_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace").lstrip("\ufeff \t\r\n")
    return head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")


def _looks_like_html(text: str) -> bool:
    """A web page: HTML (Word's "Save as Web Page" writes .doc files that are HTML, and so do
    systems that export "Word" files) or a single-file web page (MHTML)."""
    low = text[:4096].lower()
    if low.startswith(("<!doctype html", "<html", "mime-version:")):
        return True
    if low.startswith(("<?xml", "<!--", "<meta", "<head", "<body")):
        return "<html" in low or "<body" in low or "<head" in low
    return False


def open_word_package(path: str | Path) -> WordPackage:
    """Check ``path`` and read its Word XML parts, or raise a typed import error."""
    path = Path(path)
    head = _read_head(path, 8)
    if head == OLE_MAGIC:
        raise _classify_ole(path)
    if not head.startswith(b"PK"):
        raise NotWordDocument(path=str(path))
    try:
        zf = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise DamagedDocument(path=str(path), detail=str(exc)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise TooLarge(path=str(path), detail=("detail_entries", {
                "count": len(infos), "limit": MAX_ENTRIES}))
        reader = _Reader(path, zf)
        if "[Content_Types].xml" not in reader.names:
            raise NotWordDocument(path=str(path))
        main = reader.relationships("").get("officeDocument")
        if not main or main not in reader.names:
            # a zip with no main part: not an Office file at all, or a broken one
            if any(n.startswith("word/") for n in reader.names):
                raise DamagedDocument(path=str(path), detail="thiếu phần word/document.xml")
            raise NotWordDocument(path=str(path))
        types = reader.xml("[Content_Types].xml", required=True)
        ct_ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
        main_type = ""
        for ov in types.iter(ct_ns + "Override"):
            if (ov.get("PartName") or "").lstrip("/") == main:
                main_type = ov.get("ContentType") or ""
        if main_type and main_type not in _WORD_MAIN_TYPES:
            raise NotWordDocument(path=str(path))  # a spreadsheet or a presentation
        rels = reader.relationships(main)
        return WordPackage(
            path=path,
            document=reader.xml(main, required=True),
            styles=reader.xml(rels["styles"]) if "styles" in rels else None,
            numbering=reader.xml(rels["numbering"]) if "numbering" in rels else None,
            footnotes=reader.xml(rels["footnotes"]) if "footnotes" in rels else None,
            endnotes=reader.xml(rels["endnotes"]) if "endnotes" in rels else None,
            parts=sorted(reader.names),
        )
