"""Run every benchmark in turn (make bench)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The GUI start-up on the 10,000-item audit the goals name, and on 500 items: the size of the shipped checklists.
for script, *args in (("validate_bench.py",), ("save_bench.py",), ("gui_bench.py",), ("gui_bench.py", "500")):
    if (HERE / script).exists():
        print(f"== {script} {' '.join(args)}".rstrip(), flush=True)
        subprocess.run([sys.executable, str(HERE / script), *args], check=False)
