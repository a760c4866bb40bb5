"""A process killed (SIGKILL) while writing answers leaves an intact file with every acknowledged answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.audit import Audit, ItemRef
from tests.helpers import make_audit

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from app.core.audit import Audit, ItemRef
audit = Audit.open(sys.argv[1])
n = 0
while True:
    audit.set_note(ItemRef("small", "I1"), f"note {n}")
    audit.set_value(ItemRef("small", "I3"), float(n))
    print(n, flush=True)  # acknowledged: both edits of round n are committed
    n += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("rounds", [50, 400])
def test_sigkill_mid_write_loses_nothing_acknowledged(tmp_path: Path, rounds: int) -> None:
    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    acknowledged = -1
    while acknowledged < rounds:
        line = writer.stdout.readline()
        assert line, "the writer stopped before it was killed"
        acknowledged = int(line)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    time.sleep(0.05)
    with Audit.open(path) as audit:  # runs PRAGMA quick_check on open
        value = audit.answer(ItemRef("small", "I3")).value
        note = audit.answer(ItemRef("small", "I1")).note
    assert value is not None and value >= acknowledged
    assert note is not None and int(note.split()[1]) >= acknowledged


TYPIST = """
import sys
from app.core.audit import Audit, ItemRef
audit = Audit.open(sys.argv[1])
ref = ItemRef("small", "I1")
audit.set_note(ref, "saved")
typed = "saved"
while True:  # typing that never pauses: the debounced save never comes, only the drafts
    typed += "字"
    audit.save_draft(ref, "note", typed)
    print(len(typed), flush=True)  # acknowledged: this keystroke is in the file
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_typing_loses_at_most_the_keystroke_in_flight(tmp_path: Path) -> None:
    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert typist.stdout is not None
    acknowledged = 0
    while acknowledged < 300:
        line = typist.stdout.readline()
        assert line, "the typist stopped before it was killed"
        acknowledged = int(line)
    os.kill(typist.pid, signal.SIGKILL)
    typist.wait()
    with Audit.open(path) as audit:  # opening saves what was typed
        note = audit.answer(ItemRef("small", "I1")).note
        [change] = audit.recovered.changes
        assert (change.old, change.new) == ("saved", note)
    assert note is not None and note.startswith("saved字") and len(note) >= acknowledged
    with Audit.open(path) as audit:
        assert not audit.recovered and audit.answer(ItemRef("small", "I1")).note == note
