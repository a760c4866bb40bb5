"""The open audit: the filtered checklist tree on the left; the item panel and the dashboard on the right.

Keyboard first: in the tree, 1–9 answer the current item with that option of its scale and move on to the next
open (applicable, unanswered) item; 0 asks for an N/A reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPaintEvent, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import ItemRef
from app.core.checklist import BUILTIN_SCALES
from app.i18n import add_translations, language, text, tr
from app.ui import settings
from app.ui.checklist_filter import SHOW_ALL, ChecklistFilter, FilterState
from app.ui.checklist_model import ANSWER_COLUMN, ID_COLUMN, ITEM, PROGRESS_COLUMN, SCORE_COLUMN, ChecklistModel, Node
from app.ui.filter_bar import FilterBar
from app.ui.item_panel import ItemPanel
from app.ui.session import AuditSession
from app.ui.widgets import viewport_width

if TYPE_CHECKING:
    from app.ui.dashboard import DashboardWidget

add_translations({
    "No item matches the search and the filters.": "没有符合搜索和筛选条件的条目。",
    "Esc in the search box clears the search.": "在搜索框按 Esc 可清空搜索。",
    "“All items” shows every item.": "选择“全部条目”可显示所有条目。",
    "“All tags” shows the items of every tag.": "选择“全部标签”可显示所有标签的条目。",
    "Unticking “Hide out-of-scope items” shows those too.": "取消勾选“隐藏范围外条目”可同时显示这些条目。",
    "Item": "条目",
    "Select an item to record a finding on it.": "请先选择一个条目，再记录问题。",
    "Dashboard": "概览",
    "Every applicable item is answered.": "所有适用条目均已回答。",
    "Keys 1–9 and 0 answer an item; this row is a section. ↓ goes to its items.":
        "数字键 1–9 和 0 用于回答检查项；当前行是章节，按 ↓ 进入其中的检查项。",
    "This item has {count} answers: keys 1–{count}, or 0 for N/A.":
        "本条目有 {count} 个回答选项：按 1–{count}，或按 0 表示不适用。",
    "Every applicable item in this view is answered; others are still open.":
        "当前视图中的适用条目均已回答；其他条目仍未完成。",
})

EXPAND_ALL_LIMIT = 2000
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


def _nothing_matches(state: FilterState) -> str:
    """Why the tree is empty, and the ways back that this filter offers (only those)."""
    ways = [way for way, applies in (
        ("Esc in the search box clears the search.", bool(state.search)),
        ("“All items” shows every item.", state.show != SHOW_ALL),
        ("“All tags” shows the items of every tag.", bool(state.tag)),
        ("Unticking “Hide out-of-scope items” shows those too.", state.hide_not_applicable)) if applies]
    spacing = "" if language() == "zh" else " "  # Chinese sentences follow each other without a space
    return spacing.join(tr(sentence) for sentence in ("No item matches the search and the filters.", *ways))


class _RoomyRows(QStyledItemDelegate):
    """A few pixels more per row than the style's minimum: long lists read more easily."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


ANSWER_ICON_ROOM = 34  # the answer column at its narrowest: the icon, with the cell's margins
ROOMY_TREE = 540  # a tree this wide shows its titles well: a smaller window gives it up to half, not 45 %


