"""Per-edit save cost of the audit file vs a bare SQLite update-and-commit with the same durability settings.

Usage: python bench/save_bench.py [EDITS]
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.audit import Audit, ItemRef  # noqa: E402
from app.core.checklist_yaml import load_checklist_file  # noqa: E402
from app.core.profile import Profile  # noqa: E402
from bench.generate import generate_checklist  # noqa: E402


def bare_sqlite(path: Path, edits: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE answer (id TEXT PRIMARY KEY, choice TEXT)")
    started = time.perf_counter()
    for n in range(edits):
        conn.execute("BEGIN IMMEDIATE")
        choice = "full" if (n // 50) % 2 else "none"
        conn.execute("INSERT OR REPLACE INTO answer VALUES (?, ?)", (f"S1.{n % 50}", choice))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed / edits


def audit_edits(folder: Path, edits: int) -> float:
    yaml_path = folder / "c.yaml"
    yaml_path.write_text(generate_checklist(1000), encoding="utf-8")
    audit = Audit.create(folder / "a.sfaudit", [load_checklist_file(yaml_path)], Profile(name="bench"))
    refs = [ItemRef("bench-large", f"S{n // 50 + 1}.{n}") for n in range(1000) if n % 10 > 2][:50]
    started = time.perf_counter()
    for n in range(edits):
        # alternate each item's answer so that every call really changes something
        audit.set_choice(refs[n % len(refs)], "full" if (n // len(refs)) % 2 else "none")
    elapsed = time.perf_counter() - started
    audit.close()
    return elapsed / edits


def main() -> None:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as folder:
        bare = bare_sqlite(Path(folder) / "bare.db", edits)
        ours = audit_edits(Path(folder), edits)
    print(f"{edits} edits, WAL + synchronous=FULL, one transaction each")
    print(f"bare SQLite update+commit   {bare * 1000:7.3f} ms/edit")
    print(f"Audit.set_choice (+ log)    {ours * 1000:7.3f} ms/edit")
    print(f"ratio audit/bare            {ours / bare:7.2f}")


if __name__ == "__main__":
    main()
