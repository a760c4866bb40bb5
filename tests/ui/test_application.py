"""The QApplication as ``python main.py`` makes it, in a process of its own (pytest-qt's already exists here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_application_uses_the_fusion_style_and_our_names() -> None:
    code = ("from app.ui.application import create_application; app = create_application(); "
            "print(app.style().name(), app.applicationName(), app.organizationName())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert done.returncode == 0, done.stderr
    style, application, organization = done.stdout.split()
    assert style == "fusion" and application and organization
