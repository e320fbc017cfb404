"""Plain text in, Cables out: FRUS pages as readers copy them, and any other text verbatim."""

from .decode import decode_text_file
from .frus_page import looks_like_frus_text, parse_frus_text, read_frus_text

__all__ = ["decode_text_file", "looks_like_frus_text", "parse_frus_text", "read_frus_text"]
