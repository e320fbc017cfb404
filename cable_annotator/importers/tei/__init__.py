"""FRUS TEI volumes (the XML history.state.gov is built from) → Volume and Cables."""

from .reader import looks_like_tei, read_tei_volume

__all__ = ["looks_like_tei", "read_tei_volume"]
