"""The main window's menus and their keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from app.i18n import add_translations, language, tr
from app.ui import settings
from app.ui.filter_bar import SHOW_CHOICES

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

add_translations({
    "&File": "文件(&F)", "&New audit…": "新建审核(&N)…", "&Open…": "打开(&O)…", "Open &demo audit": "打开示例审核(&D)",
    "Open &recent": "最近打开(&R)", "Save a cop&y…": "保存副本(&Y)…", "&Close": "关闭(&C)", "&Quit": "退出(&Q)",
    "&Edit": "编辑(&E)", "&Undo": "撤销(&U)", "&Redo": "重做(&R)", "&Find": "查找(&F)",
    "Factory &profile…": "工厂档案(&P)…", "Your &name…": "您的姓名(&N)…",
    "&View": "视图(&V)", "Show": "显示", "Hide out-of-scope items": "隐藏范围外条目", "&Dashboard": "概览(&D)",
    "Checklist ↔ item fields": "清单 ↔ 条目字段", "&Language": "语言(&L)",
    "&Help": "帮助(&H)", "&Keyboard shortcuts": "键盘快捷键(&K)", "&About": "关于(&A)",
    "(none)": "（无）",
    "All items": "全部条目", "Unanswered": "未回答", "N/A": "不适用", "With findings": "有问题的条目",
    "Critical": "关键项",
})


def build_menus(window: MainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    def add(menu: QMenu, name: str, label: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = menu.addAction(tr(label))
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        actions[name] = action
        return action

    file_menu = bar.addMenu(tr("&File"))
    add(file_menu, "new", "&New audit…", window.new_audit, QKeySequence.StandardKey.New)
    add(file_menu, "open", "&Open…", window.browse_audit, QKeySequence.StandardKey.Open)
    add(file_menu, "demo", "Open &demo audit", window.open_demo)
    recent = file_menu.addMenu(tr("Open &recent"))
    recent.aboutToShow.connect(lambda: _fill_recent(recent, window))
    file_menu.addSeparator()
    add(file_menu, "save_copy", "Save a cop&y…", window.save_copy, "Ctrl+Shift+S")
    add(file_menu, "close", "&Close", window.close_audit, "Ctrl+W")
    file_menu.addSeparator()
    add(file_menu, "quit", "&Quit", window.quit_all, "Ctrl+Q")

    edit_menu = bar.addMenu(tr("&Edit"))
    add(edit_menu, "undo", "&Undo", window.undo, "Ctrl+Z")
    add(edit_menu, "redo", "&Redo", window.redo, "Ctrl+Shift+Z")
    actions["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addSeparator()
    add(edit_menu, "find", "&Find", window.focus_search, "Ctrl+F")
    edit_menu.addSeparator()
    add(edit_menu, "profile", "Factory &profile…", window.edit_profile)
    add(edit_menu, "auditor_name", "Your &name…", window.edit_auditor_name)

    view_menu = bar.addMenu(tr("&View"))
    show_menu = view_menu.addMenu(tr("Show"))
    actions["show_menu"] = show_menu.menuAction()
    group = QActionGroup(window)
    for value, label in SHOW_CHOICES:
        action = add(show_menu, f"show:{value}", label, partial(window.set_show, value))
        action.setCheckable(True)
        action.setChecked(value == "all")
        group.addAction(action)
    chosen_answer = show_menu.addAction("")  # "Answer: …", chosen in the filter bar: ticked here while it is
    chosen_answer.setCheckable(True)
    chosen_answer.setVisible(False)
    group.addAction(chosen_answer)
    actions["show:answer"] = chosen_answer
    hide_na = view_menu.addAction(tr("Hide out-of-scope items"))
    hide_na.setCheckable(True)
    hide_na.toggled.connect(window.set_hide_na)
    actions["hide_na"] = hide_na
    view_menu.addSeparator()
    add(view_menu, "dashboard", "&Dashboard", window.toggle_dashboard, "Ctrl+D")
    add(view_menu, "toggle_focus", "Checklist ↔ item fields", window.toggle_focus, "F6")
    view_menu.addSeparator()
    language_menu = view_menu.addMenu(tr("&Language"))
    languages = QActionGroup(window)
    for code, label in (("zh", "中文"), ("en", "English")):
        action = language_menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(language() == code)
        action.triggered.connect(lambda _checked=False, c=code: window.switch_language(c))
        languages.addAction(action)
        actions[f"lang:{code}"] = action

    help_menu = bar.addMenu(tr("&Help"))
    add(help_menu, "shortcuts", "&Keyboard shortcuts", window.show_shortcuts, QKeySequence.StandardKey.HelpContents)
    add(help_menu, "about", "&About", window.show_about)
    return actions


def _fill_recent(menu: QMenu, window: MainWindow) -> None:
    menu.clear()
    paths = settings.recent_audits()
    if not paths:
        menu.addAction(tr("(none)")).setEnabled(False)
    for path in paths:
        action = menu.addAction(str(path))
        action.setEnabled(path.exists())
        action.triggered.connect(lambda _checked=False, p=Path(path): window.open_audit(p))
