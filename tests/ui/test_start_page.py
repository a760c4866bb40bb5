from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui import settings
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
