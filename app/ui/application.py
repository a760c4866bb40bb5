"""Start the GUI: ``run([])`` shows the start page (the demo audit on the very first run), ``run([AUDIT])`` opens it."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui import error_dialog, settings
from app.ui.language import apply_language
from app.ui.main_window import MainWindow


def create_application(argv0: str = "sfaudit") -> QApplication:
    """The QApplication, with names, style and the interface language from the settings."""
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        app.setStyle("Fusion")
    else:  # the style by argument: setStyle() would return a Python QStyle, and building its type costs start-up time
        app = QApplication([argv0, "-style", "Fusion"])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationVersion(__version__)
    apply_language(settings.language())
    return app


def open_main_window(argv: list[str]) -> MainWindow:
    """The main window on the audit named in ``argv``, on the demo audit at first run, else on the start page."""
    window = MainWindow(show_start=False)
    if argv:
        window.open_audit(Path(argv[0]))
    elif settings.first_run() and not settings.recent_audits():
        window.open_demo()
    settings.mark_started()
    if window.session is None:
        window.show_start()
    window.show()
    window.raise_()
    window.activateWindow()  # without a window manager's help, shortcuts (Ctrl+Z, Ctrl+Q) need an active window
    return window


def run(argv: list[str]) -> int:
    app = create_application(sys.argv[0] if sys.argv else "sfaudit")
    error_dialog.install()
    open_main_window(argv)
    return app.exec()
