"""The selected item: what it asks, how to verify it, the answer, the auditor's note, evidence and findings."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.audit import ItemRef
from app.core.checklist import Checklist, Item, format_number
from app.i18n import add_translations, join_list, text, tr
from app.ui.answer_editor import AnswerEditor
from app.ui.evidence_panel import EvidencePanel
from app.ui.findings_panel import FindingsPanel
from app.ui.session import AuditSession
from app.ui.widgets import SavingTextEdit, caption, scaled_font, wrapped_label

add_translations({
    "Answer": "回答",
    "Requirement": "要求",
    "How to verify": "核查方法",
    "Evidence to ask for": "应查看的证据",
    "References": "依据",
    "Caveat": "注意事项",
    "Auditor's note": "审核员备注",
    "Notes for this item; saved as you type.": "本条目的备注，输入时自动保存。",
    "critical": "关键项",
    "weight {weight}": "权重 {weight}",
    "tags: {tags}": "标签：{tags}",
    "Out of scope for this factory: its profile has none of the tags {tags}.":
        "不在本工厂审核范围内：工厂档案中没有标签 {tags}。",
    "Select an item in the checklist.": "请在清单中选择一个条目。",
    "clause {clause}": "第 {clause} 条",
})


class ItemPanel(QScrollArea):
    """Shows one item; every edit goes through the session, and changes from elsewhere (undo) show up here."""

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ref: ItemRef | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # no Tab stop that shows nothing: Tab goes to the fields
        content = QWidget()
        content.setObjectName("itemPanelContent")
        self.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.setSpacing(4)
        self.placeholder = QLabel(tr("Select an item in the checklist."))
        self.placeholder.setStyleSheet("color: #777;")
        layout.addWidget(self.placeholder)
        self.id_label = QLabel()
        self.id_label.setStyleSheet("color: #6b7785;")
        self.title_label = wrapped_label()
        self.title_label.setFont(scaled_font(self, 1.3, bold=True))
        self.badges = wrapped_label(selectable=False)
        self.badges.setTextFormat(Qt.TextFormat.RichText)
        self.applicability = wrapped_label()
        self.applicability.setStyleSheet("color: #8a5a00; background: #fff4dc; border-radius: 4px; padding: 6px;")
        for label in (self.id_label, self.title_label, self.badges, self.applicability):
            layout.addWidget(label)
        self.answer = AnswerEditor(session)
        self.requirement = wrapped_label()
        self.requirement.setFont(scaled_font(self, 1.08))
        self.guidance = wrapped_label()
        self.evidence_hints = wrapped_label()
        self.references = wrapped_label()
        self.caveat = wrapped_label()
        self.caveat.setStyleSheet("color: #6d4c00; background: #fff8e1; border-radius: 4px; padding: 6px;")
        self.note = SavingTextEdit()
        self.note.setPlaceholderText(tr("Notes for this item; saved as you type."))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.note.save_requested.connect(self._note_typed)
        self.note.draft_changed.connect(self._note_drafted)
        self.note.typing_ended.connect(session.end_merge)
        self.note.cut_to_limit.connect(session.failed)
        self._blocks: list[tuple[QLabel, QWidget]] = []
        blocks: tuple[tuple[str, QWidget], ...] = ((tr("Answer"), self.answer), (tr("Requirement"), self.requirement),
                              (tr("How to verify"), self.guidance), (tr("Evidence to ask for"), self.evidence_hints),
                              (tr("References"), self.references), (tr("Caveat"), self.caveat),
                              (tr("Auditor's note"), self.note))
        for title, widget in blocks:
            heading = caption(title)
            layout.addWidget(heading)
            layout.addWidget(widget)
            self._blocks.append((heading, widget))
        self.evidence = EvidencePanel(session)
        self.findings = FindingsPanel(session)
        layout.addSpacing(8)
        layout.addWidget(self.evidence)
        layout.addWidget(self.findings)
        layout.addStretch(1)
        session.itemChanged.connect(self._item_changed)
        session.profileChanged.connect(self._show)
        self._show()

    def sizeHint(self) -> QSize:  # noqa: N802
        """A fixed hint: the splitter gives the panel its width anyway, and QScrollArea's own hint would lay out
        every text of the item at a width of its choosing, only to be laid out again at the real one."""
        return QSize(480, 480)

    def set_item(self, ref: ItemRef | None) -> None:
        if ref == self.ref:
            return
        self.flush()
        self.session.end_merge()
        self.ref = ref
        self.answer.set_item(ref)
        self._order_tabs()
        self.evidence.set_item(ref)
        self.findings.set_item(ref)
        self._show()
        self.verticalScrollBar().setValue(0)

    def _order_tabs(self) -> None:
        """The answer's widgets are new for each item, so Qt puts them last in the Tab order: move them to where
        they are on screen, between the panel and the note."""
        chain = [self, *self.answer.tab_stops(), self.note]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def flush(self, *, keep_unfinished: bool = False) -> None:
        """Save typing still waiting for its delay, so that undo and item changes see it (``keep_unfinished``: see
        :meth:`AnswerEditor.flush`)."""
        self.note.save_now()
        self.answer.flush(keep_unfinished=keep_unfinished)
        self.evidence.view.finish_editing()

    def _item_changed(self, ref: ItemRef) -> None:
        if ref == self.ref:
            self.answer.refresh()
            if not self.note.pending:
                self.note.load(self.session.audit.answer(ref).note or "")

    def _note_typed(self, value: str) -> None:
        if self.ref is not None:
            self.session.edit_merging(("note", self.ref), self.session.audit.set_note, self.ref, value)

    def _note_drafted(self, value: str) -> None:
        if self.ref is not None:
            self.session.save_draft(self.ref, "note", value)

    def _show(self) -> None:
        ref = self.ref
        shown = ref is not None
        self.placeholder.setVisible(not shown)
        header: tuple[QWidget, ...] = (self.id_label, self.title_label, self.badges, self.evidence, self.findings)
        for part in header:
            part.setVisible(shown)
        if ref is None:
            self.applicability.hide()
            for heading, block in self._blocks:
                heading.hide()
                block.hide()
            return
        audit = self.session.audit
        checklist = audit.checklist(ref.checklist_id)
        item = audit.item(ref)
        self.id_label.setText(f"{text(checklist.title)}  ›  {item.id}")
        self.title_label.setText(text(item.title))
        self.badges.setText(_badges(item, checklist))
        self.badges.setVisible(bool(self.badges.text()))
        applies = audit.applies(ref)
        self.applicability.setVisible(not applies)
        self.applicability.setText(tr("Out of scope for this factory: its profile has none of the tags {tags}.",
                                      tags=join_list(_tag_labels(checklist, item.tags))))
        self.note.load(audit.answer(ref).note or "")
        self._show_details(checklist, item)

    def refresh_details(self) -> None:
        """Show the item's stored texts again: the first reading of them all may have found them damaged and made
        them anew (the search index reads them all just after the window is shown)."""
        if self.ref is not None:
            self._show_details(self.session.audit.checklist(self.ref.checklist_id), self.session.audit.item(self.ref))

    def _show_details(self, checklist: Checklist, item: Item) -> None:
        self.requirement.setText(text(item.requirement))
        self.guidance.setText(text(item.guidance))
        self.evidence_hints.setText("\n".join(f"•  {text(hint)}" for hint in item.evidence))
        self.references.setText("\n".join(_references(checklist, item)))
        self.caveat.setText(text(item.note))
        for heading, block in self._blocks:
            visible = not isinstance(block, QLabel) or bool(block.text())
            heading.setVisible(visible)
            block.setVisible(visible)


def _badges(item: Item, checklist: Checklist) -> str:
    badges: list[str] = []
    if item.critical:
        badges.append(f"<span style='color:#b71c1c; font-weight:bold'>● {tr('critical')}</span>")
    if item.weight != 1:
        badges.append(tr("weight {weight}", weight=format_number(item.weight)))
    if item.tags:
        badges.append(tr("tags: {tags}", tags=join_list(_tag_labels(checklist, item.tags))))
    return "<span style='color:#6b7785'>" + "  ·  ".join(badges) + "</span>" if badges else ""


def _tag_labels(checklist: Checklist, tags: tuple[str, ...]) -> list[str]:
    labels = {tag.id: text(tag.label) or tag.id for tag in checklist.tags}
    return [labels.get(tag, tag) for tag in tags]


def _references(checklist: Checklist, item: Item) -> list[str]:
    lines: list[str] = []
    for ref in item.refs:
        source = checklist.source(ref.source)
        title = text(source.title) if source is not None else ref.source
        clause = f" — {tr('clause {clause}', clause=ref.clause)}" if ref.clause else ""
        lines.append(f"•  {title}{clause}")
    return lines
