"""Per-edit save cost of the audit file vs a bare SQLite update-and-commit with the same durability settings; and
the cost of a keystroke typed into a note, which is kept as a draft at once (so that a crash loses none of it).

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


def bare_commits(path: Path, table: str, rows: list[tuple[str, str]]) -> float:
    """Seconds per row of upserting ``rows`` into ``table`` (id, value), one committed transaction each."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"CREATE TABLE {table} (id TEXT PRIMARY KEY, value TEXT)")
    started = time.perf_counter()
    for row in rows:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", row)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed / len(rows)


def bare_sqlite(path: Path, edits: int) -> float:
    return bare_commits(path, "answer", [(f"S1.{n % 50}", "full" if (n // 50) % 2 else "none") for n in range(edits)])


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


NOTE = "设备联网率达到95%，关键工序数控化率需核实。"


def typed(keystroke: int) -> str:
    """The note after ``keystroke + 1`` characters, typing NOTE one character at a time, over and over."""
    return NOTE * (keystroke // len(NOTE)) + NOTE[:keystroke % len(NOTE) + 1]


def bare_keystrokes(path: Path, keystrokes: int) -> float:
    return bare_commits(path, "draft", [("S1.0", typed(n)) for n in range(keystrokes)])


def audit_keystrokes(folder: Path, keystrokes: int) -> float:
    with Audit.open(folder / "a.sfaudit") as audit:
        ref = ItemRef("bench-large", "S1.0")
        started = time.perf_counter()
        for n in range(keystrokes):
            audit.save_draft(ref, "note", typed(n))
        return (time.perf_counter() - started) / keystrokes


def main() -> None:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as folder:
        bare = bare_sqlite(Path(folder) / "bare.db", edits)
        ours = audit_edits(Path(folder), edits)
        bare_key = bare_keystrokes(Path(folder) / "bare-keys.db", edits)
        ours_key = audit_keystrokes(Path(folder), edits)
    print(f"{edits} edits, WAL + synchronous=FULL, one transaction each")
    print(f"bare SQLite update+commit   {bare * 1000:7.3f} ms/edit")
    print(f"Audit.set_choice (+ log)    {ours * 1000:7.3f} ms/edit")
    print(f"ratio audit/bare            {ours / bare:7.2f}")
    print(f"{edits} keystrokes typed into a note, each kept as a draft in its own transaction")
    print(f"bare SQLite upsert+commit   {bare_key * 1000:7.3f} ms/keystroke")
    print(f"Audit.save_draft            {ours_key * 1000:7.3f} ms/keystroke")
    print(f"ratio audit/bare            {ours_key / bare_key:7.2f}")


if __name__ == "__main__":
    main()
