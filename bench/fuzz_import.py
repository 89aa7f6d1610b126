"""Fuzz the Word import: damaged and hostile variants of the seed report exported to Word.

Areas (each case is deterministic from --seed, the area and its number):

- ``bytes: anywhere``     1–4 bytes flipped anywhere in the .docx
- ``bytes: zip headers``  1–3 bytes flipped in the zip's local headers, central directory or end
- ``xml: <part>``         one mutation of document.xml, footnotes.xml, numbering.xml (a list
  definition is added to the seed for this) or styles.xml: delete, duplicate, swap or move an
  element, a huge or odd number in an attribute, deep nesting, repeated runs or paragraphs,
  invalid characters, entity expansion; the package itself stays a valid zip

Each import must either succeed (and give a report whose footnote references are sound: no
reference without its text, no text referenced twice, every unreferenced text named in the
import report) or raise the importer's own error, within the time limit.

    python3 bench/fuzz_import.py [--n 250] [--seed 1] [--timeout 10] [--only AREA#I] [--save DIR]

``--n`` is the number of cases per area; ``--only "xml: styles#17"`` re-runs one case and
``--save DIR`` keeps the input of every failing case there.
"""

from __future__ import annotations

import argparse
import copy
import io
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from fuzz_common import Table, Worker, flip_bytes, seed_docx
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = ("document", "footnotes", "numbering", "styles")
AREAS = ("bytes: anywhere", "bytes: zip headers", *(f"xml: {p}" for p in PARTS))

NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%3)"/></w:lvl>'
    '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/>'
    '<w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1/"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="7"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>'
    '</w:numbering>')

HUGE = ["99999999999999999999", "-99999999999", "2147483648", "4294967297", "1e308", "NaN",
        "", " 7", "0x7fffffff", "²", "٣", "9" * 5000, "-0", "FFFFFFFFFFFF", "D800",
        "\u202e1"]
BAD_TEXT = ["&#1;", "&#xFFFE;", "&#xD800;", "\x0b", "\x0c", "\u202e", "\ufeff", "\u0085",
            "\U0001F600", "\u0301" * 50, "a" * 200_000, "&amp;#1;", "]]>"]
ENTITIES = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
    '<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">'
    '<!ENTITY x SYSTEM "file:///etc/passwd">]>')


