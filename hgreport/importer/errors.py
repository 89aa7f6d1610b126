"""Files the import refuses, each a :class:`hgreport.errors.ReportError` with a message a clerk
can act on (Vietnamese by default, English available)."""

from __future__ import annotations

from ..errors import ReportError
from .messages import message


class ImportRefused(ReportError):
    """Base of the import's own errors; messages come from :mod:`.messages`."""

    key = "import_not_word"
    exit_code = 3

    def message(self, lang: str | None = None) -> str:
        args = dict(self.args_)
        for name, value in args.items():
            if isinstance(value, tuple):  # (key, args) of a message part, translated late
                args[name] = message(value[0], lang, **value[1])
        return message(self.key, lang, **args)


class OldWordFormat(ImportRefused):
    """A Word 97–2003 ``.doc`` file (an OLE compound file)."""

    key = "import_old_doc"


class EncryptedDocument(ImportRefused):
    """A password-protected Word file (an OLE container holding an EncryptedPackage)."""

    key = "import_encrypted"


class DamagedDocument(ImportRefused):
    """A zip that cannot be read, or a Word file whose XML is broken."""

    key = "import_damaged"


class NotWordDocument(ImportRefused):
    """Any other file: a PDF, a spreadsheet, a picture, an empty file …"""

    key = "import_not_word"


class TooLarge(ImportRefused):
    """An absurdly large file, or a zip bomb."""

    key = "import_too_large"
    exit_code = 10


class NeedsLibreOffice(ImportRefused):
    """A .doc, .odt or .rtf file, and no LibreOffice on this computer to convert it."""

    key = "import_needs_libreoffice"


class HtmlDocument(ImportRefused):
    """A web page saved under a Word name (“Save as web page”, systems that export .doc)."""

    key = "import_html"


class ConversionFailed(ImportRefused):
    """LibreOffice ended without writing the .docx (a damaged file, a crash)."""

    key = "import_convert_failed"
    exit_code = 8


class ConversionTimedOut(ImportRefused):
    """LibreOffice did not finish in time and was stopped."""

    key = "import_convert_timeout"
    exit_code = 8


class ConversionCancelled(ImportRefused):
    """The user stopped the conversion."""

    key = "import_convert_cancelled"
    exit_code = 1
