"""The report file — the only place with SQL.

One SQLite file per report, shared safely by several editors (rollback journal, never WAL; short
transactions; optimistic versions; a revision for every change; tombstones; full-text search).

- :mod:`.report_store` — :class:`ReportStore`: opening, creating, transactions and read snapshots, the
  reads of the window and the command line; its operations come from three mixins:
- :mod:`.edits` — the window's and the command line's edits (sections, footnotes, header);
- :mod:`.entities` and :mod:`.collab` — what merge, history, rebase, sharing and backups need
  (entity states and revisions; leases, authors, conflicts, content stamps);
- :mod:`.writes` — the one write path that keeps revisions and the search index right;
- :mod:`.rows` — how each kind of entity maps to its row; :mod:`.search` — the search index;
- :mod:`.schema` — tables and migrations; :mod:`.files` — the file on disk;
  :mod:`.errormap` — SQLite's errors as typed errors.
"""

from .collab import file_fingerprint
from .edits import position_at
from .report_store import ReportStore
from .rows import REPORT_ROW, ConflictRecord, CopyContents, Lease, Revision
from .schema import APP_ID, FORMAT_VERSION, migrations
from .search import SearchHit

__all__ = [
    "APP_ID",
    "FORMAT_VERSION",
    "REPORT_ROW",
    "ConflictRecord",
    "CopyContents",
    "Lease",
    "ReportStore",
    "Revision",
    "SearchHit",
    "file_fingerprint",
    "migrations",
    "position_at",
]
