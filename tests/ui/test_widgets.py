"""The editor saved as you type: at the core's length limit it cuts what was just typed, counted as the core does."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.audit import MAX_TEXT
from app.ui.widgets import SavingTextEdit


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
