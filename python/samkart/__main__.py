"""``python -m samkart``: the command line, as the ``samkart`` command (:mod:`samkart.cli`)."""

from __future__ import annotations

import sys

from samkart.cli import main

if __name__ == "__main__":
    sys.exit(main())
