"""The shortcuts list (F1): every key the app answers to, readable at a glance, in the interface language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QTableWidget, QWidget

from app.ui.dialogs import SHORTCUTS, show_shortcuts
from app.ui.language import apply_language
from tests.ui.helpers_widgets import when_dialog_opens


def read_shortcuts() -> list[tuple[str, str]]:
    """Open the F1 list, read it as the auditor sees it, and close it."""
    rows: list[tuple[str, str]] = []
    lit: list[int] = []

    def read(dialog: QDialog) -> None:
        table = dialog.findChild(QTableWidget)
        assert table is not None
        rows.extend((table.item(row, 0).text(), table.item(row, 1).text()) for row in range(table.rowCount()))
        lit.append(table.isVisible() and table.verticalScrollBar().isVisible())  # said after: it must close
        table.setFocus()  # as at opening on a desktop, where the list gets the keyboard
        table.setCurrentCell(0, 0)
        lit.append(len(table.selectedItems()))
        dialog.reject()

    when_dialog_opens(QDialog, read)
    parent = QWidget()
    show_shortcuts(parent)
    assert lit == [False, 0]  # every row in view, and no cell lit up as if chosen: a list to read
    return rows


def test_the_shortcut_list_names_every_key_in_the_interface_language() -> None:
    rows = read_shortcuts()
    assert len(rows) == len(SHORTCUTS)
    keys = [key for key, _action in rows]
    assert "Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y" in keys and "Enter (KPI)" in keys
    apply_language("zh")
    assert ("回车（指标）", "保存数值；转到基线值，再转到下一个未回答的条目") in read_shortcuts()


def test_qt_s_own_file_dialog_speaks_chinese_where_its_translation_has_gaps(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    apply_language("zh")
    dialog = QFileDialog(None, "打开审核", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels == {"lookInLabel": "查找范围(&L)：", "fileNameLabel": "文件名称(&N)：",
                      "fileTypeLabel": "文件类型(&T)："}
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"
    assert QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"  # the rest is Qt's own translation
    apply_language("en")
    assert QFileDialog(None).findChild(QLabel, "lookInLabel").text() == "&Look in:"


def test_the_open_errors_lead_with_what_happened_in_their_text_as_a_title_bar_may_not_show_it(
        tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.core.store import MissingAuditError, NotAnAuditError
    from app.ui.dialogs import offer_to_forget, show_open_error

    texts: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        texts.append(box.text())
        box.reject()

    when_dialog_opens(QMessageBox, read_and_close)
    assert not offer_to_forget(None, MissingAuditError("{path} is not there", tmp_path / "gone.sfaudit"))
    when_dialog_opens(QMessageBox, read_and_close)
    show_open_error(None, NotAnAuditError("{path} is not an audit file", tmp_path / "notes.txt"))
    assert texts[0].startswith("The audit file is not there.\n\nIt was moved, renamed or deleted")
    assert texts[1].startswith("This is not an audit file.\n\nNothing in the file was changed.")
    assert "File › New audit… makes a new one." in texts[1] and "…." not in texts[1]
