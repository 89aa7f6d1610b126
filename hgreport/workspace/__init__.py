"""The working copy of an open report, without Qt: what is edited and not yet saved, saving with
the rule for a colleague's earlier save, colleagues' saves taken in, footnote bookkeeping and
the section tree's operations.

- :mod:`.working_copy` — :class:`Workspace`: the loaded report, unsaved edits, lookups; its
  operations come from four mixins:
- :mod:`.saving` — saves, combining with a colleague's save, answers to questions, history;
- :mod:`.pulling` — colleagues' saves taken in;
- :mod:`.footnotes` — which footnotes live, new and copied footnotes, problems;
- :mod:`.structure` — add, rename, move, delete, restore (each with its inverse);
- :mod:`.changes` — :class:`Changes`, what an operation changed (the window refreshes that);
- :mod:`.questions` — :class:`Question`, what to ask when both changed the same thing.

The window (``ui/session.py``) keeps one text document per section and tells the workspace
what the person typed; the command line and tests use the workspace directly.
"""

from .changes import Changes
from .questions import BOTH, MINE, THEIRS, Question
from .structure import Place
from .working_copy import Workspace

__all__ = ["BOTH", "MINE", "THEIRS", "Changes", "Place", "Question", "Workspace"]
