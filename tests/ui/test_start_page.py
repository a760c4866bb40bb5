from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.store import AuditFileError
from app.ui import settings
from app.ui.application import open_main_window
from app.ui.main_window import MainWindow
from app.ui.start_page import StartPage


def test_recent_audits_show_the_factory_name_and_path(qtbot: QtBot, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sfaudit", tmp_path / "b.sfaudit"
    first.write_bytes(b"")
    settings.add_recent_audit(first, "江苏恒岳重工机械有限公司")
    settings.add_recent_audit(second)  # never opened with a name, and since deleted
    page = StartPage()
    qtbot.addWidget(page)
    page.recent.load()
    labels = [page.recent.item(row).text() for row in range(page.recent.count())]
    assert labels[0].startswith("b\n") and "file not found" in labels[0]
    assert labels[1] == f"江苏恒岳重工机械有限公司\n{first.resolve()}"
    assert page.recent.currentRow() == 1  # Enter opens the latest audit that is there, not the missing one


def test_without_an_audit_the_audit_menus_are_disabled(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    for name in ("show_menu", "toggle_focus", "dashboard", "find", "hide_na"):
        assert not window.actions_by_name[name].isEnabled(), name


def test_the_demo_opens_on_the_first_start_only_and_an_emptied_list_says_so(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened_demo: list[bool] = []
    monkeypatch.setattr(MainWindow, "open_demo", lambda self: opened_demo.append(True) or False)
    window = open_main_window([])  # the very first start
    assert opened_demo == [True]
    window.close()
    window = open_main_window([])  # no recent audit, but not the first start: the start page
    assert opened_demo == [True] and window.stack.currentWidget() is window.start_page
    page = window.start_page
    assert page.empty.isVisibleTo(page)
    window.close()

    audit = tmp_path / "a.sfaudit"
    audit.write_bytes(b"")
    settings.add_recent_audit(audit, "恒岳重工")
    page = StartPage()
    qtbot.addWidget(page)
    with qtbot.waitActive(page):  # focus belongs to the active window
        page.show()
        page.activateWindow()
    assert page.recent.isVisibleTo(page) and not page.empty.isVisibleTo(page)
    page.recent.setFocus()
    qtbot.keyClick(page.recent, Qt.Key.Key_Delete)  # off the list (the file stays)
    assert settings.recent_audits() == [] and settings.recent_titles() == {}
    assert page.empty.isVisibleTo(page) and not page.recent.isVisibleTo(page)
    assert page.buttons[0].hasFocus()  # Enter now starts a new audit
    assert audit.exists()


def test_a_recent_audit_that_is_gone_can_be_taken_off_the_list(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "moved.sfaudit"
    settings.add_recent_audit(gone, "恒岳重工")
    asked: list[str] = []

    def answer(_parent: object, error: AuditFileError) -> bool:
        asked.append(str(error.path))
        return True

    monkeypatch.setattr("app.ui.dialogs.offer_to_forget", answer)
    window = MainWindow()
    assert not window.open_audit(gone)
    assert asked == [str(gone.resolve())] and settings.recent_audits() == []
    window.close()


def test_opening_the_demo_does_not_make_the_apps_own_folder_the_place_for_new_audits(
        tmp_path: Path, audit_path: Path) -> None:
    window = MainWindow()
    assert window.open_audit(audit_path)
    assert settings.last_folder() == str(audit_path.resolve().parent)
    assert window.open_demo()  # in the app's data folder, where no one looks for their audits
    assert window.session is not None and window.session.audit.path.parent.name == "user-data"
    assert settings.last_folder() == str(audit_path.resolve().parent)
    window.close()
