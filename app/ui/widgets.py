"""Small building blocks shared by the panels: captions, wrapped labels, a note editor saved as you type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import MAX_TEXT
from app.i18n import add_translations, tr
from app.ui.flow_layout import FlowLayout

add_translations({
    "A text holds at most {limit} characters; what went beyond was not kept.":
        "文本最多 {limit} 个字符；超出部分未保留。",
})

SAVE_DELAY_MS = 600


class _UndoPassThrough(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window's Undo/Redo even when a text field has the focus.

    Text fields claim these keys for their own undo; the audit's undo covers every edit (notes included), so the
    field's claim is refused and the shortcut goes to the window's actions.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


def viewport_width(area: QAbstractScrollArea) -> int:
    """The width of ``area``'s viewport, from the area's own: ``viewport()`` would hand Python a widget that Qt made,
    and PySide then builds the Python type of every kind of widget it could be (some 7 ms of the start-up)."""
    bar = area.verticalScrollBar()
    shown = bar.isVisibleTo(area) and area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    return area.maximumViewportSize().width() - (bar.width() if shown else 0)  # always on: taken off already


_pass_through: list[_UndoPassThrough] = []


def pass_undo_to_window(widget: QWidget) -> None:
    if not _pass_through:
        _pass_through.append(_UndoPassThrough())
    widget.installEventFilter(_pass_through[0])


class SavingTextEdit(QPlainTextEdit):
    """A plain-text editor that asks to be saved ~600 ms after typing stops and whenever it loses the focus.

    ``save_requested`` carries the text; ``typing_ended`` follows a save after a pause or on focus loss, so that
    the next burst of typing becomes a new undo step (Ctrl+Z takes back the last burst, not the whole note).
    ``draft_changed`` carries the text at every keystroke, to be kept as a draft until the save: a crash in
    between loses nothing typed.
    """

    save_requested = Signal(str)
    draft_changed = Signal(str)
    typing_ended = Signal()
    cut_to_limit = Signal(str)  # the message: text beyond MAX_TEXT is cut as it arrives, not refused at saving

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._paused)
        self.textChanged.connect(self._typed)
        self._loading = False
        pass_undo_to_window(self)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def load(self, value: str) -> None:
        """Show ``value`` without asking for a save (the stored text, after a change from elsewhere)."""
        self._timer.stop()
        if value != self.toPlainText():
            self._loading = True
            self.setPlainText(value)
            self._loading = False

    def save_now(self) -> None:
        """Save typing that is still waiting for its delay (nothing when there is none)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit_save()

    def _emit_save(self) -> None:
        self.save_requested.emit(self.toPlainText())

    def _paused(self) -> None:
        self._emit_save()
        self.typing_ended.emit()

    def _typed(self) -> None:
        if self._loading:
            return
        if self.document().characterCount() - 1 > MAX_TEXT:  # UTF-16 units and a closing mark: never too few
            self._cut_to_limit()
        self._timer.start()
        self.draft_changed.emit(self.toPlainText())

    def _cut_to_limit(self) -> None:
        """What is shown is what is saved: the core refuses longer texts, so the excess goes at once, from what
        was just typed or pasted (it ends at the cursor), not from the end of what was written before."""
        text = self.toPlainText()
        excess = len(text) - MAX_TEXT  # in characters, as the core counts; an emoji is two UTF-16 units
        if excess <= 0:
            return
        end = len(text.encode("utf-16-le")[:2 * self.textCursor().position()].decode("utf-16-le"))
        start = max(0, end - excess)
        kept = text[:start] + text[end:]
        kept = kept[:MAX_TEXT]  # when the cursor was not after the new text, the rest comes off the end
        self._loading = True
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(kept)
        self._loading = False
        cursor.setPosition(_utf16_length(kept[:start]))
        self.setTextCursor(cursor)
        self.cut_to_limit.emit(tr("A text holds at most {limit} characters; what went beyond was not kept.",
                                  limit=f"{MAX_TEXT:,}"))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.save_now()
        self.typing_ended.emit()
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.moveCursor(QTextCursor.MoveOperation.End)  # tabbed into: typing adds to the note, not before it


KEYBOARD_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason)


def select_current_row(view: QAbstractItemView, reason: Qt.FocusReason) -> None:
    """Coming to a list by keyboard selects its current (or first) row, so that Enter, Delete and the panel's
    buttons act on what the focus frame shows. A click selects what it clicks, nothing more."""
    if reason not in KEYBOARD_FOCUS:
        return
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or selection.hasSelection() or model.rowCount() == 0:
        return
    current = view.currentIndex()
    selection.setCurrentIndex(current if current.isValid() else model.index(0, 0),
                              QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)


def is_delete_key(event: QKeyEvent) -> bool:
    """Delete or Backspace alone: the keys that remove the selected row of a list. Not Qt's standard Delete
    sequence, which on Linux desktops also holds Ctrl+D, the dashboard's key."""
    held = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier)
    return event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and held == Qt.KeyboardModifier.NoModifier


def _utf16_length(text: str) -> int:
    """Qt counts text positions in UTF-16 units: a character beyond the BMP (an emoji, a rare CJK one) is two."""
    return len(text.encode("utf-16-le")) // 2


def caption(text: str) -> QLabel:
    """A small bold heading above a block of the item panel."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    label.setStyleSheet("color: #5f6b7a; margin-top: 6px;")
    return label


class WrappedLabel(QLabel):
    """A word-wrapped label that remembers its height at each width for its current text.

    While a window settles, its layouts ask a wrapped label for its height many times over, at a handful of
    widths (a scroll area tries each width with and without its scroll bar, and asks again after every change
    elsewhere). QLabel lays the text out anew for each question: on opening an audit that was a tenth of the work.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self._heights: dict[tuple[int, str, Qt.TextFormat], int] = {}

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        key = (width, self.text(), self.textFormat())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 32:  # texts change with the item shown: keep only recent ones
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._heights.clear()
        super().changeEvent(event)


def wrapped_label(text: str = "", *, selectable: bool = True) -> QLabel:
    label = WrappedLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def add_button(layout: QLayout, label: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with a translated label and tooltip, added to ``layout``; a click calls ``slot()``."""
    button = QPushButton(tr(label))
    button.setToolTip(tr(tip))
    button.clicked.connect(lambda _checked=False: slot())
    layout.addWidget(button)
    return button


def heading_with_buttons(layout: QVBoxLayout, title: str) -> tuple[QLabel, FlowLayout]:
    """A panel's caption on the left and a row for its buttons on the right, added to ``layout``; the buttons wrap
    in a narrow pane instead of widening it."""
    header = QHBoxLayout()
    heading = caption(title)
    header.addWidget(heading, 0, Qt.AlignmentFlag.AlignTop)  # beside the first row of buttons
    header.addStretch(1)
    buttons = FlowLayout()
    header.addLayout(buttons)
    layout.addLayout(header)
    return heading, buttons
