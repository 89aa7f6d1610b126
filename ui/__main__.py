"""``python -m ui`` is the whole program, as the ``hgreport`` command is."""

import sys

from .launch import main

sys.exit(main())
