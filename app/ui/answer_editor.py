"""The answer part of the item panel: scale buttons, KPI numbers, a text answer, and N/A with its reason."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent, QValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.audit import Answer, ItemRef
from app.core.checklist import Item, format_number
from app.core.numbers import (
    MAX_DIGITS,
    STILL_TYPING,
    as_ascii,
    not_a_number,
    parse_number,
    significant_digits,
    typed_digits,
)
from app.i18n import add_translations, text, tr, unit
from app.ui.answer_icons import GOOD, POOR, score_colour
from app.ui.flow_layout import FlowLayout
from app.ui.session import AuditSession
from app.ui.widgets import SavingTextEdit, pass_undo_to_window, wrapped_label

REFUSED_KEY_MESSAGE = "A number takes digits, one point or comma, and a sign; at most {digits} significant digits"

add_translations({
    "0  N/A…": "0  不适用…",
    "Clear": "清除",
    "Clear the answer": "清除回答",
    "Not applicable: {reason}": "不适用：{reason}",
    "Change reason…": "修改理由…",
    "Clear N/A": "取消不适用",
    "Current value": "当前值",
    "Baseline (before the upgrade)": "基线值（改造前）",
    "Target: {target} {unit}": "目标：{target} {unit}",
    "met": "已达到", "not met": "未达到",
    "Change from baseline: {delta} {unit} ({relative} relative)": "较基线变化：{delta} {unit}（相对 {relative}）",
    "Change from baseline: {delta} {unit}": "较基线变化：{delta} {unit}",
    "Type the answer here; it is saved as you type.": "在此输入回答，输入时自动保存。",
    "“{typed}” is not a number; it was not saved": "“{typed}”不是数字，未保存",
    REFUSED_KEY_MESSAGE: "数值只能包含数字、一个小数点或逗号和正负号，最多{digits}位有效数字",
})


class NumberValidator(QValidator):
    """Accepts what :func:`parse_number` reads, and the way there while typing ("-", "12,", "1 5"); refuses a
    16th digit typed, zeros included (a big number stored before, shown in full, can still be edited)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._digits_before = 0  # of the text shown, or last found not invalid (Qt validates every change)

    def shown(self, text: str) -> None:
        """The program shows ``text``, a stored number: as many digits as it has may stay."""
        self._digits_before = typed_digits(as_ascii(text))

    def validate(self, typed: str, _position: int) -> QValidator.State:
        state = self._state(typed)
        if state != QValidator.State.Invalid:
            self._digits_before = typed_digits(as_ascii(typed))
        return state

    def _state(self, typed: str) -> QValidator.State:
        digits = typed_digits(as_ascii(typed))
        if digits > MAX_DIGITS and digits > self._digits_before:
            return QValidator.State.Invalid
        try:
            parse_number(typed)
        except ValueError:
            text = as_ascii(typed)
            typing = STILL_TYPING.fullmatch(text) and significant_digits(text) <= MAX_DIGITS
            return QValidator.State.Intermediate if typing else QValidator.State.Invalid
        return QValidator.State.Acceptable


class NumberEdit(QLineEdit):
    """A KPI number field, committed like a spreadsheet cell: Enter, Tab or leaving it saves; Esc takes back what
    was typed since (``cancelled``), then the view's Esc returns to the tree."""

    cancelled = Signal()
    not_a_number = Signal()  # Enter on text that is no number yet ("1,23,4"): said, not silently ignored
    left_unfinished = Signal()  # Tab or a click away from text that is no number ("12,"): said, and taken back

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape and self.isModified():
            self.setModified(False)
            self.cancelled.emit()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.hasAcceptableInput():
            self.not_a_number.emit()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # Qt sends no editingFinished for text its validator finds unfinished: the field would keep showing "12,"
        # while the saved number is another. Not when only the window lost the focus, or a menu took it.
        left = event.reason() not in (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason,
                                      Qt.FocusReason.MenuBarFocusReason)
        if left and self.isModified() and not self.hasAcceptableInput():
            self.left_unfinished.emit()
        super().focusOutEvent(event)


