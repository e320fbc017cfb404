"""Plain text in, Cables out: FRUS pages as readers copy them, and any other text verbatim.

``frus_page`` reads a page of any era and copy dialect, with ``markdown_text`` (taking
a Markdown copy's headings, emphasis and links off) and ``hard_wrap`` (undoing the line
breaks of a copy saved at 72–80 columns), ``opening`` (the lines that open it, one
rule per shape), ``apparatus`` (its note list, one reader per shape) and
``markdown_notes`` (``[^1]`` references and their definitions), ``markers`` (page labels
and the search of one footnote marker, with ``telegram_series`` telling a marker glued to
a telegram's number), ``note_matching`` (which numbers or symbols are the notes'
markers: shifted numbering, copies without notes) and ``metadata``
(datelines, signatures), over the body joined by ``body_text``;
``verbatim`` keeps any other text as it is;
``guess`` tells the two apart; ``decode`` turns bytes into text.
"""

from .decode import decode_text_file
from .frus_page import parse_frus_text, read_frus_text
from .guess import TextGuess, guess_text_format, looks_like_frus_text
from .verbatim import parse_plain_text

__all__ = [
    "TextGuess", "decode_text_file", "guess_text_format", "looks_like_frus_text",
    "parse_frus_text", "parse_plain_text", "read_frus_text",
]
