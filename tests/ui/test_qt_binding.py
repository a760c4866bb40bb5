"""The installed Qt binding keeps Python's reference counts right.

PySide6 6.12.0 drops a reference to None on every call of a method returning nothing and one to True on every
signal delivered to a Python slot; on Python 3.11 the count reaches zero and the process aborts
("Fatal Python error: none_dealloc") after a few thousand key presses. pyproject.toml excludes that release;
this test catches a binding with the same fault before an auditor does.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(bool)


def test_calls_and_signals_do_not_leak_or_drop_references(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    received: list[bool] = []
    emitter.fired.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        label.setText("x")
        emitter.fired.emit(True)
    assert len(received) == 500
    received.clear()
    if sys.version_info < (3, 12):  # from 3.12 on None and True are immortal and their counts are fixed
        assert abs(sys.getrefcount(None) - none_before) < 50
        assert abs(sys.getrefcount(True) - true_before) < 50
