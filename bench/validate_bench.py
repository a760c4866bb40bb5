"""Validating a checklist vs parsing it with libyaml alone, whole process, side by side.

Goal (issue 2): ``main.py validate FILE`` costs at most 1.25x ``yaml.load(FILE, Loader=yaml.CSafeLoader)``.
Usage: python bench/validate_bench.py [ITEMS] [ROUNDS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate_checklist  # noqa: E402

PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.yaml"
        path.write_text(generate_checklist(items), encoding="utf-8")
        size = path.stat().st_size
        parse, validate = [], []
        for _ in range(rounds):  # alternate so that both see the same machine load
            parse.append(timed([sys.executable, "-c", PARSE, str(path)]))
            validate.append(timed([sys.executable, str(ROOT / "main.py"), "validate", str(path)]))
    p, v = statistics.median(parse), statistics.median(validate)
    print(f"checklist: {items} items, {size / 1e6:.1f} MB; median of {rounds} rounds")
    print(f"yaml.load CSafeLoader  {p:6.2f} s")
    print(f"main.py validate       {v:6.2f} s")
    print(f"ratio validate/parse   {v / p:6.2f}  (goal <= 1.25)")


if __name__ == "__main__":
    main()
