"""A termination request (kill, a logout) closes the audit as Ctrl+Q does: the file is whole on its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_closes_the_audit_cleanly(audit_path: Path, tmp_path: Path) -> None:
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
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0  # it quit, rather than being killed by the signal (-15)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert not log.exists()  # the log folded into the file: a copy of the file alone has every edit
