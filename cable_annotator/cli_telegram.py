"""What ``show`` adds for a raw telegram and for any cable with reference links.

Kept apart from cli.py so the command line's main module stays a list of commands."""

from __future__ import annotations

from .domain.cable import Cable
from .services.telegram_links import CableLink


def telegram_lines(cable: Cable) -> list[str]:
    """The header facts of a raw telegram, one ``Label: value`` line each."""
    telegram = cable.telegram
    if telegram is None:
        return []
    lines = [f"MRN: {telegram.mrn}"]
    if telegram.dtg:
        lines.append(f"DTG: {telegram.dtg} ({telegram.sent})")
    if telegram.sender:
        lines.append(f"From: {telegram.sender} ({telegram.sender_name})")
    for addressee in telegram.addressees:
        role = "To" if addressee.role == "action" else "Info"
        precedence = f", {addressee.precedence}" if addressee.precedence else ""
        lines.append(f"{role}: {addressee.address} ({addressee.name}{precedence})")
    if telegram.captions:
        lines.append(f"Captions: {', '.join(telegram.captions)}")
    if telegram.eo_line:
        lines.append(telegram.eo_line)
    if telegram.tags:
        tags = "; ".join(f"{t.code} = {t.meaning or 'unknown tag'}" for t in telegram.tags)
        lines.append(f"TAGS: {tags}")
    if telegram.drafted_by:
        lines.append(f"Drafted by: {telegram.drafted_by}")
    if telegram.approved_by:
        lines.append(f"Approved by: {telegram.approved_by}")
    if telegram.clearances:
        lines.append(f"Cleared: {'; '.join(telegram.clearances)}")
    return lines


def link_lines(cites: list[CableLink], cited_by: list[CableLink]) -> list[str]:
    lines = []
    for link in cites:
        state = link.title if link.found else "not in this project"
        lines.append(f"{_label(link.relation)}: {link.target} ({link.text}) — {state}")
    for link in cited_by:
        lines.append(f"{_label(link.relation)}: {link.target} ({link.text}) — {link.title}")
    return lines


def link_json(link: CableLink) -> dict:
    return {"relation": link.relation, "target": link.target, "found": link.found,
            "text": link.text, "part": link.part, "start": link.start, "end": link.end,
            "title": link.title}


def _label(relation: str) -> str:
    """``printed in FRUS`` → ``Printed in FRUS`` (str.capitalize would lower the acronym)."""
    return relation[:1].upper() + relation[1:]