class AnswerEditor(QWidget):
    """Edits the answer of one item through the session; ``refresh`` shows the stored answer again."""

    confirmed = Signal()  # Enter in the last number field: the view goes back to the tree and on to the next item

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ref: ItemRef | None = None
        self.item: Item | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None
        self._stops: list[QWidget] = []  # the body's widgets that Tab visits, in their order on screen
        self.buttons: dict[str, QPushButton] = {}
        self.value_edit: QLineEdit | None = None
        self.baseline_edit: QLineEdit | None = None
        self.kpi_status: QLabel | None = None
        self.text_edit: SavingTextEdit | None = None
        self.na_label = wrapped_label()
        self.na_label.setStyleSheet("color: #555; background: #f1f1f1; border-radius: 4px; padding: 6px;")
        self.na_row = QWidget()
        na_layout = QHBoxLayout(self.na_row)
        na_layout.setContentsMargins(0, 0, 0, 0)
        na_layout.addWidget(self.na_label, 1)
        self._change_reason = _button(tr("Change reason…"), self.ask_na)
        self._clear_na = _button(tr("Clear N/A"), self._clear_na_clicked)
        na_layout.addWidget(self._change_reason)
        na_layout.addWidget(self._clear_na)
        self._layout.addWidget(self.na_row)

    # -- building ------------------------------------------------------------------------------------------------

    def set_item(self, ref: ItemRef | None) -> None:
        self.flush()
        if self._body is not None:
            self._body.hide()  # at once: deleteLater() waits for the event loop, and until then both would show
            self._layout.removeWidget(self._body)
            self._body.deleteLater()
            self._body = None
        self.buttons, self.value_edit, self.baseline_edit, self.kpi_status, self.text_edit = {}, None, None, None, None
        self._stops = []
        self.ref = ref
        self.item = self.session.audit.item(ref) if ref is not None else None
        if self.item is not None:
            self._body = self._build(self.item)
            self._layout.insertWidget(0, self._body)
            self._body.show()  # now, not when the layout gets round to it: the panel is whole at once
        self.refresh()

    def tab_stops(self) -> list[QWidget]:
        """The widgets Tab visits, as they are on screen: the answer (rebuilt for each item), then N/A's buttons.
        Kept as they are made: findChildren() would hand Python the widgets Qt makes inside them (a line edit's
        clear button, a text box's scroll bars), and PySide then builds the types of every kind they could be."""
        return [*self._stops, self._change_reason, self._clear_na]

    def _build(self, item: Item) -> QWidget:
        if item.type in ("scale", "yes_no"):
            return self._build_scale(item)
        if item.type == "number":
            return self._build_number(item)
        return self._build_text()

    def _build_scale(self, item: Item) -> QWidget:
        assert self.ref is not None
        body = QWidget()
        row = FlowLayout(body)  # wraps in a narrow pane instead of clipping
        row.setContentsMargins(0, 0, 0, 0)
        scale = self.session.audit.checklist(self.ref.checklist_id).scale_of(item)
        for number, option in enumerate(scale.options, start=1):
            label = f"{number}  {text(option.label)}" if number <= 9 else text(option.label)
            button = _button(label, lambda _=False, code=option.code: self.choose(code))
            button.setCheckable(True)
            button.setStyleSheet(_checked_style(score_colour(option.score)))
            bold = button.font()
            bold.setBold(True)
            button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(label) + 30)  # checked is bold: no clipping
            self.buttons[option.code] = button
            self._stops.append(button)
            row.addWidget(button)
        row.add_gap(12)  # N/A and Clear apart from the scale
        row.addWidget(self._na_and_clear())
        return body

    def _na_and_clear(self) -> QWidget:
        """N/A and Clear side by side, as tall as the answer buttons: in a narrow pane they wrap as a pair."""
        pair = QWidget()
        layout = QHBoxLayout(pair)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        clear = _button(tr("Clear"), self._clear_clicked)
        clear.setToolTip(tr("Clear the answer"))
        for button in (_button(tr("0  N/A…"), self.ask_na), clear):
            button.setStyleSheet(_PLAIN_STYLE)
            layout.addWidget(button)
            self._stops.append(button)
        return pair

    def _build_number(self, item: Item) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        self.value_edit = self._number_edit(self._value_entered)
        grid.addWidget(QLabel(tr("Current value")), 0, 0)
        grid.addWidget(self.value_edit, 0, 1)
        grid.addWidget(QLabel(unit(item.unit)), 0, 2)
        if item.baseline:
            self.baseline_edit = self._number_edit(self._baseline_entered)
            grid.addWidget(QLabel(tr("Baseline (before the upgrade)")), 1, 0)
            grid.addWidget(self.baseline_edit, 1, 1)
            grid.addWidget(QLabel(unit(item.unit)), 1, 2)
        not_applicable = _button(tr("0  N/A…"), self.ask_na)
        grid.addWidget(not_applicable, 0, 3)
        self._stops.extend(edit for edit in (self.value_edit, self.baseline_edit, not_applicable) if edit is not None)
        self.kpi_status = wrapped_label()
        self.kpi_status.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(self.kpi_status, 2, 0, 1, 5)
        grid.setColumnStretch(4, 1)
        return body

    def _number_edit(self, on_entered: object) -> NumberEdit:
        edit = NumberEdit()
        edit.setValidator(NumberValidator(edit))
        edit.setMaximumWidth(140)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.editingFinished.connect(on_entered)
        edit.returnPressed.connect(lambda: self._number_confirmed(edit))  # before editingFinished, which then has
        edit.cancelled.connect(lambda: self._number_cancelled(edit))      # nothing left to save
        edit.textEdited.connect(lambda typed: self._number_drafted(edit, typed))
        edit.not_a_number.connect(lambda: self._not_a_number(edit))
        edit.left_unfinished.connect(lambda: self._left_unfinished(edit))
        edit.inputRejected.connect(  # a key it refused is said, not dropped in silence
            lambda: self.session.failed.emit(tr(REFUSED_KEY_MESSAGE, digits=MAX_DIGITS)))
        pass_undo_to_window(edit)
        return edit

    def _build_text(self) -> QWidget:
        self.text_edit = SavingTextEdit()
        self.text_edit.setPlaceholderText(tr("Type the answer here; it is saved as you type."))
        self.text_edit.setFixedHeight(110)
        self.text_edit.save_requested.connect(self._text_typed)
        self.text_edit.draft_changed.connect(self._text_drafted)
        self.text_edit.typing_ended.connect(self.session.end_merge)
        self.text_edit.cut_to_limit.connect(self.session.failed)
        not_applicable = _button(tr("0  N/A…"), self.ask_na)  # as a KPI has: the mouse's way to the 0 key's
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text_edit)
        column.addWidget(not_applicable, 0, Qt.AlignmentFlag.AlignLeft)
        self._stops.extend((self.text_edit, not_applicable))
        return body

    # -- showing the stored answer ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ref is None or self.item is None:
            self.na_row.hide()
            return
        answer = self.session.audit.answer(self.ref)
        for code, button in self.buttons.items():
            button.setChecked(not answer.is_na and answer.choice == code)
        if self.value_edit is not None:
            _show_number(self.value_edit, answer.value)
        if self.baseline_edit is not None:
            _show_number(self.baseline_edit, answer.baseline)
        if self.kpi_status is not None:
            self.kpi_status.setText(_kpi_status(self.item, answer))
        if self.text_edit is not None and not self.text_edit.pending:
            self.text_edit.load(answer.text or "")
        self.na_row.setVisible(answer.is_na)
        self.na_label.setText(tr("Not applicable: {reason}", reason=answer.na_reason or ""))

    def start_typing(self, first: str) -> None:
        """Move the focus to the value or text field with ``first`` typed (a digit pressed in the tree); an answer
        already written in the text field only gets the focus."""
        field = self.value_edit or self.text_edit
        if field is None:
            return
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(field, QLineEdit):  # as in a spreadsheet cell: typing replaces, Esc takes it back
            field.setText(first)
            field.setModified(True)
            self._number_drafted(field, first)  # setText() is no textEdited: kept as the keys after it are
        else:
            field.moveCursor(field.textCursor().MoveOperation.End)
            if not field.toPlainText():  # a written answer is not changed by a key meant for the tree
                field.insertPlainText(first)

    def flush(self, *, keep_unfinished: bool = False) -> None:
        """Save typing not saved yet: text waiting for its delay, a number not yet confirmed with Enter (before
        undo, closing, or when another item is selected). ``keep_unfinished`` leaves a number not finished ("12,")
        in its draft, for the next opening to tell (the program is quitting: there is no one to tell now)."""
        if self.text_edit is not None:
            self.text_edit.save_now()
        for edit, entered in ((self.value_edit, self._value_entered), (self.baseline_edit, self._baseline_entered)):
            if edit is not None and not (keep_unfinished and not_a_number(edit.text())):
                entered()

    # -- edits ---------------------------------------------------------------------------------------------------

    def choose(self, code: str) -> bool:
        if self.ref is None:
            return False
        self.session.end_merge()
        done = self.session.edit(self.session.audit.set_choice, self.ref, code)
        self.refresh()
        return done is not None

    def ask_na(self) -> bool:
        """Ask for the reason and mark the item N/A; False when cancelled."""
        ref = self.ref  # the item the dialog asks about, whatever happens while it is open
        if ref is None:
            return False
        current = self.session.audit.answer(ref).na_reason or ""
        from app.ui.dialogs import ask_na_reason  # imported when first needed: start-up stays quick

        # kept at every keystroke, as a note is: a crash while the reason is typed loses at most that keystroke
        reason = ask_na_reason(self, ref.item_id, current,
                               typed=lambda text: self.session.save_draft(ref, "na_reason", text))
        if reason is None:
            self.session.discard_draft(ref, "na_reason")  # cancelled: nothing to recover
            return False
        self.session.end_merge()
        return self.session.edit(self.session.audit.set_na, ref, reason) is not None

    def _clear_na_clicked(self) -> None:
        if self.ref is not None:
            self.session.edit(self.session.audit.clear_na, self.ref)

    def _clear_clicked(self) -> None:
        if self.ref is not None:
            self.session.edit(self.session.audit.clear_answer, self.ref)
        self.refresh()

    def _number_confirmed(self, edit: QLineEdit) -> None:
        """Enter saves, then moves on as a form does: from the value to an empty baseline, else out of the panel."""
        (self._value_entered if edit is self.value_edit else self._baseline_entered)()
        if edit is self.value_edit and self.baseline_edit is not None and not self.baseline_edit.text():
            self.baseline_edit.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.confirmed.emit()

    def _value_entered(self) -> None:
        self._number_entered(self.value_edit, self.session.audit.set_value)

    def _baseline_entered(self) -> None:
        self._number_entered(self.baseline_edit, self.session.audit.set_baseline)

    def _number_entered(self, edit: QLineEdit | None, setter: object) -> None:
        """Save a typed number; an emptied field clears it. Unchanged or unfinished text ("-") saves nothing."""
        if self.ref is None or edit is None or not edit.isModified():
            return
        try:
            value = parse_number(edit.text())
        except ValueError:
            self._not_a_number(edit)
            edit.setModified(False)  # said once: not again when the field then loses the focus
            return
        edit.setModified(False)
        self.session.edit(setter, self.ref, value)  # type: ignore[arg-type]
        self.refresh()

    def _number_field(self, edit: QLineEdit) -> str:
        return "value" if edit is self.value_edit else "baseline"

    def _number_drafted(self, edit: QLineEdit, typed: str) -> None:
        """Every keystroke is kept until Enter, Tab or leaving the field saves the number: a crash loses none."""
        if self.ref is not None:
            self.session.save_draft(self.ref, self._number_field(edit), typed)

    def _not_a_number(self, edit: QLineEdit) -> None:
        """Enter, or a save, on text that is no number ("12,"): said, and its draft dropped (never one to recover)."""
        self.session.failed.emit(tr("“{typed}” is not a number; it was not saved", typed=edit.text()))
        if self.ref is not None:
            self.session.discard_draft(self.ref, self._number_field(edit))

    def _left_unfinished(self, edit: QLineEdit) -> None:
        """Left with text that is no number: said, and the field shows the saved number again."""
        if self.ref is None or not edit.isVisible():  # the panel is going away (the audit closes): nothing to say
            return
        self._not_a_number(edit)
        edit.setModified(False)
        self.refresh()

    def _number_cancelled(self, edit: QLineEdit) -> None:
        """Esc: the saved number again, and its draft gone."""
        self.refresh()
        if self.ref is not None:
            self.session.discard_draft(self.ref, self._number_field(edit))

    def _text_typed(self, value: str) -> None:
        if self.ref is not None:
            self.session.edit_merging(("text", self.ref), self.session.audit.set_text, self.ref, value)

    def _text_drafted(self, value: str) -> None:
        if self.ref is not None:
            self.session.save_draft(self.ref, "text", value)


