"""Where things are: the bundled resources and checklists, and the user's data folder (no Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
CHECKLISTS = ROOT / "checklists"


def user_data_dir() -> Path:
    """The per-user folder for the demo audit and other generated files; ``SFAUDIT_DATA_DIR`` overrides it."""
    override = os.environ.get("SFAUDIT_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "sfaudit"


def bundled_checklists() -> list[Path]:
    return sorted(CHECKLISTS.glob("*.yaml"))
