"""Safe parsing of a TEI file: refuse what could hurt us, explain what is broken.

A volume file comes from outside (a download, a colleague), so it is untrusted input. We
parse with a hardened lxml parser (no entity expansion, no DTD loading, no network, size
limits kept) and refuse outright any DOCTYPE that declares entities or points at an
external DTD: nothing legitimate in FRUS TEI needs one, and refusing is simpler to reason
about than expanding safely. Every failure becomes one ``ImportFailed`` sentence naming the
file and, where lxml knows it, the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import ImportFailed

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = "{" + TEI_NS + "}"

_SNIFF_BYTES = 8192
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+[^\[>]*(\[.*?\]\s*)?>", re.DOTALL)
_EXTERNAL_ID = re.compile(r"\b(SYSTEM|PUBLIC)\b")
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(%\s+)?[^\s>]+\s+(SYSTEM|PUBLIC)?")
_TEI_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:TEI|teiCorpus)[\s>/]")


def _parser() -> etree.XMLParser:
    """A new hardened parser; lxml parsers are not thread-safe, so never share one."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def _head_text(data: bytes) -> str:
    """The start of the file as text, enough to see its prolog and DOCTYPE."""
    head = data[: 1 << 16]
    if head.startswith(_UTF16_BOMS):
        return head.decode("utf-16", errors="replace")
    if head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM):]
    return head.decode("utf-8", errors="replace")


def _refuse_doctype(path: Path, data: bytes) -> None:
    """Raise ImportFailed for a DOCTYPE that declares entities or names an external DTD."""
    head = _head_text(data)
    start = head.find("<!DOCTYPE")
    if start < 0:
        return
    line = head.count("\n", 0, start) + 1
    match = _DOCTYPE.match(head, start)
    doctype = match.group(0) if match else head[start:]
    subset = match.group(1) or "" if match else doctype
    for entity in _ENTITY_DECL.finditer(subset):
        if entity.group(2):
            raise ImportFailed(path, "it declares an external entity, which is refused "
                                     "for safety", line)
    if "<!ENTITY" in subset:
        raise ImportFailed(path, "its DOCTYPE declares entities (a possible entity bomb), "
                                 "which are refused for safety", line)
    outer = doctype.replace(subset, "") if subset else doctype
    if _EXTERNAL_ID.search(outer):
        raise ImportFailed(path, "its DOCTYPE refers to an external DTD, which is refused "
                                 "for safety", line)


def _syntax_problem(error: etree.XMLSyntaxError, data: bytes) -> tuple[str, int | None]:
    """Turn lxml's complaint into one sentence; tell a truncated file from a broken one.

    lxml reports a cut-off file as an error on its very last line ("Premature end of data",
    or an unfinished tag), which is how a half-finished download looks.
    """
    message = re.sub(r",? line \d+, column \d+$", "", str(error.msg or error).strip())
    line = error.lineno or None
    last_line = data.rstrip(b" \t\r\n").count(b"\n") + 1
    if "Premature end of data" in message or (line is not None and line >= last_line
                                              and "Extra content" not in message
                                              and "mismatch" not in message):
        return "the file is truncated: the XML stops before the volume is complete", line
    if "not defined" in message and "Entity" in message:
        return f"it uses an entity that is not declared ({message})", line
    return f"it is not well-formed XML ({message})", line


def parse_tei_bytes(path: Path, data: bytes) -> etree._Element:
    """Parse ``data`` (the bytes of ``path``) and return the TEI root element.

    Raises ImportFailed for an empty, truncated, malformed, unsafe or non-TEI file.
    """
    if not data.strip(b" \t\r\n" + _UTF8_BOM):
        raise ImportFailed(path, "the file is empty")
    _refuse_doctype(path, data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        problem, line = _syntax_problem(error, data)
        raise ImportFailed(path, problem, line) from None
    if root is None:
        raise ImportFailed(path, "it holds no XML element")
    if root.tag != TEI + "TEI":
        name = etree.QName(root).localname if isinstance(root.tag, str) else str(root.tag)
        namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
        if name == "TEI":
            problem = f"its <TEI> root is not in the TEI namespace ({namespace or 'none'})"
        else:
            problem = f"it is not a TEI document (the root element is <{name}>)"
        raise ImportFailed(path, problem, root.sourceline)
    return root


def read_bytes(path: Path) -> bytes:
    """The whole file, or ImportFailed with the operating system's reason."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailed(path, f"it cannot be read ({error.strerror or error})") from None


def looks_like_tei(path: str | Path) -> bool:
    """Cheap sniff of the first few KB: a TEI root element or the TEI namespace.

    Used to pick an importer for a dropped file, so it never raises: an unreadable file
    simply does not look like TEI.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM):]
    if not head.lstrip().startswith(b"<"):
        return False
    return TEI_NS.encode() in head or _TEI_ROOT.search(head) is not None