def _button(label: str, on_click: object) -> QPushButton:
    button = QPushButton(label)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.clicked.connect(on_click)
    return button


_PLAIN_STYLE = "QPushButton { padding: 5px 12px; }"  # the answer buttons' padding, without their colour


def _checked_style(colour: object) -> str:
    hex_colour = colour.name()  # type: ignore[attr-defined]
    return (f"{_PLAIN_STYLE}QPushButton:checked {{ background: {hex_colour}; color: white;"
            f" border: 1px solid {hex_colour}; border-radius: 3px; font-weight: bold; }}")


def _show_number(edit: QLineEdit, value: float | None) -> None:
    if not edit.hasFocus() or not edit.isModified():
        shown = "" if value is None else format_number(value)
        validator = edit.validator()
        if isinstance(validator, NumberValidator):
            validator.shown(shown)  # before setText, which Qt validates too
        edit.setText(shown)
        edit.setModified(False)


def _kpi_status(item: Item, answer: Answer) -> str:
    parts: list[str] = []
    shown_unit = unit(item.unit)
    if item.target is not None and item.target.describe():
        status = ""
        if answer.value is not None and not answer.is_na:  # under N/A the value is kept but judges nothing
            met = item.target.met_by(answer.value)
            colour = GOOD if met else POOR
            status = f"  <b style='color:{colour.name()}'>{tr('met') if met else tr('not met')}</b>"
        parts.append(tr("Target: {target} {unit}", target=item.target.describe(), unit=shown_unit) + status)
    if answer.value is not None and answer.baseline is not None and not answer.is_na:
        delta = answer.value - answer.baseline
        signed = format_number(delta, signed=True)
        if answer.baseline:
            relative = f"{delta / abs(answer.baseline) * 100:+.1f}%"
            parts.append(tr("Change from baseline: {delta} {unit} ({relative} relative)", delta=signed,
                            unit=shown_unit, relative=relative))
        else:
            parts.append(tr("Change from baseline: {delta} {unit}", delta=signed, unit=shown_unit))
    return "<br>".join(parts)