# -- the seed package ---------------------------------------------------------------------------
def seed_parts(folder: Path) -> dict[str, bytes]:
    """The seed exported to Word, with a list definition added and used by some paragraphs
    (so numbering.xml has something to break)."""
    with zipfile.ZipFile(seed_docx(folder)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = etree.fromstring(parts["word/document.xml"])
    body = doc.find(f"{W}body")
    paras = [p for p in body.iter(f"{W}p") if p.find(f"{W}r") is not None]
    for n, para in enumerate(paras[12:80:3]):
        ppr = para.find(f"{W}pPr")
        if ppr is None:
            ppr = etree.SubElement(para, f"{W}pPr")
            para.remove(ppr)
            para.insert(0, ppr)
        num = etree.SubElement(ppr, f"{W}numPr")
        etree.SubElement(num, f"{W}ilvl").set(f"{W}val", str(n % 4))
        etree.SubElement(num, f"{W}numId").set(f"{W}val", str(n % 3 + 1))
    parts["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    parts["word/numbering.xml"] = NUMBERING.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rId99" Type="{REL}/numbering" '
        'Target="numbering.xml"/></Relationships>').encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", '<Override PartName="/word/numbering.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>').encode()
    return parts


def pack(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def header_ranges(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the zip's structure: local headers with names, central directory, end."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        out = [(i.header_offset, i.header_offset + 30 + len(i.filename.encode()))
               for i in infos]
        cd_start = zf.start_dir
    out.append((cd_start, len(data)))
    return out


# -- XML mutations ----------------------------------------------------------------------------
def _elements(root) -> list:
    return [e for e in root.iter() if isinstance(e.tag, str) and e is not root]


def _unrelated(a, b) -> bool:
    return a is not b and b not in set(a.iterancestors()) and a not in set(b.iterancestors())


def mutate_xml(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutation of an XML part: (its name, the new bytes)."""
    root = etree.fromstring(data)
    elements = _elements(root)
    op = rng.choice(["delete", "duplicate", "swap", "move", "number", "number", "nest",
                     "repeat", "text", "entity"])
    el = rng.choice(elements)
    if op == "delete":
        el.getparent().remove(el)
    elif op == "duplicate":
        el.addnext(copy.deepcopy(el))
    elif op == "swap":
        other = rng.choice(elements)
        if _unrelated(el, other):
            a, b = etree.Element("a"), etree.Element("b")
            el.addprevious(a)
            other.addprevious(b)
            a.addnext(other)
            b.addnext(el)
            a.getparent().remove(a)
            b.getparent().remove(b)
    elif op == "move":
        target = rng.choice(elements)
        if _unrelated(el, target):
            target.append(el)
    elif op == "number":
        with_attrs = [e for e in elements if e.attrib] or [el]
        el = rng.choice(with_attrs)
        names = list(el.attrib) or [f"{W}val"]
        el.set(rng.choice(names), rng.choice(HUGE))
    elif op == "nest":
        depth = rng.choice([50, 120, 250, 300, 2000])
        wrapper = rng.choice([el.tag, f"{W}tbl", f"{W}hyperlink", f"{W}sdt", f"{W}ins",
                              f"{W}customXml", f"{W}smartTag"])
        parent, inner = el.getparent(), el
        index = parent.index(el)
        for _ in range(depth):
            if wrapper == f"{W}tbl":
                tbl = etree.Element(f"{W}tbl")
                etree.SubElement(etree.SubElement(tbl, f"{W}tr"), f"{W}tc").append(inner)
                inner = tbl
            elif wrapper == f"{W}sdt":
                sdt = etree.Element(f"{W}sdt")
                etree.SubElement(sdt, f"{W}sdtContent").append(inner)
                inner = sdt
            else:
                outer = etree.Element(wrapper)
                outer.append(inner)
                inner = outer
        parent.insert(index, inner)
    elif op == "repeat":
        count = rng.choice([100, 2000, 20000])
        for _ in range(count):
            el.addnext(copy.deepcopy(el))
    elif op == "text":
        texts = [e for e in elements if e.text] or [el]
        el = rng.choice(texts)
        marker = "\u2063FUZZ\u2063"
        el.text = (el.text or "") + marker
        xml = etree.tostring(root, encoding="unicode")
        return op, xml.replace(marker, rng.choice(BAD_TEXT), 1).encode("utf-8", "surrogatepass")
    xml = etree.tostring(root, encoding="unicode")
    if op == "entity":
        body = xml.replace('w:val="', 'w:val="&e;', 1) if rng.random() < 0.5 else xml
        for t in ("<w:t>", '<w:t xml:space="preserve">'):
            body = body.replace(t, t + rng.choice(["&g;", "&x;", "&e;&e;"]), 3)
        return op, ('<?xml version="1.0" encoding="UTF-8"?>' + ENTITIES + body).encode()
    return op, xml.encode()


def make_case(area: str, index: int, seed: int, parts: dict[str, bytes],
              packed: bytes) -> tuple[bytes, str]:
    rng = random.Random(f"{seed}:{area}:{index}")
    if area == "bytes: anywhere":
        return flip_bytes(packed, rng, rng.randint(1, 4)), "flip"
    if area == "bytes: zip headers":
        return flip_bytes(packed, rng, rng.randint(1, 3), header_ranges(packed)), "flip"
    name = f"word/{area.split(': ')[1]}.xml"
    op, data = mutate_xml(parts[name], rng)
    return pack(dict(parts, **{name: data})), op


# -- one import, in the worker ----------------------------------------------------------------
def try_import(path: str) -> tuple[str, str]:
    from hgreport.errors import ReportError
    from hgreport.importer import import_docx

    try:
        result = import_docx(path)
    except ReportError as exc:
        if exc.__cause__ is not None:  # the importer's last safety net caught a bug
            from fuzz_common import signature

            return "traceback", "safety net: " + signature(exc.__cause__)
        detail = exc.args_.get("detail", "")
        detail = detail[0] if isinstance(detail, tuple) else str(detail)
        return "clean", f"{type(exc).__name__}: {detail[:90]}"
    found = result.report.check_references()
    if found.missing or found.duplicates:
        return "lost", (f"{len(found.missing)} references without text, "
                        f"{len(found.duplicates)} texts referenced twice")
    keys = {p.key for p in result.summary.issues}
    if found.orphans and "problem_unreferenced_note" not in keys:
        return "lost", f"{len(found.orphans)} unreferenced footnotes not in the import report"
    result.summary_lines("vi")
    result.summary_lines("en")
    return "ok", ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=250, help="cases per area (default 250)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per case")
    parser.add_argument("--only", help='one case, e.g. "xml: styles#17"')
    parser.add_argument("--save", type=Path, help="folder to keep failing inputs in")
    parser.add_argument("--details", action="store_true", help="list the kinds of refusals")
    args = parser.parse_args()
    table = Table()
    started = time.perf_counter()
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as tmp, Worker(try_import, args.timeout) as worker:
        folder = Path(tmp)
        parts = seed_parts(folder)
        packed = pack(parts)
        baseline = folder / "baseline.docx"
        baseline.write_bytes(packed)
        outcome, detail = worker.run(str(baseline))
        if outcome != "ok":
            print(f"the unmutated seed does not import: {outcome} {detail}")
            return 1
        cases = [(a, i) for a in AREAS for i in range(args.n)]
        if args.only:
            area, _, number = args.only.rpartition("#")
            cases = [(area, int(number))]
        for area, index in cases:
            data, op = make_case(area, index, args.seed, parts, packed)
            path = folder / "case.docx"
            path.write_bytes(data)
            t0 = time.perf_counter()
            outcome, detail = worker.run(str(path))
            took = time.perf_counter() - t0
            case = f'--seed {args.seed} --only "{area}#{index}" ({op})'
            slowest = max(slowest, (took, case))
            table.add(area, outcome, detail, case)
            if outcome not in ("ok", "clean") and args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                safe = area.replace(": ", "-").replace(" ", "-")
                (args.save / f"{safe}-{index}.docx").write_bytes(data)
    table.print(f"Word import fuzz: {len(cases)} cases, seed {args.seed}, "
                f"limit {args.timeout:.0f} s per case", ok_name="imported",
                details=args.details)
    print(f"time {time.perf_counter() - started:.1f} s; slowest case {slowest[0] * 1000:.0f} ms "
          f"({slowest[1]})")
    return 1 if table.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
