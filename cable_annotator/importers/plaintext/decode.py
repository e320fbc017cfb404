"""Turn the bytes of a plain-text file into one normalised ``str``.

Readers save pasted cables with whatever their editor chose: UTF-8 with or without a
byte-order mark, Windows-1252 from older Windows tools, ``\\r\\n`` or bare ``\\r`` line
ends. Offsets into the text must not depend on that choice, so every variant is brought
to the same string here, before any parsing.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ImportFailed

# Control characters that never occur in a text a reader saved: their presence means
# the file is binary (an image, a word-processor file) that happens to end in ``.txt``.
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f"}


def normalise_newlines(text: str) -> str:
    """Bring ``\\r\\n`` and bare ``\\r`` to ``\\n`` and drop a leading BOM.

    Pasted text can reach the parser without passing through a file, so this is applied
    to every text, not only to decoded files.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(data: bytes) -> str | None:
    """UTF-8 (a BOM is dropped) first; Windows-1252 as the fallback; None if neither fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    """True when more than a trace of the text is control characters."""
    controls = sum(1 for char in text if char < " " and char not in _TEXT_CONTROLS)
    return controls > max(2, len(text) // 1000)


def decode_text_file(path: str | Path) -> str:
    """Read ``path`` as text: UTF-8 (with or without BOM), else cp1252; newlines as ``\\n``.

    Raises ImportFailed naming the file when it is empty, binary (holds NUL bytes or
    many control characters; a UTF-16 file is refused too, with a hint) or undecodable.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFailed(path, f"cannot read the file: {error.strerror or error}") from error
    if not data.strip():
        raise ImportFailed(path, "the file is empty; expected the text of a FRUS document")
    if b"\x00" in data:
        hint = ""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = " (it looks like UTF-16: save it as UTF-8)"
        raise ImportFailed(path, f"this is a binary file, not plain text{hint}")
    text = _decode_bytes(data)
    if text is None:
        raise ImportFailed(path, "the text is neither UTF-8 nor Windows-1252 and cannot be read")
    if _looks_binary(text):
        raise ImportFailed(path, "this is a binary file, not plain text")
    return normalise_newlines(text)
