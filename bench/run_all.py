"""Run every benchmark in turn (make bench)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("validate_bench.py", "save_bench.py", "gui_bench.py"):
    if (HERE / script).exists():
        print(f"== {script}", flush=True)
        subprocess.run([sys.executable, str(HERE / script)], check=False)
