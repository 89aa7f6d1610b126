"""Review rounds: a report goes out as "Dự thảo lần 1", comes back with edits, tracked changes
and comments, and goes out again.

- :mod:`.drafts` — named drafts (the revision of every section, footnote and the header) and
  the stamp every export leaves in the Word file;
- :mod:`.compare` — the export with Word tracked changes against a draft;
- :mod:`.comments` and :mod:`.word_comments` — comments (góp ý) in the file, and as Word
  comments in an export;
- :mod:`.bringback`, :mod:`.suggestions`, :mod:`.tracked`, :mod:`.wordread` — a reviewed Word
  file back into the report: direct edits merged three-way, tracked changes as suggestions,
  comments on their paragraph.
"""
