"""app/core and app/reports never import Qt; the command line never loads it either."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_reports_never_import_qt_or_ui() -> None:
    files = [*(ROOT / "app" / "core").rglob("*.py"), *(ROOT / "app" / "reports").rglob("*.py"),
             ROOT / "app" / "cli.py", ROOT / "app" / "i18n.py", ROOT / "app" / "paths.py"]
    assert len(files) > 5
    offenders = {str(f.relative_to(ROOT)): sorted(m for m in imported_modules(f)
                                                  if m.startswith(("PySide6", "shiboken6", "app.ui")))
                 for f in files}
    assert {f: m for f, m in offenders.items() if m} == {}


def test_cli_runs_without_loading_qt(tmp_path: Path) -> None:
    code = ("import sys, runpy; sys.argv = ['main.py', 'validate', 'checklists']; "
            "import main; rc = main.main(sys.argv[1:]); "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'openpyxl', 'reportlab'))], "
            "sorted(m for m in sys.modules if m.startswith('PySide6'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
