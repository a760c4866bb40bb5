"""GUI test fixtures: settings in a temporary INI file, English texts, a small audit, windows closed after."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt makes the QApplication: no display needed

from app import i18n
from app.ui import settings
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.session import AuditSession
from tests.helpers import make_audit
from tests.ui.helpers_widgets import open_session


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object) -> Iterator[Path]:
    """Every test gets its own settings file and data folder, and the English interface."""
    path = tmp_path / "settings.ini"
    settings.use_file(path)
    monkeypatch.setenv("SFAUDIT_DATA_DIR", str(tmp_path / "user-data"))
    apply_language("en")
    yield path
    for window in list(MainWindow.windows):
        window.close()
    settings.use_file(None)
    i18n.set_language("zh")


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    """A closed audit file on the small test checklist (items I1–I7, I6 only for 'process' factories)."""
    audit = make_audit(tmp_path, tags=("discrete",))
    audit.close()
    return audit.path


@pytest.fixture
def open_window(qtbot: QtBot) -> Callable[[Path], MainWindow]:
    def open_on(path: Path) -> MainWindow:
        window = MainWindow()
        assert window.open_audit(path)
        with qtbot.waitActive(window):  # window shortcuts (Ctrl+Z, Ctrl+F) need the active window
            window.show()
            window.activateWindow()
        return window

    return open_on


@pytest.fixture
def session(tmp_path: Path) -> Iterator[AuditSession]:
    """A session on the small widget-test audit of tests/ui/helpers_widgets.py."""
    with open_session(tmp_path) as session:
        yield session
