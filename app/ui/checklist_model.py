"""The checklist tree: checklists -> sections -> items, as a custom item model over the open audit.

Columns: id and title, the answer (icon and label), progress "answered/applicable" and the score. Each node is a
small Python object held for the model's lifetime; indexes carry it as their internal pointer. Progress and
scores come from :mod:`app.core.scoring` and are recomputed for one checklist when one of its items changes.

The filter over this model (search, unanswered, tags ...) is :class:`app.ui.checklist_filter.ChecklistFilter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, cached_property
from itertools import repeat
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.core.audit import ItemRef
from app.core.checklist import Checklist, Item, Section, format_number, gc_paused
from app.core.scoring import SectionResult, format_percent, item_score, score_checklist
from app.i18n import add_translations, text, tr, unit
from app.ui.answer_icons import NOT_APPLICABLE, UNANSWERED, UNSCORED, answer_icon
from app.ui.audit_terms import level_name
from app.ui.session import AuditSession

add_translations({
    "Item": "条目", "Answer": "回答", "Progress": "进度", "Score": "得分", "N/A": "不适用",
    "Out of scope for this factory (profile tags)": "按工厂档案标签，本条不在审核范围内",
})

ModelIndex = QModelIndex | QPersistentModelIndex
REF_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Item", "Answer", "Progress", "Score")
ID_COLUMN, ANSWER_COLUMN, PROGRESS_COLUMN, SCORE_COLUMN = range(4)
GREY = QColor("#9a9a9a")

CHECKLIST, SECTION, ITEM = range(3)
# full-width letters, digits and punctuation as ASCII (ＷＳ１２．３, as an input method's full-width mode types them)
HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"。": "."})
_new = tuple.__new__
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# the roles data() answers, looked up once: an enum member's lookup runs Python code (about a thousand calls to
# paint the tree, several lookups each)
_DISPLAY, _DECORATION, _FOREGROUND, _FONT, _TOOLTIP, _ALIGNMENT = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class Node:
    """A row of the tree, as an item's: 10,000 of them are made at opening, each with only what an item has of its
    own. A checklist's or a section's row is a :class:`Branch`."""

    __slots__ = ("applicable", "checklist", "parent", "payload", "ref", "row", "serial")
    kind = ITEM
    children: Sequence[Node] = ()
    progress = (0, 0)  # answered / applicable, and the score: a branch's (an item's score is worked out when shown)
    score: float | None = None

    def __init__(self, checklist: Checklist, payload: Checklist | Section | Item, parent: Branch | None, row: int,
                 serial: int, ref: ItemRef | None = None) -> None:
        self.checklist = checklist
        self.payload = payload
        self.parent = parent
        self.row = row
        self.serial = serial
        self.ref = ref  # an item's
        self.applicable = True

    @property
    def item(self) -> Item:
        assert isinstance(self.payload, Item)
        return self.payload


class Branch(Node):
    """A checklist's or a section's row: it has children, progress and a score."""

    __slots__ = ("children", "kind", "progress", "score", "sections")

    def __init__(self, kind: int, checklist: Checklist, payload: Checklist | Section, parent: Branch | None,
                 row: int, serial: int) -> None:
        super().__init__(checklist, payload, parent, row, serial)
        self.kind = kind
        self.children: list[Node] = []
        self.sections: list[Branch] = []  # the children that are sections
        self.progress = (0, 0)
        self.score: float | None = None


class ChecklistModel(QAbstractItemModel):
    def __init__(self, session: AuditSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.roots: list[Branch] = []
        self.items: list[Node] = []  # every item node in tree order
        self.nodes: list[Node] = []  # every node, by serial
        self._build()
        session.itemChanged.connect(self.refresh_item)
        session.profileChanged.connect(self.refresh_all)

    # -- building and refreshing -------------------------------------------------------------------------------

    def _build(self) -> None:
        with gc_paused():
            self._build_nodes()

    def _build_nodes(self) -> None:
        for row, checklist in enumerate(self.session.audit.checklists):
            root = self._branch(CHECKLIST, checklist, checklist, None, row)
            self.roots.append(root)
            self._add_sections(root, checklist.sections)
        in_scope_only = bool(self.session.audit.profile.selected_tags)  # without tags every item applies, as made
        for root in self.roots:
            self._rescore(root, applicability=in_scope_only)

    # made when first needed, after the first paint: 10,000 entries each
    @cached_property
    def _by_ref(self) -> dict[ItemRef, Node]:
        return {node.ref: node for node in self.items if node.ref is not None}

    @cached_property
    def _by_id(self) -> dict[str, Node]:
        """Each item by its id in lower case (the first in tree order when checklists share one)."""
        found: dict[str, Node] = {}
        for node in reversed(self.items):
            found[node.item.id.lower()] = node
        return found

    def index_ids(self) -> None:
        """Make the lookup of :meth:`item_with_id` now (just after the first paint), not at the first keystroke."""
        _ = self._by_id

    def item_with_id(self, typed: str) -> Node | None:
        """The item whose id ``typed`` is, in any case, also in full width (ＷＳ４．１)."""
        wanted = typed.strip().translate(HALF_WIDTH).lower()
        return self._by_id.get(wanted) if wanted else None

    @cached_property
    def _position(self) -> dict[int, int]:
        return {node.serial: position for position, node in enumerate(self.items)}

    def _branch(self, kind: int, checklist: Checklist, payload: Checklist | Section, parent: Branch | None,
                row: int) -> Branch:
        node = Branch(kind, checklist, payload, parent, row, len(self.nodes))
        self.nodes.append(node)
        if parent is not None:
            parent.children.append(node)
            parent.sections.append(node)
        return node

    def _add_sections(self, parent: Branch, sections: tuple[Section, ...]) -> None:
        checklist = parent.checklist
        for section in sections:
            node = self._branch(SECTION, checklist, section, parent, len(parent.children))
            serial = len(self.nodes)
            # items in bulk (a 10,000-item audit opens with 10,000 of them): no per-item method call
            refs = map(_new, repeat(ItemRef), zip(repeat(checklist.id), [item.id for item in section.items]))
            children = [Node(checklist, item, node, row, serial + row, ref)
                        for row, (item, ref) in enumerate(zip(section.items, refs, strict=True))]
            node.children.extend(children)
            self.nodes.extend(children)
            self.items.extend(children)
            self._add_sections(node, section.sections)

    def _rescore(self, root: Branch, *, applicability: bool = False) -> None:
        """Recompute the progress and scores of one checklist's sections (items score when shown)."""
        audit = self.session.audit
        tags = audit.profile.selected_tags
        result = score_checklist(root.checklist, audit.answers, tags)
        root.progress = (result.progress.answered, result.progress.applicable)
        root.score = result.score
        by_section = dict(_flatten(result.sections))
        stack = list(root.sections)
        while stack:
            node = stack.pop()
            section_result = by_section[node.payload.id]
            node.progress = (section_result.progress.answered, section_result.progress.applicable)
            node.score = section_result.score
            stack.extend(node.sections)
            if applicability:  # Item.applies_to, inline: 10,000 calls at opening
                for child in node.children:
                    if child.kind == ITEM:
                        item_tags = child.item.tags
                        child.applicable = not tags or not item_tags or not tags.isdisjoint(item_tags)

    def refresh_item(self, ref: ItemRef) -> None:
        node = self._by_ref.get(ref)
        if node is None:
            return
        root = node.parent
        while root is not None and root.parent is not None:
            root = root.parent
        if root is not None:
            self._rescore(root)
        self.dataChanged.emit(self.createIndex(node.row, 0, node), self.createIndex(node.row, len(COLUMNS) - 1, node))
        ancestor = node.parent
        while ancestor is not None:
            self.dataChanged.emit(self.createIndex(ancestor.row, PROGRESS_COLUMN, ancestor),
                                  self.createIndex(ancestor.row, SCORE_COLUMN, ancestor))
            ancestor = ancestor.parent

    def refresh_all(self) -> None:
        for root in self.roots:
            self._rescore(root, applicability=True)
        last = len(COLUMNS) - 1
        for node in self.nodes:
            if node.children:
                self.dataChanged.emit(self.createIndex(0, 0, node.children[0]),
                                      self.createIndex(len(node.children) - 1, last, node.children[-1]))
        if self.roots:
            self.dataChanged.emit(self.createIndex(0, 0, self.roots[0]),
                                  self.createIndex(len(self.roots) - 1, last, self.roots[-1]))

    # -- lookups -----------------------------------------------------------------------------------------------

    def node(self, index: ModelIndex) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, ref: ItemRef) -> QModelIndex:
        node = self._by_ref.get(ref)
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    def node_index(self, node: Node) -> QModelIndex:
        return self.createIndex(node.row, 0, node)

    def node_of(self, ref: ItemRef) -> Node | None:
        return self._by_ref.get(ref)

    def position(self, node: Node) -> int | None:
        """An item node's place in tree order (its index in :attr:`items`)."""
        return self._position.get(node.serial)

    def items_after(self, node: Node | None) -> list[Node]:
        """Every item in tree order, starting after ``node`` (an item) and wrapping around."""
        start = self._position[node.serial] + 1 if node is not None and node.kind == ITEM else 0
        if node is not None and node.kind != ITEM:
            first = _first_item(node)
            start = self._position[first.serial] if first is not None else 0
        return self.items[start:] + self.items[:start]

    def is_open_item(self, node: Node) -> bool:
        """An applicable item without an answer: where the auditor still has work."""
        assert node.ref is not None
        return node.applicable and not self.session.audit.answer(node.ref).is_answered(node.item)

    # -- QAbstractItemModel ------------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self.roots if not parent.isValid() else parent.internalPointer().children
        if 0 <= row < len(children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return QModelIndex() if up is None else self.createIndex(up.row, 0, up)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self.roots)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(COLUMNS)

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        column = index.column()
        if role == _DISPLAY:
            return self._display(node, column)
        if role == _DECORATION and column == ANSWER_COLUMN and node.kind == ITEM:
            return self._icon(node)
        if role == REF_ROLE:
            return node.ref
        if role == _FOREGROUND and node.kind == ITEM and not node.applicable:
            return GREY
        if role == _FONT:
            return self._font(node)
        if role == _TOOLTIP and column == ID_COLUMN:
            return self._tooltip(node)
        if role == _ALIGNMENT and column in (PROGRESS_COLUMN, SCORE_COLUMN):
            return _RIGHT
        return None

    def _display(self, node: Node, column: int) -> str:
        if column == ID_COLUMN:
            if node.kind == CHECKLIST:
                return f"{text(node.checklist.title)}  ·  {level_name(node.checklist.level)}"
            return f"{node.payload.id}  {text(node.payload.title)}"
        if column == ANSWER_COLUMN:
            return self._answer_label(node) if node.kind == ITEM else ""
        if column == PROGRESS_COLUMN:
            return "" if node.kind == ITEM else f"{node.progress[0]}/{node.progress[1]}"
        if column == SCORE_COLUMN:
            if node.kind == ITEM and not node.applicable:  # an answer kept from before does not count
                return ""
            score = self._item_score(node) if node.kind == ITEM else node.score
            return "" if score is None else format_percent(score)
        return ""

    def _answer_label(self, node: Node) -> str:
        assert node.ref is not None
        answer = self.session.audit.answer(node.ref)
        item = node.item
        if answer.is_na:
            return tr("N/A")
        if item.type in ("scale", "yes_no") and answer.choice is not None:
            option = node.checklist.scale_of(item).option(answer.choice)
            return text(option.label) if option else answer.choice
        if item.type == "number" and answer.value is not None:
            return f"{format_number(answer.value)} {unit(item.unit)}".strip()
        if item.type == "text" and answer.text:
            first_line = answer.text.strip().splitlines()[0] if answer.text.strip() else ""
            return first_line[:40] + ("…" if len(first_line) > 40 else "")
        return ""

    def _icon(self, node: Node) -> Any:
        assert node.ref is not None
        answer = self.session.audit.answer(node.ref)
        if answer.is_na:
            return answer_icon(NOT_APPLICABLE)
        if not answer.is_answered(node.item):
            return answer_icon(UNANSWERED)
        score = item_score(node.item, node.checklist, answer)
        return answer_icon(UNSCORED) if score is None else answer_icon("score", score)

    def _item_score(self, node: Node) -> float | None:
        assert node.ref is not None
        return item_score(node.item, node.checklist, self.session.audit.answer(node.ref))

    def _font(self, node: Node) -> QFont | None:
        if node.kind == ITEM:
            return None if node.applicable else _row_font(italic=True)
        return _row_font(bold=node.kind == CHECKLIST or (node.parent is not None and node.parent.kind == CHECKLIST))

    def _tooltip(self, node: Node) -> str | None:
        if node.kind != ITEM:
            return None
        tip = f"{node.item.id}  {text(node.item.title)}\n\n{text(node.item.requirement)}"
        return tip if node.applicable else f"{tip}\n\n{tr('Out of scope for this factory (profile tags)')}"


@cache
def _row_font(*, bold: bool = False, italic: bool = False) -> QFont:
    """The font of a row, which sets only these: the rest comes from the tree's own font."""
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _first_item(node: Node) -> Node | None:
    for child in node.children:
        found = child if child.kind == ITEM else _first_item(child)
        if found is not None:
            return found
    return None


def _flatten(results: tuple[SectionResult, ...]) -> list[tuple[str, SectionResult]]:
    pairs: list[tuple[str, SectionResult]] = []
    for result in results:
        pairs.append((result.id, result))
        pairs.extend(_flatten(result.sections))
    return pairs
