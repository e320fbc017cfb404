"""The address lines: ``FM SECSTATE WASHDC``, ``TO AMEMBASSY LIMA PRIORITY``, ``INFO …``.

Each addressee line names a post in the telegraphic address form, optionally with its
precedence and the receiving post's serial (``TO SECSTATE WASHDC IMMEDIATE 3456``);
later traffic prefixes a routing indicator (``RUEHC/SECSTATE WASHDC``). A ``TO`` or
``INFO`` keyword opens a list that goes on line by line until the next keyword.
"""

from __future__ import annotations

import re

from ...domain.telegram import Addressee

PRECEDENCES = ("NIACT IMMEDIATE", "FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")
_ROUTING = re.compile(r"^(?:[A-Z]{4,6}\d?/)+")
_TRAILING = re.compile(rf"\s+(?P<prec>{'|'.join(PRECEDENCES)})?\s*(?P<serial>\d{{1,6}})?\s*$")
_SERIAL_FIRST = re.compile(rf"\s+(?P<serial>\d{{1,6}})\s+(?P<prec>{'|'.join(PRECEDENCES)})\s*$")

# Addresses with a readable name of their own; other AMEMBASSY/AMCONSUL lines are derived.
NAMED_ADDRESSES = {
    "SECSTATE WASHDC": "Department of State", "SECSTATE": "Department of State",
    "SECDEF WASHDC": "Department of Defense", "JCS WASHDC": "Joint Chiefs of Staff",
    "CIA WASHDC": "Central Intelligence Agency", "WHITE HOUSE": "White House",
    "WHITEHOUSE": "White House", "USUN NEW YORK": "U.S. Mission to the United Nations",
    "USUN NY": "U.S. Mission to the United Nations",
    "USMISSION NATO": "U.S. Mission to NATO", "USNATO": "U.S. Mission to NATO",
    "USMISSION GENEVA": "U.S. Mission Geneva", "USCINCSO": "U.S. Southern Command",
    "CINCPAC": "Commander in Chief, Pacific", "USCINCEUR": "U.S. European Command",
    "TREASURY WASHDC": "Department of the Treasury", "USIA WASHDC": "U.S. Information Agency",
    "AID WASHDC": "Agency for International Development",
    "DIA WASHDC": "Defense Intelligence Agency",
    "NSC WASHDC": "National Security Council", "USDOC WASHDC": "Department of Commerce",
}
_KINDS = (("AMEMBASSY ", "Embassy "), ("AMEMB ", "Embassy "), ("AMCONSUL ", "Consulate "),
          ("AMCONGEN ", "Consulate General "), ("USMISSION ", "U.S. Mission "),
          ("USINT ", "U.S. Interests Section "), ("USLO ", "U.S. Liaison Office "),
          ("USDEL ", "U.S. Delegation "))


# Addresses that are acronyms or military commands, kept as sent.
_KEEP_CAPITALS = {"NATO", "USUN", "USNATO", "OECD", "IAEA", "USEC", "SHAPE", "CINCPAC",
                  "CINCLANT", "CINCEUR", "USCINCEUR", "USCINCSO", "USCINCPAC", "CINCUSNAVEUR",
                  "USDAO", "MAAG", "USLO", "USINT", "EC", "UN", "CIA", "JCS", "DIA", "NSA"}


def readable_name(address: str) -> str:
    """``AMEMBASSY LA PAZ`` → ``Embassy La Paz``; ``SECSTATE WASHDC`` → ``Department of State``."""
    address = re.sub(r"\s+", " ", address.strip().upper())
    if address in NAMED_ADDRESSES:
        return NAMED_ADDRESSES[address]
    if address.startswith("USMISSION ") and address[10:] in NAMED_ADDRESSES:
        return NAMED_ADDRESSES[address[10:]]  # USMISSION USUN NEW YORK
    for prefix, kind in _KINDS:
        if address.startswith(prefix):
            return kind + _title(address[len(prefix):])
    return address if address in _KEEP_CAPITALS else _title(address)


def _title(words: str) -> str:
    return " ".join(w if len(w) <= 3 and w in {"US", "USA", "UN", "EC"} else w.capitalize()
                    for w in words.split())


def parse_addressee(line: str, role: str, default_precedence: str = "") -> Addressee | None:
    """One address line (without its ``TO``/``INFO`` keyword) as an Addressee."""
    text = _ROUTING.sub("", re.sub(r"\s+", " ", line.strip().upper()))
    text = text.rstrip(".,")
    if not text:
        return None
    precedence, serial = "", ""
    match = _SERIAL_FIRST.search(text) or _TRAILING.search(text)
    if match and (match["prec"] or match["serial"]):
        precedence = match["prec"] or ""
        serial = match["serial"] or ""
        text = text[:match.start()].strip()
    if not text:
        return None
    return Addressee(text, readable_name(text), role, precedence or default_precedence, serial)


def sender_of(line: str) -> str:
    """``FM AMEMBASSY LIMA`` → ``AMEMBASSY LIMA`` (a routing prefix dropped)."""
    text = re.sub(r"^\s*(?:FM|FROM)\s*:?\s*", "", line.strip(), flags=re.IGNORECASE)
    return _ROUTING.sub("", re.sub(r"\s+", " ", text.upper())).strip()
