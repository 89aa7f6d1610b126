"""Pages: the report laid out on paper by its format profile, for PDF, screen and printer.

:func:`paginate` gives the page model (:mod:`.page`) that every renderer draws;
:func:`font_set` finds the fonts the pages are measured and drawn with;
:func:`hgreport.pages.pdf.export_pdf` writes the pages as a PDF with the fonts embedded."""

from .errors import FontsMissing
from .fonts import FontSet, font_set
from .page import Page, Pages, Place, Rule, Text
from .paginate import paginate

__all__ = [
    "FontSet",
    "FontsMissing",
    "Page",
    "Pages",
    "Place",
    "Rule",
    "Text",
    "font_set",
    "paginate",
]
