"""Small widgets: the editor saved as you type (cut at the core's length limit, counted as the core counts),
wrapped labels, and the keys that remove a row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.core.audit import MAX_TEXT
from app.ui.widgets import SavingTextEdit, is_delete_key, scaled_font, viewport_width, wrapped_label


def _editor(qtbot: QtBot, text: str) -> tuple[SavingTextEdit, list[str]]:
    editor = SavingTextEdit()
    qtbot.addWidget(editor)
    editor.load(text)
    messages: list[str] = []
    editor.cut_to_limit.connect(messages.append)
    return editor, messages


def test_typing_into_a_full_text_keeps_what_was_written_before(qtbot: QtBot) -> None:
    written = "记" * (MAX_TEXT - 1) + "末"
    editor, messages = _editor(qtbot, written)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "NEW")  # at the start of a full note: the new letters go, the end of the note stays
    assert editor.toPlainText() == written
    assert editor.textCursor().position() == 0
    assert len(messages) == 3


def test_a_paste_is_cut_to_what_fits_where_it_was_pasted(qtbot: QtBot) -> None:
    editor, messages = _editor(qtbot, "a" * (MAX_TEXT - 2))
    cursor = editor.textCursor()
    cursor.setPosition(10)
    editor.setTextCursor(cursor)
    editor.insertPlainText("XYZW")
    assert editor.toPlainText() == "a" * 10 + "XY" + "a" * (MAX_TEXT - 12)
    assert editor.textCursor().position() == 12 and messages


def test_characters_beyond_the_basic_plane_count_once(qtbot: QtBot) -> None:
    editor, messages = _editor(qtbot, "")
    emoji = "🏭" * 60_000  # 120,000 UTF-16 units, 60,000 characters: within the limit
    editor.insertPlainText(emoji)
    assert editor.toPlainText() == emoji and messages == []


def test_a_wrapped_label_gives_the_height_qlabel_would_for_its_text_font_and_format_of_the_moment(
        qtbot: QtBot) -> None:
    label = wrapped_label("关键工序设备实时采集主轴转速、负载和报警信号并上传至MES, and its English text " * 3)
    qtbot.addWidget(label)
    reference = QLabel()
    reference.setWordWrap(True)
    qtbot.addWidget(reference)

    def expected(width: int) -> int:
        reference.setTextFormat(label.textFormat())
        reference.setFont(label.font())
        reference.setText(label.text())
        reference.setStyleSheet(label.styleSheet())
        return reference.heightForWidth(width)

    widths = (120, 300, 120, 640)
    assert [label.heightForWidth(w) for w in widths] == [expected(w) for w in widths]
    label.setFont(scaled_font(label, 1.6, bold=True))
    assert [label.heightForWidth(w) for w in widths] == [expected(w) for w in widths]
    label.setText("短")
    assert label.heightForWidth(120) == expected(120)
    label.setText("<b>a</b><br>b<br>c")
    label.setTextFormat(Qt.TextFormat.RichText)
    assert label.heightForWidth(300) == expected(300)
    label.setStyleSheet("padding: 12px;")
    assert label.heightForWidth(300) == expected(300)


def test_only_delete_or_backspace_alone_removes_a_row() -> None:
    """Qt's standard Delete sequence holds Ctrl+D on Linux desktops: pressed for the dashboard, it removed the
    selected corrective action."""
    def press(key: Qt.Key, held: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QKeyEvent:
        return QKeyEvent(QEvent.Type.KeyPress, key, held)

    assert is_delete_key(press(Qt.Key.Key_Delete)) and is_delete_key(press(Qt.Key.Key_Backspace))
    assert is_delete_key(press(Qt.Key.Key_Delete, Qt.KeyboardModifier.KeypadModifier))
    assert not is_delete_key(press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier))
    assert not is_delete_key(press(Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier))
    assert not is_delete_key(press(Qt.Key.Key_Backspace, Qt.KeyboardModifier.AltModifier))


@pytest.mark.parametrize("policy", [Qt.ScrollBarPolicy.ScrollBarAsNeeded, Qt.ScrollBarPolicy.ScrollBarAlwaysOn,
                                    Qt.ScrollBarPolicy.ScrollBarAlwaysOff])
def test_viewport_width_is_the_viewports_own_shown_or_hidden(qtbot: QtBot, policy: Qt.ScrollBarPolicy) -> None:
    from PySide6.QtWidgets import QListWidget, QVBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    view = QListWidget()
    QVBoxLayout(holder).addWidget(view)
    view.setVerticalScrollBarPolicy(policy)
    view.addItems([f"row {n}" for n in range(200)])  # more than it shows: a scroll bar as needed
    holder.resize(300, 200)
    holder.show()
    qtbot.waitUntil(lambda: viewport_width(view) == view.viewport().width())
    shown = view.viewport().width()
    holder.hide()  # as the item page is behind the dashboard tab: the bar is not visible, but there
    assert viewport_width(view) == shown
