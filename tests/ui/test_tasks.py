"""Work off the GUI thread: its result or its error comes back on the GUI thread, and it can be cancelled."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.ui.tasks import TaskCancelled, run_task
from tests.ui.helpers_widgets import when_dialog_opens


def test_tasks_return_results_raise_errors_and_cancel(qtbot: QtBot) -> None:
    assert run_task(None, "adding", lambda progress: 2 + 3) == 5

    def failing(progress: object) -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        run_task(None, "failing", failing)

    def cancel(dialog: QProgressDialog) -> None:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # the dialog's Cancel

    when_dialog_opens(QProgressDialog, cancel)
    with pytest.raises(TaskCancelled):
        run_task(None, "long", lambda progress: _slow(progress), cancellable=True)


def _slow(progress: object) -> None:
    for step in range(1_000):
        progress(step, 1_000)  # type: ignore[operator]
        time.sleep(0.01)
