"""Narrowing the checklist tree: unanswered, N/A, with findings, critical, by answer, by tag, and full-text search.

A :class:`QSortFilterProxyModel` over :class:`app.ui.checklist_model.ChecklistModel` that filters recursively: a
match keeps the sections and checklist above it, so the tree keeps its shape. The search looks at ids, titles,
requirements and guidance in Chinese and English, through one string per item built once, in lower case and with
full-width letters and digits made plain (:func:`folded`), as the query is.
"""

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from PySide6.QtCore import QObject, QSortFilterProxyModel

from app.core.audit import ItemRef
from app.core.checklist import Item, Text
from app.ui.checklist_model import HALF_WIDTH, ChecklistModel, ModelIndex, Node

SHOW_ALL, SHOW_UNANSWERED, SHOW_NA, SHOW_FINDINGS, SHOW_CRITICAL = "all", "unanswered", "na", "findings", "critical"


class FilterState(NamedTuple):
    show: str = SHOW_ALL  # one of the SHOW_* values, or "answer:CODE"
    tag: str = ""
    hide_not_applicable: bool = False
    search: str = ""

    @property
    def active(self) -> bool:
        return self != FilterState()


class ChecklistFilter(QSortFilterProxyModel):
    """Keeps the items that match the filter and the sections and checklists above them.

    The matches are computed in one pass over the items (with a lowercase search string per item built once), so
    that ``filterAcceptsRow`` is a set lookup: typing in the search box stays fast on 10,000 items.
    """

    def __init__(self, model: ChecklistModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setDynamicSortFilter(False)
        self.checklist_model = model
        self.state = FilterState()
        self._accepted: set[int] | None = None  # node serials; None: everything
        self.matched_items = len(model.items)
        self._haystacks: list[str] | None = None
        self._kept: Node | None = None

    def set_state(self, state: FilterState, *, keep: Node | None = None) -> None:
        """Filter by ``state``; ``keep`` (an item) stays shown even if it no longer matches: the item the auditor
        is working on does not vanish under the cursor. It is not counted as a match."""
        self.state = state
        self._kept = keep
        self.refilter()

    def refilter(self) -> None:
        """Recompute the matches (after a filter change, or to let answered items leave an "unanswered" view).

        A reset, not an incremental filter change: removing thousands of scattered rows one range at a time costs
        the view seconds on a 10,000-item checklist; a reset costs milliseconds (the view re-expands afterwards).
        """
        self.beginResetModel()
        self._accepted = self._matches() if self.state.active else None
        if self._accepted is None:
            self.matched_items = len(self.checklist_model.items)
        self.endResetModel()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        if self._accepted is None:
            return True
        if source_parent.isValid():
            node = source_parent.internalPointer().children[source_row]
        else:
            node = self.checklist_model.roots[source_row]
        return node.serial in self._accepted

    def _matches(self) -> set[int]:
        model = self.checklist_model
        keeps = self._predicate()
        accepted: set[int] = set()
        self.matched_items = 0
        for position, node in enumerate(model.items):
            if not keeps(node, position):
                continue
            self.matched_items += 1
            _accept_with_ancestors(node, accepted)
        if self._kept is not None:
            _accept_with_ancestors(self._kept, accepted)
        return accepted

    def keeps(self, node: Node) -> bool:
        """Whether the filter, evaluated now, keeps this item: after an edit, the view compares it with
        :meth:`accepts` (the view as last filtered) to know whether the item must leave or join the view."""
        if not self.state.active:
            return True
        position = self.checklist_model.position(node)
        return position is not None and self._predicate()(node, position)

    def _predicate(self) -> Callable[[Node, int], bool]:
        """The filter as a test of one item node (and its position in tree order, for its search string)."""
        state = self.state
        audit = self.checklist_model.session.audit
        terms = [(term, term.translate(HALF_WIDTH)) for term in folded(state.search).split()]
        haystacks = self.search_strings() if terms else []
        with_findings = {finding.ref for finding in audit.findings()} if state.show == SHOW_FINDINGS else set()

        def keeps(node: Node, position: int) -> bool:
            if state.hide_not_applicable and not node.applicable:
                return False
            if state.tag and state.tag not in node.item.tags:
                return False
            # as typed, or with its full-width punctuation plain (the text keeps its own: "，" finds Chinese text)
            if terms and not all(term in haystacks[position] or (plain != term and plain in haystacks[position])
                                 for term, plain in terms):
                return False
            return state.show == SHOW_ALL or self._shows(node, with_findings)

        return keeps

    def _shows(self, node: Node, with_findings: set[ItemRef]) -> bool:
        assert node.ref is not None
        show = self.state.show
        answer = self.checklist_model.session.audit.answer(node.ref)
        if show == SHOW_UNANSWERED:
            return node.applicable and not answer.is_answered(node.item)
        if show == SHOW_NA:
            return answer.is_na
        if show == SHOW_FINDINGS:
            return node.ref in with_findings
        if show == SHOW_CRITICAL:
            return node.item.critical
        if show.startswith("answer:"):
            return not answer.is_na and answer.choice == show.removeprefix("answer:")
        return True

    def search_strings(self) -> list[str]:
        """Each item's id, title, requirement and guidance in lower case, built on first use (the audit view builds
        them just after its first paint, so that the first keystroke does not wait for them)."""
        if self._haystacks is None:
            for checklist in self.checklist_model.session.audit.checklists:
                checklist.load_details()
            self._haystacks = [_haystack(node.item) for node in self.checklist_model.items]
        return self._haystacks

    def source_node(self, index: ModelIndex) -> Node | None:
        return self.checklist_model.node(self.mapToSource(index)) if index.isValid() else None

    def accepts(self, node: Node) -> bool:
        return self._accepted is None or node.serial in self._accepted


def _accept_with_ancestors(node: Node, accepted: set[int]) -> None:
    ancestor: Node | None = node
    while ancestor is not None and ancestor.serial not in accepted:
        accepted.add(ancestor.serial)
        ancestor = ancestor.parent


def _haystack(item: Item) -> str:
    texts: tuple[Text, ...] = (item.title, item.requirement, item.guidance)
    return folded("\n".join([item.id, *(t.all_text() for t in texts)]))


def folded(text: str) -> str:
    """``text`` as searched: in lower case, full-width letters and digits made plain (ＭＥＳ１２, as an input method
    types them in full-width mode, is mes12) and the ideographic space a space. Full-width punctuation, which
    Chinese text is full of, stays: folding it too (NFKC) made the index of a large Chinese checklist 8× slower."""
    lowered = text.lower()
    full_width, plain = _folding()
    return lowered.translate(plain) if full_width.search(lowered) else lowered


@cache
def _folding() -> tuple[re.Pattern[str], dict[int, str]]:
    """What :func:`folded` looks for and what it makes of it: made when first searched, not at start-up."""
    full_width = re.compile("[０-９ａ-ｚ\u3000]")  # after lower(): Ｍ is ｍ
    codes = (*range(0xFF10, 0xFF1A), *range(0xFF41, 0xFF5B))
    return full_width, str.maketrans({**{chr(code): chr(code - 0xFEE0) for code in codes}, "\u3000": " "})
