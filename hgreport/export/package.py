"""The Word package around the body: a lean base document, page-number headers, properties.

python-docx's own default template carries 440 kB of table styles, a thumbnail and custom XML
that have nothing to do with a Party report; the base here holds only the parts the report
needs (document, styles from the profile, settings, core and app properties). python-docx
opens it and remains the owner of the package, its parts and relationships."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

import docx
from docx.document import Document

from ..layout.profile import Profile
from ..model import Header
from .ooxml import INVALID_XML, NSDECL, paragraph, ppr
from .styles import HEADER_STYLE, styles_xml

_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT_MAIN}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT_MAIN}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT_MAIN}.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    "</Relationships>"
)
_DOCUMENT = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f"<w:document {NSDECL}><w:body/></w:document>")
_SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {NSDECL}>'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    # a justified line that ends with a manual line break is not stretched across the page
    '<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="vi-VN"/><w:decimalSymbol w:val=","/>'
    '<w:listSeparator w:val=";"/></w:settings>'
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title/></cp:coreProperties>'
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>hgreport</Application></Properties>"
)


@lru_cache(maxsize=8)
def _base_package(profile: Profile, heading_levels: int, tables: bool) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("word/document.xml", _DOCUMENT),
                           ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
                           ("word/styles.xml", styles_xml(profile, heading_levels, tables)),
                           ("word/settings.xml", _SETTINGS), ("docProps/core.xml", _CORE),
                           ("docProps/app.xml", _APP)):
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return buf.getvalue()


def new_document(profile: Profile, heading_levels: int = 4, tables: bool = False) -> Document:
    """An empty python-docx document whose styles come from ``profile`` (frozen, so the base
    package of a profile is made once and kept), with the table styles when it will hold
    ``tables``."""
    return docx.Document(io.BytesIO(_base_package(profile, max(heading_levels, 1), tables)))


def document_date(header: Header) -> dt.datetime:
    """The report's own date (for the file properties), so that the same report always gives
    the same properties; an incomplete or impossible date falls back to 1 January."""
    year = header.year if header.year and 1 <= header.year <= 9999 else 2000
    try:
        return dt.datetime(year, header.month or 1, header.day or 1)
    except ValueError:
        return dt.datetime(year, 1, 1)


def _property(text: str) -> str:
    """A core property value: XML-safe, one line, at most the 255 characters allowed."""
    return " ".join(INVALID_XML.sub(" ", text or "").split())[:255]


def set_properties(document: Document, header: Header) -> None:
    """Fixed core properties: title, subject, author; dates from the report, not the clock."""
    cp = document.core_properties
    cp.title = _property(header.summary)
    cp.subject = _property(header.type_name)
    cp.author = _property(header.issuer)
    cp.last_modified_by = "hgreport"
    cp.language = "vi-VN"
    cp.revision = 1
    cp.created = cp.modified = document_date(header)


_PAGE_FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
               '<w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def add_page_numbers(document: Document, profile: Profile) -> None:
    """Page numbers in the page header (aligned and sized by the header style); page 1 gets
    its own empty header unless the profile shows the number there too."""
    from docx.oxml.parser import parse_xml

    spec = profile.page_number
    section = document.sections[0]

    def fill(header, content: str) -> None:
        """Give a page header exactly one paragraph holding ``content``."""
        header.is_linked_to_previous = False
        element = header.part.element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(f"<w:wrap {NSDECL}>"
                                 + paragraph(ppr(style=HEADER_STYLE), content) + "</w:wrap>")[0])

    fill(section.header, _PAGE_FIELD)
    if not spec.show_on_first_page:
        section.different_first_page_header_footer = True
        fill(section.first_page_header, "")



_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word gives user properties
CUSTOM_PARTNAME = "/docProps/custom.xml"


def custom_properties_xml(values: dict[str, str]) -> str:
    """``docProps/custom.xml`` holding ``values`` as text properties (in the given order)."""
    from .ooxml import esc, esc_attr

    props = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{esc_attr(name)}">'
        f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{props}</Properties>')


def set_custom_properties(document: Document, values: dict[str, str]) -> None:
    """Give the Word file the custom properties ``values`` (File → Properties → Custom in
    Word): the stamp that tells which report and revisions an export came from."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = Part(PackURI(CUSTOM_PARTNAME), CT.OFC_CUSTOM_PROPERTIES,
                custom_properties_xml(values).encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(data: bytes) -> dict[str, str]:
    """The text custom properties of a Word file's ``docProps/custom.xml`` content."""
    from lxml import etree

    root = etree.fromstring(data)
    out: dict[str, str] = {}
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        name = prop.get("name")
        if name:
            out[name] = "".join(prop.itertext())
    return out
