"""Entry point of the bundled program: the ``hgreport`` command (window, subcommands, self-test)."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
