"""Importing a module after PySide6 no longer has its source read by PySide's feature support."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app.ui  # noqa: F401  (skips the scan, as the app does)
from app.ui.pyside_startup import FEATURE_MODULE, skip_feature_scan

ROOT = Path(__file__).resolve().parents[2]


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


def test_a_module_that_selects_a_feature_leaves_the_others_theirs(tmp_path: Path) -> None:
    """In a process of its own: a feature once selected stays in force for the modules that select it."""
    (tmp_path / "snake_module.py").write_text("from __feature__ import snake_case\nfrom PySide6.QtWidgets import "
                                              "QWidget\n\ndef title(w):\n    w.set_window_title('snake')\n"
                                              "    return w.window_title()\n", encoding="utf-8")
    (tmp_path / "camel_module.py").write_text("from PySide6.QtWidgets import QWidget\n\ndef title(w):\n"
                                              "    w.setWindowTitle('camel')\n    return w.windowTitle()\n",
                                              encoding="utf-8")
    script = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
              "import app.ui\nfrom PySide6.QtWidgets import QApplication, QWidget\napp = QApplication([])\n"
              "import camel_module, snake_module\nwidget = QWidget()\n"
              "print(snake_module.title(widget), camel_module.title(widget))\n")
    done = subprocess.run([sys.executable, "-c", script, str(ROOT), str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["snake", "camel"]
