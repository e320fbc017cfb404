"""Safe parsing of a TEI file: refuse what could hurt us, explain what is broken.

A volume file comes from outside (a download, a colleague), so it is untrusted input. We
parse with a hardened lxml parser (no entity expansion, no DTD loading, no network, size
limits kept) and refuse outright any document with a DOCTYPE, found by the parser
itself: nothing legitimate in FRUS TEI needs one, and refusing is simpler to reason about
than expanding safely. The parser's own limits (nesting, node size) are reported as
such. Every failure becomes one ``ImportFailed`` sentence naming the file and, where lxml
knows it, the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ...file_safety import NotARegularFile, read_regular_file
from ..errors import ImportFailed

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = "{" + TEI_NS + "}"

_SNIFF_BYTES = 8192
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
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


class _DtdFound(Exception):
    """Raised by the prolog scan at a DOCTYPE (with what it declares)."""

    def __init__(self, system_url: str | None) -> None:
        super().__init__(system_url)
        self.system_url = system_url


class _RootReached(Exception):
    """Raised by the prolog scan at the first element: no DOCTYPE can follow."""


class _PrologScan:
    """A parser target that only looks at the prolog: lxml calls ``doctype`` for any
    DOCTYPE, wherever it stands before the root (after comments of any length, processing
    instructions, a byte-order mark), and ``start`` at the root, where the scan stops."""

    def doctype(self, name: str, public_id: str | None, system_url: str | None) -> None:
        raise _DtdFound(system_url or public_id)

    def start(self, tag: str, attributes: dict) -> None:
        raise _RootReached

    def close(self) -> None:
        return None


def _refuse_dtd(path: Path, data: bytes) -> None:
    """Raise ImportFailed when the document has a DOCTYPE at all.

    Nothing legitimate in FRUS TEI needs one, and a DTD is where entity bombs and external
    entities live; refusing every DTD, found by the XML parser itself rather than by a
    text search, leaves no way around the refusal.
    """
    parser = etree.XMLParser(target=_PrologScan(), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except _DtdFound as found:
        raise ImportFailed(path, _dtd_problem(data, found.system_url),
                           _doctype_line(data)) from None
    except (_RootReached, etree.XMLSyntaxError):
        return  # no DOCTYPE before the root; syntax errors are reported by the real parse


_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s+)?[^\s>]+\s+(?:SYSTEM|PUBLIC)\b")


_PROLOG_ITEM = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE", re.DOTALL)


def _doctype_line(data: bytes) -> int | None:
    """The line of the DOCTYPE the parser found (the first one outside comments)."""
    for match in _PROLOG_ITEM.finditer(data):
        if match.group() == b"<!DOCTYPE":
            return data.count(b"\n", 0, match.start()) + 1
    return None


def _dtd_problem(data: bytes, system_url: str | None) -> str:
    """Words for a refused DOCTYPE (the refusal itself came from the parser; this only
    says what the DOCTYPE seems to hold)."""
    if _EXTERNAL_ENTITY.search(data, 0, 1 << 20):
        return "it declares an external entity, which is refused for safety"
    if b"<!ENTITY" in data[: 1 << 20]:
        return ("its DOCTYPE declares entities (a possible entity bomb), which are refused "
                "for safety")
    if system_url:
        return "its DOCTYPE refers to an external DTD, which is refused for safety"
    return "it has a DOCTYPE declaration, which is refused for safety"


_RESOURCE_LIMITS = (
    ("Excessive depth", "it nests elements more than 256 levels deep, beyond the parser's "
                        "safety limit"),
    ("Text node too long", "it holds a text node larger than 10 MB, beyond the parser's "
                           "safety limit"),
    ("Buffer size limit", "it holds a name, attribute or text larger than 10 MB, beyond the "
                          "parser's safety limit"),
    ("entity", "its entities expand too far, beyond the parser's safety limit"),
)


def _syntax_problem(error: etree.XMLSyntaxError, data: bytes) -> tuple[str, int | None]:
    """Turn lxml's complaint into one sentence; tell a truncated file from a broken one.

    lxml reports a cut-off file as an error on its very last line ("Premature end of data",
    or an unfinished tag), which is how a half-finished download looks.
    """
    message = re.sub(r",? line \d+, column \d+$", "", str(error.msg or error).strip())
    line = error.lineno or None
    if error.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "XML_PARSE_HUGE" in message:
        for clue, problem in _RESOURCE_LIMITS:
            if clue.lower() in message.lower():
                return problem, line
        return f"it exceeds one of the parser's safety limits ({message})", line
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
    _refuse_dtd(path, data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        problem, line = _syntax_problem(error, data)
        raise ImportFailed(path, problem, line) from None
    if root is None:
        raise ImportFailed(path, "it holds no XML element")
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise ImportFailed(path, "it has a DOCTYPE declaration, which is refused for safety")
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
    """The whole file, or ImportFailed with the reason: not a regular file (a device, a
    pipe, a link to nothing), larger than the import limit, or the system's own words."""
    try:
        return read_regular_file(Path(path))
    except NotARegularFile as error:
        raise ImportFailed(path, f"{error}, not a file to import") from None
    except ValueError as error:
        raise ImportFailed(path, str(error)) from None
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
