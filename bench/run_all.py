"""Run every benchmark in turn (make bench)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The GUI start-up on the 10,000-item audit the goals name, on 500 generated items (the size of the shipped
# checklists), and on the demo audit itself.
RUNS = (("validate_bench.py",), ("save_bench.py",), ("gui_bench.py",), ("gui_bench.py", "500"),
        ("gui_bench.py", "demo"))
for script, *args in RUNS:
    if (HERE / script).exists():
        print(f"== {script} {' '.join(args)}".rstrip(), flush=True)
        subprocess.run([sys.executable, str(HERE / script), *args], check=False)
