"""Cable Annotator: a desktop workbench for reading and annotating diplomatic cables."""

__version__ = "0.1.0"
