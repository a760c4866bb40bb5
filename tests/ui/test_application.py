"""The QApplication as ``python main.py`` makes it, in a process of its own (pytest-qt's already exists here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.core.audit import ItemRef
from tests.helpers import make_audit

ROOT = Path(__file__).resolve().parents[2]

# Loaded when first needed, never for opening an audit: each costs start-up time (the YAML parser, dialogs, the
# dashboard's charts, and the Qt classes they bring with them).
NOT_AT_START = ("yaml", "app.core.checklist_yaml", "app.ui.start_page", "app.ui.dialogs", "app.ui.finding_dialogs",
                "app.ui.new_audit_dialog", "app.ui.typing_dialog", "app.ui.dashboard", "app.ui.radar_chart", "hashlib")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_new_application_uses_the_fusion_style_and_our_names() -> None:
    code = ("from app.ui.application import create_application; app = create_application(); "
            "print(app.style().name(), app.applicationName(), app.organizationName())")
    style, application, organization = _run(code).split()
    assert style == "fusion" and application and organization


def test_opening_an_audit_at_start_loads_only_what_the_window_shows(audit_path: Path, tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from app.ui import settings; "
            f"settings.use_file(Path({str(tmp_path / 'settings.ini')!r})); "
            "from app.ui.application import create_application, open_main_window; "
            f"app = create_application(); window = open_main_window([{str(audit_path)!r}]); app.processEvents(); "
            "assert window.view is not None; "
            f"print(' '.join(sorted(name for name in {NOT_AT_START!r} if name in sys.modules)))")
    assert _run(code).split() == []


def test_start_up_pauses_the_garbage_collector_until_the_window_is_painted(audit_path: Path, tmp_path: Path) -> None:
    """As main.py starts the GUI: the collector, paused before the imports, runs again once the window is on
    screen. The imports' objects are frozen out of later collections, the audit's are not: closing it frees them."""
    code = ("import gc; gc.disable(); from pathlib import Path; from app.ui import settings; "
            f"settings.use_file(Path({str(tmp_path / 'settings.ini')!r})); "
            "from PySide6.QtCore import QTimer; from app.ui import application; "
            "from app.ui.checklist_model import Node; "
            "app = application.create_application(); "
            f"window = application.start([{str(audit_path)!r}]); "
            "print('paused', not gc.isenabled()); "
            "nodes = lambda: sum(isinstance(o, Node) for o in gc.get_objects()); "
            "check = lambda: (gc.collect(), gc.unfreeze(), print('nodes left', nodes()), app.quit()); "
            "report = lambda: (print('resumed', gc.isenabled(), gc.get_freeze_count() > 0), window.close_audit(), "
            "QTimer.singleShot(0, check)); "
            "after_resume = lambda: QTimer.singleShot(0, report); "
            "window.view.tree.first_painted.connect(lambda: QTimer.singleShot(0, after_resume)); app.exec()")
    assert _run(code).split() == ["paused", "True", "resumed", "True", "True", "nodes", "left", "0"]


def test_start_up_builds_no_python_type_for_widgets_the_window_does_not_use(tmp_path: Path) -> None:
    """Handing Python a widget that Qt made (a scroll area's viewport, say) makes PySide build the Python type of
    every kind of widget that it could be, with their enums: some 7 ms, which the first paint must not wait for.
    An item with a finding is shown, as its findings list is what used to do it."""
    audit = make_audit(tmp_path, tags=("discrete",))
    audit.add_finding(ItemRef("small", "I1"), "major", "No records")
    audit.close()
    code = ("from pathlib import Path; from app.ui import settings; "
            f"settings.use_file(Path({str(tmp_path / 'settings.ini')!r})); "
            "from PySide6 import QtWidgets; from PySide6.QtCore import QTimer; "
            "from app.ui.application import create_application, open_main_window; "
            f"app = create_application(); window = open_main_window([{str(audit.path)!r}]); "
            "assert window.view.item_panel.findings.tree.topLevelItemCount() == 1; "
            "report = lambda: (print(' '.join(sorted(name for name in ('QWizard', 'QMdiArea', 'QFontDialog', "
            "'QGraphicsView', 'QColorDialog') if name in vars(QtWidgets)))), app.quit()); "
            "window.view.tree.first_painted.connect(lambda: QTimer.singleShot(50, report)); app.exec()")
    assert _run(code).split() == []
