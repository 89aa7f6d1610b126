"""``python -m hgreport`` is the ``hgreport`` command."""

import sys

from .cli import main

sys.exit(main())
