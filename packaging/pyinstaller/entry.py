"""The bundled program's entry point: the same ``main`` as ``cable-annotator``."""

import sys

from cable_annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
