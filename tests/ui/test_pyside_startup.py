"""Importing a module after PySide6 no longer has its source read by PySide's feature support."""

from __future__ import annotations

import enum
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app.ui  # noqa: F401  (skips the scan, as the app does)
from app.ui.pyside_startup import FEATURE_MODULE, skip_feature_scan

ROOT = Path(__file__).resolve().parents[2]
# made as PySide makes its enums, once app.ui is imported; pickle finds it by its module and name
Permission = enum.IntFlag("Permission", [("READ", 4), ("WRITE", 2)], boundary=enum.KEEP)


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


ENUM_CHECK = """
import enum, sys
sys.path.insert(0, sys.argv[1])
from app.ui import pyside_startup
quick = enum.EnumType.__call__
assert quick is pyside_startup._create_enum, "PySide's enums are made the usual way"
made = []
def watching(cls, *args, **kwargs):
    if len(args) == 2 and type(args[1]) is list:
        made.append((cls, args[0], list(args[1]), kwargs))
    return quick(cls, *args, **kwargs)
enum.EnumType.__call__ = watching
from PySide6 import QtCore, QtGui, QtWidgets
for module in (QtCore, QtGui, QtWidgets):
    for name in dir(module):
        getattr(module, name)
enum.EnumType.__call__ = quick
assert QtCore.Qt.Key(65) is QtCore.Qt.Key.Key_A and QtCore.Qt.AlignmentFlag(0x21).value == 0x21
differ = []
for cls, name, members, kwargs in made:
    usual, quickly = pyside_startup._usual_call(cls, name, members, **kwargs), quick(cls, name, members, **kwargs)
    try:
        enum._test_simple_enum(usual, quickly)
    except TypeError as error:
        differ.append(f"{name}: {error}")
    if usual.__doc__ != quickly.__doc__ or [(m.name, m.value) for m in usual] != [(m.name, m.value) for m in quickly]:
        differ.append(f"{name}: doc or members")
print(len(made))
print("\\n".join(differ))
"""


def test_pyside_enums_made_quickly_are_those_made_the_usual_way() -> None:
    """Every enum of QtCore, QtGui and QtWidgets (some 600), made both ways in a process of its own, compared by
    the standard library's own check of a quickly made enum."""
    done = subprocess.run([sys.executable, "-c", ENUM_CHECK, str(ROOT)], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    count, *differences = done.stdout.splitlines()
    assert int(count) > 500
    assert [line for line in differences if line] == []


def test_other_enums_are_made_and_looked_up_as_usual() -> None:
    import enum

    class Colour(enum.Enum):
        RED = 1

    made = enum.Enum("Made", "A B", module=__name__)
    flags = enum.IntFlag("Flags", [("X", 1), ("Y", 2)])
    assert Colour(1) is Colour.RED and made.B.value == 2
    assert flags(3) == flags.X | flags.Y and enum.IntEnum("Numbered", [("ONE", 1)], boundary=None).ONE == 1


def test_an_enum_made_as_pyside_makes_them_but_elsewhere_is_the_usual_one() -> None:
    """Its module is its maker's (so it pickles); a name given twice is refused, as the usual way refuses it."""
    import pickle

    assert Permission.__module__ == __name__
    assert pickle.loads(pickle.dumps(Permission.READ | Permission.WRITE)) == 6
    with pytest.raises(TypeError):
        enum.Enum("Twice", [("A", 1), ("A", 2)], boundary=enum.KEEP)
    assert enum.Enum("Private", [("_hidden", 1), ("SHOWN", 2)], boundary=enum.KEEP).SHOWN.value == 2
