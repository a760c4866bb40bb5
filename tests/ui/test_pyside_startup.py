"""Importing a module after PySide6 no longer has its source read by PySide's feature support."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

import app.ui  # noqa: F401  (skips the scan, as the app does)
from app.ui.pyside_startup import FEATURE_MODULE, skip_feature_scan


def test_a_module_imported_after_pyside_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert FEATURE_MODULE in sys.modules  # else the hook moved and this test would pass for nothing
    (tmp_path / "freshly_imported.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[object] = []
    original = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or original(obj))
    try:
        assert __import__("freshly_imported").VALUE == 1  # the import statement's way, which PySide watches
    finally:
        sys.modules.pop("freshly_imported", None)
    assert read == []


def test_skipping_again_is_harmless() -> None:
    assert skip_feature_scan()
    assert skip_feature_scan()
