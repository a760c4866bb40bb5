from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.ui import error_dialog


def test_an_unexpected_error_is_logged_and_shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 qapp: object) -> None:
    monkeypatch.setenv("SFAUDIT_DATA_DIR", str(tmp_path))
    shown: list[tuple[str, str]] = []

    def capture(box: QMessageBox) -> int:
        shown.append((box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", capture)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        error_dialog.report_unexpected_error(*sys.exc_info())  # type: ignore[arg-type]
    log = (tmp_path / "errors.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in log
    assert len(shown) == 1 and "errors.log" in shown[0][0] and "boom in a slot" in shown[0][1]
