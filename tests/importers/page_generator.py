"""Large FRUS pages made up for timing the plain-text importer (tests and benchmark)."""

from __future__ import annotations


def synthetic_page(size: int, note_every: int = 3, indented: bool = False) -> str:
    """A FRUS page of ``size`` characters: numbered paragraphs with glued markers (one
    every ``note_every`` paragraphs), labels restarting at 1, page labels, and a note list
    without indentation at the end (the shape that makes the importer weigh "1." lines
    as starts of the notes). ``indented`` gives the list the site's indentation."""
    parts = ["293. Telegram 16696 From the Department of State to the Embassy in Peru1",
             "Washington, January 29, 1974, 2224Z.", "16696. Subject: Tanks."]
    marker, page, length = 2, 780, 0
    paragraph = 0
    while length < size:
        paragraph += 1
        sentence = (f"The Embassy reported on telegram {paragraph * 7} that the Minister "
                    "agreed, and 1,000 tanks of 1974 were noted. ")
        text = f"{paragraph % 9 + 1}. " + sentence * 3
        if paragraph % note_every == 0:  # a note glued to a word
            text = text.replace("Minister agreed", f"Minister{marker} agreed", 1)
            marker += 1
        if paragraph % 5 == 0:
            text += f" [Page {page}] " + sentence
            page += 1
        parts.append(text)
        length += len(parts[-1]) + 2
    indent = "  " if indented else ""
    notes = [f"{indent}1. Source: Department of State, Central Files, POL 1 PERU. Secret."] + [
        f"{indent}{number}. Not printed; see telegram {number * 11}." for number in
        range(2, marker)]
    return "\n\n".join(parts) + "\n\n" + "\n".join(notes) + "\n"