class ChecklistTree(QTreeView):
    """The checklist tree; digit keys are answers, not a keyboard search."""

    digit_pressed = Signal(int)
    first_painted = Signal()  # the window is on screen: time for work that start-up left for later

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_RoomyRows(self))
        self._painted = False
        self.empty_text = ""  # said in the middle of an empty tree: why nothing is shown
        self.answer_width = 0  # the answer column's width as configured or as the auditor set it
        self._fitting = False
        self.header().sectionResized.connect(self._section_resized)
        self.header().setTextElideMode(Qt.TextElideMode.ElideRight)  # a column that gives way says "Ans…", not "Answe"

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting or column == ID_COLUMN:  # the titles' column is what is left
            return
        if column == ANSWER_COLUMN:
            self.answer_width = new
        self.fit_answer_column()

    def column_widths(self) -> list[int]:
        """The columns' widths, the answer column's as set rather than as narrowed to fit."""
        header = self.header()
        widths = [header.sectionSize(column) for column in range(header.count())]
        if self.answer_width and len(widths) > ANSWER_COLUMN:
            widths[ANSWER_COLUMN] = self.answer_width
        return widths

    def fit_answer_column(self) -> None:
        """In a narrow tree the answer column gives way (down to its icon, in a very narrow one) so that the titles
        keep half the width; it takes its set width back when there is room again."""
        header = self.header()
        if not self.answer_width or header.count() <= ANSWER_COLUMN:
            return
        others = sum(header.sectionSize(column) for column in range(header.count())
                     if column not in (ID_COLUMN, ANSWER_COLUMN))
        shown = viewport_width(self)
        room = shown - others - shown // 2
        # at its narrowest the icon tells the answer; its label is elided, and in full in the item pane
        width = max(min(self.answer_width, room), min(ANSWER_ICON_ROOM, self.answer_width))
        if width != header.sectionSize(ANSWER_COLUMN):
            self._fitting = True
            try:
                header.resizeSection(ANSWER_COLUMN, width)
            finally:
                self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_answer_column()

    def set_empty_text(self, message: str) -> None:
        if message != self.empty_text:
            self.empty_text = message
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.empty_text and self.model() is not None and self.model().rowCount() == 0:
            self._say_empty()
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _say_empty(self) -> None:
        from PySide6.QtGui import QPainter  # only ever needed for a filter that matches nothing

        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        box = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         self.empty_text)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in DIGITS and modifiers == Qt.KeyboardModifier.NoModifier:
            self.digit_pressed.emit(DIGITS[Qt.Key(event.key())])
            return
        super().keyPressEvent(event)


