"""The citation historians give a telegram read in AAD (or PlusD), Chicago style.

A FRUS document is cited by volume, document and page; a raw telegram by what identifies
it in the archive: number, sender and addressee, subject, date (and the DTG's time), the
message reference number, the file (Central Foreign Policy Files, RG 59, National
Archives) and where it was read::

    Telegram 16696, Department of State to Embassy Lima, "Peruvian Purchase of Soviet
    Tanks," January 26, 1974, 0043Z, 1974STATE016696, Central Foreign Policy Files,
    1973–1979, Record Group 59, National Archives, Access to Archival Databases (AAD),
    para. 4.

The subject is sent in capitals; it is given in headline case, keeping the usual
acronyms of the traffic (USG, GOP, USSR, UN…) in capitals.
"""

from __future__ import annotations

from datetime import date as _date

from .cable import Cable

ACRONYMS = {
    "US", "U.S.", "USG", "USSR", "UN", "UNGA", "UNSC", "OAS", "NATO", "GOP", "GOC", "GOB",
    "MFA", "EC", "EEC", "IMF", "OPEC", "LARG", "FYI", "FRG", "GDR", "PRC", "ROK", "DRV",
    "GVN", "PLO", "CSCE", "SALT", "MBFR", "IAEA", "OECD", "AID", "CIA", "DOD", "USIA",
    "NSC", "IDB", "IBRD", "RCC", "GOE", "GOI", "GOJ", "GOA", "II", "III", "IV", "UK",
}
_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the",
          "to", "with", "vs.", "via"}


def headline_case(text: str) -> str:
    """``PERUVIAN PURCHASE OF SOVIET TANKS`` → ``Peruvian Purchase of Soviet Tanks``."""
    if not text.isupper():
        return text
    words = text.split()
    out = []
    for index, word in enumerate(words):
        bare = word.strip(",.:;()\"'")
        if bare in ACRONYMS:
            out.append(word)
        elif index and word.lower() in _SMALL and not out[-1].endswith(":"):
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def _day(iso: str) -> str:
    try:
        day = _date(int(iso[:4]), int(iso[5:7]), int(iso[8:10]))
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"


def cite_telegram(cable: Cable, paragraph: str = "") -> str:
    """The citation of a raw telegram, with the paragraph of the quoted passage."""
    telegram = cable.telegram
    if telegram is None:
        raise ValueError(f"{cable.id} is not a raw telegram")
    pieces = [f"Telegram {telegram.serial}" if telegram.serial else "Telegram"]
    addressee = ", ".join(a.name for a in telegram.action[:2])
    if len(telegram.action) > 2:
        addressee += " and others"
    parties = " to ".join(p for p in (telegram.sender_name, addressee) if p)
    if parties:
        pieces.append(parties)
    if cable.subject:
        pieces.append(f"\u201c{headline_case(cable.subject.rstrip('.'))},\u201d")
    if cable.date:
        when = _day(cable.date)
        if len(telegram.sent) > 10:
            when += f", {telegram.sent[11:13]}{telegram.sent[14:16]}Z"
        pieces.append(when)
    pieces.append(cable.id)
    year = int(cable.id[:4]) if cable.id[:4].isdigit() else 0
    if 1973 <= year <= 1979:
        pieces.append("Central Foreign Policy Files, 1973\u20131979, Record Group 59, "
                      "National Archives")
        pieces.append("WikiLeaks Public Library of US Diplomacy (PlusD)"
                      if telegram.source_format == "plusd"
                      else "Access to Archival Databases (AAD)")
    else:
        pieces.append("Department of State")
        if telegram.source_format == "plusd":
            pieces.append("WikiLeaks Public Library of US Diplomacy (PlusD)")
    if paragraph:
        prefix = "paras." if "\u2013" in paragraph else "para."
        pieces.append(f"{prefix} {paragraph}")
    text = ", ".join(pieces)
    return text.replace(",\u201d,", ",\u201d") + "."
