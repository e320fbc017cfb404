"""What the open cable cites and what cites it, each a click away.

One scrolling list in sections, so nothing is cut off in a short window:
**Telegram** (a raw telegram's MRN, time sent and TAGS in words — what the raw header
lines say in codes), **Printed in FRUS** (the FRUS document that prints this raw
telegram) or **Raw telegram** (the raw telegram a FRUS document prints), **Cites** (a raw
telegram's REF items, the telegrams a FRUS note names) and **Cited by** (the telegrams
whose REF lines name this one, the FRUS documents whose notes name it). Printing is not
citing: a reader looking for what a telegram answered must not find the FRUS volume
among its replies. A reference to a telegram that is not in the project is listed
greyed, with its MRN, so the reader knows what to look up in AAD. Entries wrap at word
boundaries rather than being cut. The window shows the panel as a tab, labelled by
``tab_label`` and hidden when ``has_content`` is false (a FRUS document with no links).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...domain.cable import Cable
from ...services.telegram_links import PRINTED_AS, PRINTS, CableLink
from ..common.wrapping_delegate import wrap_rows_in

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
FOUND_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3

TELEGRAM = "Telegram"
PRINTED_IN_FRUS = "Printed in FRUS"
RAW_TELEGRAM = "Raw telegram"
CITES = "Cites"
CITED_BY = "Cited by"


def telegram_facts(cable: Cable | None) -> list[tuple[str, str]]:
    """A raw telegram's header in words, as (line, tooltip) pairs: MRN and time sent,
    then one line per TAGS code with its meaning. Empty for any other document."""
    telegram = cable.telegram if cable is not None else None
    if telegram is None:
        return []
    facts = [(f"MRN {telegram.mrn}", "Message reference number, as AAD lists it")]
    if telegram.sent:
        sent = telegram.sent.replace("T", " ").replace("Z", " UTC")
        facts.append((f"Sent {sent}" + (f", {telegram.precedence.lower()}"
                                        if telegram.precedence else ""),
                      "The date-time group of the telegram, and its precedence"))
    for tag in telegram.tags:
        words = (f"{tag.code} {tag.meaning}" if tag.meaning and tag.kind != "person"
                 else tag.meaning or tag.code)
        facts.append((f"TAGS: {words}",
                      f"{tag.code}: {tag.meaning or 'not in the tag table'} ({tag.kind})"))
    return facts


class LinksPanel(QWidget):
    cableActivated = Signal(str)
    contentChanged = Signal()
    """The sections changed: the window updates the tab's label and visibility."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linksPanel")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("linksTree")
        self.tree.setAccessibleName("References of this cable")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        # Wrapped at word boundaries, never elided: an MRN or a TAGS meaning cut in the
        # middle is no use to the reader; the list scrolls instead.
        wrap_rows_in(self.tree)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        self._facts: list[tuple[str, str]] = []
        self._links: list[tuple[str, list[CableLink]]] = []

    def set_telegram(self, cable: Cable | None) -> None:
        """The header facts of a raw telegram (none for another document)."""
        self._facts = telegram_facts(cable)
        self._rebuild()

    def set_links(self, cites: list[CableLink], cited_by: list[CableLink]) -> None:
        """Show these links, printing apart from citing."""
        self._links = [
            (RAW_TELEGRAM, [link for link in cites if link.relation == PRINTS]),
            (PRINTED_IN_FRUS, [link for link in cited_by if link.relation == PRINTED_AS]),
            (CITES, [link for link in cites if link.relation != PRINTS]),
            (CITED_BY, [link for link in cited_by if link.relation != PRINTED_AS]),
        ]
        self._rebuild()

    def _rebuild(self) -> None:
        self.tree.clear()
        if self._facts:
            group = self._section(TELEGRAM)
            for line, tip in self._facts:
                item = QTreeWidgetItem(group, [line])
                item.setToolTip(0, tip)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        for label, links in self._links:
            if links:
                group = self._section(f"{label} ({len(links)})", label)
                for link in links:
                    self._add(group, link)
        self.tree.expandAll()
        self.contentChanged.emit()

    def _section(self, text: str, name: str = TELEGRAM) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [text])
        group.setData(0, SECTION_ROLE, name)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        return group

    def link_count(self) -> int:
        return sum(len(links) for _, links in self._links)

    def has_content(self) -> bool:
        """Anything to show: links, or a raw telegram's facts."""
        return bool(self._facts) or self.link_count() > 0

    def tab_label(self) -> str:
        count = self.link_count()
        return f"References ({count})" if count else "Telegram"

    def sections(self) -> list[str]:
        """The section headings shown, in order ("Cites (2)", …)."""
        return [self.tree.topLevelItem(g).text(0) for g in range(self.tree.topLevelItemCount())]

    def section_targets(self, name: str) -> list[str]:
        """The targets listed under section ``name`` (``CITES``, ``PRINTED_IN_FRUS``, …)."""
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group.data(0, SECTION_ROLE) == name:
                return [group.child(i).data(0, TARGET_ROLE) for i in range(group.childCount())]
        return []

    def fact_lines(self) -> list[str]:
        return [line for line, _ in self._facts]

    def _add(self, group: QTreeWidgetItem, link: CableLink) -> None:
        """One link: the other cable and how it is cited, then its title."""
        if link.relation in (PRINTS, PRINTED_AS):
            first = link.target
        else:
            where = "" if link.part == "body" else f", {link.part}"
            first = f"{link.target}  \u00b7  \u201c{link.text}\u201d{where}"
        title = link.title if link.found else "not in this project"
        item = QTreeWidgetItem(group, [f"{first}\n{title}"])
        item.setData(0, TARGET_ROLE, link.target)
        item.setData(0, FOUND_ROLE, link.found)
        item.setToolTip(0, f"{link.target}: {title}")
        if not link.found:
            item.setForeground(0, self.palette().brush(QPalette.ColorRole.PlaceholderText))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def targets(self) -> list[tuple[str, bool]]:
        """Every listed target with whether it is in the project (for tests and a11y)."""
        found = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                target = item.data(0, TARGET_ROLE)
                if target:
                    found.append((target, bool(item.data(0, FOUND_ROLE))))
        return found

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if target and item.data(0, FOUND_ROLE):
            self.cableActivated.emit(target)