class AuditView(QWidget):
    current_changed = Signal(object)  # ItemRef | None
    message = Signal(str)

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ChecklistModel(session, self)
        self.proxy = ChecklistFilter(self.model, self)
        self.filter_bar = FilterBar(session.audit)
        self.tree = self._make_tree()
        self.item_panel = ItemPanel(session)
        self.dashboard: DashboardWidget | None = None  # built when first shown: it scores the whole audit
        self.dashboard_page = QWidget()
        QVBoxLayout(self.dashboard_page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.item_panel, tr("Item"))
        self.tabs.addTab(self.dashboard_page, tr("Dashboard"))
        self.tabs.currentChanged.connect(self._tab_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.tree)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.digit_pressed.connect(self.answer_by_number)
        self.item_panel.answer.confirmed.connect(self._typed_answer_confirmed)
        # after the paint has reached the screen: the first search then need not build them
        self.tree.first_painted.connect(lambda: QTimer.singleShot(0, self, self._read_every_item))
        self.filter_bar.changed.connect(self.apply_filter)
        self._searched = ""  # the search last applied: only a new one selects the item it names
        self._refilter_on_leaving = False
        self._shown_node: Node | None = None  # the row the item panel shows
        self._row_before_empty: Node | None = None  # the current row when a filter showed nothing
        session.itemChanged.connect(self._item_changed)
        session.profileChanged.connect(self._refilter_if_active)
        self.filter_bar.leave.connect(self.focus_tree)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.tabs)  # Esc in the item panel: back to the tree
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.focus_tree)
        insert = QShortcut(QKeySequence(Qt.Key.Key_Insert), self)  # a finding on the item, from the tree too
        insert.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        insert.activated.connect(self.new_finding)
        self._show_count()
        self._expand()

    def _read_every_item(self) -> None:
        """Build the search index, which reads every item's stored texts (and checks them): the item shown is
        shown again in case they were found damaged and made anew."""
        self.proxy.search_strings()
        self.model.index_ids()
        self.item_panel.refresh_details()

    def _make_tree(self) -> ChecklistTree:
        tree = ChecklistTree()
        # Without a filter the tree shows the model itself: the proxy would ask Python about all 10,000 rows.
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setAlternatingRowColors(True)
        tree.setAllColumnsShowFocus(True)
        tree.setExpandsOnDoubleClick(True)
        self._configure_header(tree)
        return tree

    def _configure_header(self, tree: ChecklistTree) -> None:
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ID_COLUMN, QHeaderView.ResizeMode.Stretch)
        metrics = tree.fontMetrics()
        labels = {text(option.label) for checklist in self.session.audit.checklists
                  for scale in (*checklist.scales.values(), *BUILTIN_SCALES.values()) for option in scale.options}
        longest = max((metrics.horizontalAdvance(label) for label in labels), default=80)
        widths = {ANSWER_COLUMN: min(longest, metrics.horizontalAdvance("M") * 10) + 40,
                  PROGRESS_COLUMN: max(metrics.horizontalAdvance(self._widest_progress()),
                                       metrics.horizontalAdvance(tr("Progress")))
                  + 16,
                  SCORE_COLUMN: max(metrics.horizontalAdvance("88.8%"), metrics.horizontalAdvance(tr("Score"))) + 18}
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # said, not left to sectionResized: a width the column already has (Qt's default, 100) sends no signal
        tree.answer_width = widths[ANSWER_COLUMN]
        tree.fit_answer_column()

    def _widest_progress(self) -> str:
        """The longest "answered/applicable" a row can show: a checklist of 10,000 items needs "00000/00000"."""
        digits = len(str(max((root.progress[1] for root in self.model.roots), default=0)))
        return "0" * max(digits, 3) + "/" + "0" * max(digits, 3)

    @property
    def filtered(self) -> bool:
        """Whether the tree shows the filter (the proxy) rather than the whole model."""
        return self.tree.model() is self.proxy

    def _show_filtered(self, filtered: bool) -> None:
        if filtered == self.filtered:
            return
        widths = self._column_widths()
        old_selection = self.tree.selectionModel()
        self.tree.setModel(self.proxy if filtered else self.model)
        old_selection.deleteLater()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self._configure_header(self.tree)
        self._set_column_widths(widths)

    def _column_widths(self) -> list[int]:
        return self.tree.column_widths()

    def _set_column_widths(self, widths: list[int]) -> None:
        for column, width in enumerate(widths):
            if column != ID_COLUMN:  # it stretches to fill the rest
                self.tree.header().resizeSection(column, width)

    def _view_index(self, source: QModelIndex) -> QModelIndex:
        return self.proxy.mapFromSource(source) if self.filtered else source

    def node_at(self, index: QModelIndex | QPersistentModelIndex) -> Node | None:
        """The node of a row of the tree, whichever model it shows."""
        return self.proxy.source_node(index) if self.filtered else self.model.node(index)

    def _expand(self) -> None:
        """Open every section of a checklist of usual size; on huge ones only the checklists (the selection opens
        its own section), which keeps start-up and filtering fast."""
        if self.proxy.matched_items <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()
        else:  # not expandToDepth(0): that asks the model about every one of the 10,000 rows
            shown = self.tree.model()
            for row in range(shown.rowCount()):
                self.tree.expand(shown.index(row, 0))

    # -- state kept across a window rebuild (language switch) ------------------------------------------------

    def restore(self, current: tuple[int, ...], state: FilterState, sizes: list[int]) -> None:
        """The view as another one on the same audit left it: ``current`` is its :meth:`current_path`."""
        if sizes:
            self.splitter.setSizes(sizes)
        self.filter_bar.set_state(state)
        if current and self.select_path(current):
            return
        if current and self.filtered and not self.proxy.matched_items:  # shows nothing: the place is kept for later
            self._row_before_empty = self.model.node(self._source_at(current))
            return
        self.select_first_open()

    def _fields(self) -> dict[str, QWidget | None]:
        answer = self.item_panel.answer
        return {"note": self.item_panel.note, "search": self.filter_bar.search, "value": answer.value_edit,
                "baseline": answer.baseline_edit, "text": answer.text_edit, "tree": self.tree}

    def focused_field(self) -> str:
        """Which field has the keyboard ("" for none of those a window rebuild gives back)."""
        from PySide6.QtWidgets import QApplication

        focused = QApplication.focusWidget()
        return next((name for name, field in self._fields().items() if field is not None and field is focused), "")

    def focus_field(self, name: str) -> None:
        """Give the keyboard back to a field :meth:`focused_field` named, the caret at the end of its text."""
        from PySide6.QtGui import QTextCursor
        from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

        field = self._fields().get(name)
        if field is not None and field.isVisible():
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(field, QPlainTextEdit):
                field.moveCursor(QTextCursor.MoveOperation.End)
            elif isinstance(field, QLineEdit):
                field.end(False)

    def current_path(self) -> tuple[int, ...]:
        """The current row, item or section, as its rows from the top of the tree (the same in every view of
        one audit)."""
        rows: list[int] = []
        node = self.current_node() or self._row_before_empty  # a filter showing nothing keeps the place too
        while node is not None:
            rows.append(node.row)
            node = node.parent
        return tuple(reversed(rows))

    def _source_at(self, path: tuple[int, ...]) -> QModelIndex:
        source = QModelIndex()
        for row in path:
            source = self.model.index(row, 0, source)
        return source

    def select_path(self, path: tuple[int, ...]) -> bool:
        source = self._source_at(path)
        view_index = self._view_index(source) if source.isValid() else QModelIndex()
        return self._select(view_index) if view_index.isValid() else False

    def restore_layout(self, width: int) -> None:
        """The splitter and the tree's column widths as the auditor last left them; else 45 % tree, 55 % item panel
        of ``width``, the view's width to come (up to half for the tree in a small window). Set before the first
        show, they are the first layout's: every layout at another width lays out the item's texts again (a third
        of the window's first layout)."""
        sizes = settings.splitter_sizes("audit")
        if len(sizes) == 2 and all(sizes):
            self.splitter.setSizes(sizes)
        else:  # a small window gives the tree up to half: its four columns need it more than the item's text
            tree = max(width * 45 // 100, min(width // 2, ROOMY_TREE))
            self.splitter.setSizes([tree, width - tree])
        widths = settings.splitter_sizes("tree-columns")
        if len(widths) == self.model.columnCount() and all(widths):
            self._set_column_widths(widths)

    def save_layout(self) -> None:
        settings.set_splitter_sizes("audit", self.splitter.sizes())
        settings.set_splitter_sizes("tree-columns", self._column_widths())

    # -- selection -----------------------------------------------------------------------------------------------

    def current_node(self) -> Node | None:
        return self.node_at(self.tree.currentIndex())

    def current_ref(self) -> ItemRef | None:
        node = self.current_node()
        return node.ref if node is not None else None

    def select_ref(self, ref: ItemRef) -> bool:
        source = self.model.index_of(ref)
        return self._select(self._view_index(source)) if source.isValid() else False

    def select_first_open(self) -> None:
        """Select the first applicable unanswered item (or the first item) and give the tree the focus."""
        if not self.select_next_open(None) and self.model.items:
            self._select(self._view_index(self.model.node_index(self.model.items[0])))
        self.focus_tree()

    def select_next_open(self, after: Node | None) -> bool:
        for node in self.model.items_after(after):
            if self.model.is_open_item(node) and (not self.filtered or self.proxy.accepts(node)):
                return self._select(self._view_index(self.model.node_index(node)))
        return False

    def _select(self, index: QModelIndex) -> bool:
        if not index.isValid():
            return False
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def focus_tree(self) -> None:
        if not self.tree.currentIndex().isValid():
            self._select(self._first_visible_item())
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        node = self.node_at(current)
        if node is self._shown_node:  # the same row again, after a filter reset: nothing moved, the tab stays
            return
        self._shown_node = node
        if self._refilter_on_leaving:  # the item answered under the filter has been left: now it may go
            self._refilter_on_leaving = False
            QTimer.singleShot(0, self, self._refilter_after_edit)  # not inside the selection model's signal
        ref = node.ref if node is not None else None
        self.item_panel.set_item(ref)
        if node is not None:
            self.tabs.setCurrentWidget(self.item_panel if node.kind == ITEM else self.dashboard_page)
        self.current_changed.emit(ref)

    # -- answering by keys ---------------------------------------------------------------------------------------

    def answer_by_number(self, number: int) -> None:
        node = self.current_node()
        if node is None or node.kind != ITEM:
            if node is not None:  # a section or checklist row: said, so that keys are not lost without a word
                self.message.emit(tr("Keys 1–9 and 0 answer an item; this row is a section. ↓ goes to its items."))
            return
        editor = self.item_panel.answer
        if number == 0:
            done = editor.ask_na()
        elif node.item.type in ("scale", "yes_no"):
            options = node.checklist.scale_of(node.item).options
            if number > len(options):
                self.message.emit(tr("This item has {count} answers: keys 1–{count}, or 0 for N/A.",
                                     count=len(options)))
                return
            done = editor.choose(options[number - 1].code)
        else:
            editor.start_typing(str(number))
            return
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if done:
            self._move_on(node)

    def _typed_answer_confirmed(self) -> None:
        """Enter in a KPI field: back to the tree, and on to the next open item once this one is answered."""
        node = self.current_node()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if node is not None and node.kind == ITEM and not self.model.is_open_item(node):
            self._move_on(node)

    def _move_on(self, node: Node) -> None:
        if not self.select_next_open(node):
            everything = not self.filtered or not any(self.model.is_open_item(item) for item in self.model.items)
            self.message.emit(tr("Every applicable item is answered.") if everything
                              else tr("Every applicable item in this view is answered; others are still open."))

    # -- filtering -----------------------------------------------------------------------------------------------

    def apply_filter(self) -> None:
        """Filter the tree as the filter bar says; the current row stays if the filter keeps it, else the next open
        item after it is selected (or the first one shown); with nothing shown the item panel is emptied."""
        self._refilter_on_leaving = False
        state = self.filter_bar.state()
        self._filter(state, keep=None, keep_collapsed=False)
        searched, self._searched = state.search != self._searched, state.search
        named = self.model.item_with_id(state.search) if searched else None  # not again at another filter's change
        if named is not None and self.proxy.accepts(named):  # an item's id: that item, not the first open match
            self._select(self._view_index(self.model.node_index(named)))

    def _filter(self, state: FilterState, *, keep: Node | None, keep_collapsed: bool) -> None:
        # an item, or a section or checklist row; after a filter that showed nothing, the row before it
        current = self.current_node() or self._row_before_empty
        collapsed = self._collapsed_sections() if keep_collapsed else set()
        self.proxy.set_state(state, keep=keep)
        self._show_filtered(state.active)
        self._expand()
        for serial in collapsed:  # a section the auditor closed stays closed when an edit filters again
            index = self._view_index(self.model.node_index(self.model.nodes[serial]))
            if index.isValid():
                self.tree.collapse(index)
        self._show_count()
        self._row_before_empty = None
        if current is not None and self._select(self._view_index(self.model.node_index(current))):
            return
        after = current if current is not None and current.kind == ITEM else None
        if not self.select_next_open(after) and not self._select(self._first_visible_item()):
            self._row_before_empty = current  # the place to come back to when a filter shows it again
            self._shown_node = None
            self.item_panel.set_item(None)
            self.current_changed.emit(None)

    def _collapsed_sections(self) -> set[int]:
        found: set[int] = set()
        for node in self.model.nodes:
            if node.kind != ITEM and node.children:
                index = self._view_index(self.model.node_index(node))
                if index.isValid() and not self.tree.isExpanded(index):
                    found.add(node.serial)
        return found

    def _item_changed(self, ref: ItemRef) -> None:
        """An edit can move an item into or out of the filtered view (answered under "unanswered", a finding's
        removal under "with findings"). Another item (an undo) joins or leaves at once; the current item stays
        while the auditor works on it (typing, a dialog, the baseline after the value) and leaves when the
        selection moves on."""
        node = self.model.node_of(ref)
        if not self.filtered or node is None or self.proxy.keeps(node) == self.proxy.accepts(node):
            return
        if node is self.current_node():
            self._refilter_on_leaving = True
        else:
            self._refilter_after_edit()

    def _refilter_after_edit(self) -> None:
        if not self.filtered:
            return
        current = self.current_node()
        self._filter(self.proxy.state, keep=current if current is not None and current.kind == ITEM else None,
                     keep_collapsed=True)

    def _refilter_if_active(self) -> None:
        if self.filtered:  # the profile's tags decide which items apply
            self.apply_filter()

    def _first_visible_item(self) -> QModelIndex:
        """The first item row in the (filtered) tree; the filter keeps only sections above a match."""
        shown = self.tree.model()
        index = shown.index(0, 0)
        while index.isValid() and shown.hasChildren(index):
            index = shown.index(0, 0, index)
        return index

    def _show_count(self) -> None:
        active = self.proxy.state.active
        self.filter_bar.show_count(self.proxy.matched_items, len(self.model.items), active)
        self.tree.set_empty_text(_nothing_matches(self.proxy.state) if active and not self.proxy.matched_items
                                 else "")

    # -- dashboard -----------------------------------------------------------------------------------------------

    def new_finding(self) -> None:
        """Insert: a finding on the current item, with its panel in view."""
        if self.item_panel.findings.ref is None:
            self.message.emit(tr("Select an item to record a finding on it."))
            return
        self.tabs.setCurrentWidget(self.item_panel)
        self.item_panel.findings.new_finding()

    def show_dashboard(self) -> None:
        self.tabs.setCurrentWidget(self.dashboard_page)

    def scroll_dashboard_to(self, value: int) -> None:
        """Scroll the dashboard to ``value`` once it is laid out (its height is known only then)."""
        if self.dashboard is not None:
            dashboard = self.dashboard
            QTimer.singleShot(0, dashboard, lambda: dashboard.verticalScrollBar().setValue(value))

    def toggle_dashboard(self) -> None:
        """Ctrl+D: the dashboard; on it already, back to the item."""
        shown = self.item_panel if self.tabs.currentWidget() is self.dashboard_page else self.dashboard_page
        self.tabs.setCurrentWidget(shown)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.dashboard_page and self.dashboard is None:
            from app.ui.dashboard import DashboardWidget  # imported when first shown: start-up stays quick

            self.dashboard = DashboardWidget(self.session)
            layout = self.dashboard_page.layout()
            assert layout is not None
            layout.addWidget(self.dashboard)
