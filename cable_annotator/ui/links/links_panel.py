"""What the open cable cites and what cites it, each a click away.

Two groups: **Cites** (a raw telegram's REF items, the telegrams a FRUS note names, the
raw telegram a FRUS document prints) and **Cited by** (the telegrams whose REF lines name
this one, the FRUS documents whose notes name it or print it). A reference to a telegram
that is not in the project is listed greyed, with its MRN, so the reader knows what to
look up in AAD. Above them, for a raw telegram, its MRN, time sent and TAGS in words. The
panel hides itself for a FRUS document with no links at all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...domain.cable import Cable
from ...services.telegram_links import PRINTED_AS, PRINTS, CableLink

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
FOUND_ROLE = Qt.ItemDataRole.UserRole + 2


class LinksPanel(QWidget):
    cableActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linksPanel")
        self.title = QLabel("References", self)
        self.title.setObjectName("panelTitle")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("linksTree")
        self.tree.setAccessibleName("References of this cable")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.setWordWrap(False)  # two lines an entry, each cut with an ellipsis
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setUniformRowHeights(False)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.facts = QLabel(self)
        self.facts.setObjectName("telegramFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.tree, 1)
        self.setVisible(False)

    def set_telegram(self, cable: Cable | None) -> None:
        """The header facts of a raw telegram in words: MRN, sent (UTC), precedence and
        the TAGS decoded — what the raw header lines say in codes."""
        telegram = cable.telegram if cable is not None else None
        if telegram is None:
            self.facts.clear()
            self.facts.setVisible(False)
            return
        lines = [telegram.mrn]
        if telegram.sent:
            sent = telegram.sent.replace("T", " ").replace("Z", " UTC")
            lines[0] += f" \u00b7 sent {sent}" + (f", {telegram.precedence.lower()}"
                                                   if telegram.precedence else "")
        tags = [f"{tag.code} {tag.meaning}" if tag.meaning and tag.kind != "person"
                else tag.meaning or tag.code for tag in telegram.tags]
        if tags:
            lines.append("TAGS: " + "; ".join(tags))
        self.facts.setText("\n".join(lines))
        self.facts.setToolTip("\n".join(
            f"{tag.code}: {tag.meaning or 'not in the tag table'} ({tag.kind})"
            for tag in telegram.tags))
        self.facts.setVisible(True)

    def set_links(self, cites: list[CableLink], cited_by: list[CableLink]) -> None:
        """Show these links (hide the panel when there are none)."""
        self.tree.clear()
        for label, links in (("Cites", cites), ("Cited by", cited_by)):
            if not links:
                continue
            group = QTreeWidgetItem(self.tree, [f"{label} ({len(links)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for link in links:
                self._add(group, link)
            group.setExpanded(True)
        count = len(cites) + len(cited_by)
        self.title.setText(f"References ({count})" if count else "Telegram")
        self.tree.setVisible(count > 0)
        self.setVisible(count > 0 or self.facts.isVisibleTo(self))

    def _add(self, group: QTreeWidgetItem, link: CableLink) -> None:
        """One link in two lines: the other cable and how it is cited, then its title."""
        if link.relation == PRINTS:
            how = "the raw telegram printed here"
        elif link.relation == PRINTED_AS:
            how = "prints this telegram"
        else:
            where = "" if link.part == "body" else f", {link.part}"
            how = f"\u201c{link.text}\u201d{where}"
        title = link.title if link.found else "not in this project"
        item = QTreeWidgetItem(group, [f"{link.target}  \u00b7  {how}\n{title}"])
        item.setData(0, TARGET_ROLE, link.target)
        item.setData(0, FOUND_ROLE, link.found)
        item.setToolTip(0, f"{link.target}: {title}\n{how}")
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
                found.append((item.data(0, TARGET_ROLE), bool(item.data(0, FOUND_ROLE))))
        return found

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if target and item.data(0, FOUND_ROLE):
            self.cableActivated.emit(target)
