"""A termination request (kill, a logout) closes the audit as Ctrl+Q does: the file is whole on its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("request_", ["SIGTERM", "SIGINT"])  # a logout or kill; Ctrl+C in the terminal
def test_a_termination_request_closes_the_audit_cleanly(audit_path: Path, tmp_path: Path, request_: str) -> None:
    log = Path(f"{audit_path}-wal")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "SFAUDIT_DATA_DIR": str(tmp_path / "data")}
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(audit_path)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not log.exists() and time.monotonic() < deadline:  # the audit is open once SQLite has its log
            time.sleep(0.05)
        assert log.exists()
        time.sleep(0.5)  # the window up and its event loop running
        app.send_signal(getattr(signal, request_))
        assert app.wait(timeout=30) == 0  # it quit, rather than being killed by the signal (-15)
        assert b"Traceback" not in app.stderr.read() if app.stderr else True
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert not log.exists()  # the log folded into the file: a copy of the file alone has every edit


def test_a_termination_request_waits_for_a_task_under_way(qtbot: QtBot, audit_path: Path,
                                                           open_window: Callable[[Path], MainWindow]) -> None:
    from app.ui import tasks
    from app.ui.application import _close_when_idle

    window = open_window(audit_path)
    tasks._running[0] += 1  # an audit being opened or created, waiting in its own event loop
    try:
        _close_when_idle()
        qtbot.wait(250)
        assert window.isVisible()  # closing now would end the task's loop under it
    finally:
        tasks._running[0] -= 1
    qtbot.waitUntil(lambda: window not in MainWindow.windows)  # closed once the task is over
