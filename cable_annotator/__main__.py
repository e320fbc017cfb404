"""``python -m cable_annotator``: the same program as the ``cable-annotator`` command."""

import sys

from .cli import main

sys.exit(main())
