"""Start the GUI: ``run([])`` shows the start page (the demo audit on the very first run), ``run([AUDIT])`` opens it."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
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
    """The GUI on the audit named in ``argv``, until it quits."""
    app = create_application(sys.argv[0] if sys.argv else "sfaudit")
    start(argv)
    close_on_termination(app)
    return app.exec()


def close_on_termination(app: QApplication) -> None:
    """A termination request (``kill``, a logout, a shutdown) closes the windows as Ctrl+Q does, so that each audit
    is closed cleanly: its write-ahead log folded into the file, which is then whole on its own for a copy or a
    backup. Python runs a signal handler only when Python code runs, so the signal wakes Qt's event loop through a
    pipe (no polling)."""
    if sys.platform == "win32":  # Windows ends a GUI program with a close message, which closes the windows already
        return
    import os
    import signal

    from PySide6.QtCore import QSocketNotifier

    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    signal.set_wakeup_fd(writer)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: os.read(reader, 512))  # Python runs the pending handler right after this
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        if signal.getsignal(number) is not signal.SIG_IGN:  # started with nohup: a closed terminal is no request
            signal.signal(number, lambda _number, _frame: QTimer.singleShot(0, _close_when_idle))


def _close_when_idle() -> None:
    """Close the windows, once no task (opening, creating an audit) waits in an event loop of its own."""
    from app.ui.tasks import busy

    if busy():
        QTimer.singleShot(100, _close_when_idle)
    else:
        QApplication.closeAllWindows()


def start(argv: list[str]) -> MainWindow:
    """The main window, shown, with errors reported in dialogs.

    ``main.py`` pauses the garbage collector before it imports the GUI: start-up builds some 100,000 objects, and
    every collection while they are built walks all of them again, about 15 ms of a 10,000-item start-up. What the
    imports built (modules, Qt's Python types) lives as long as the program: it is frozen out of later collections
    here. What the audit builds is not (closing the audit must free it): :func:`resume_garbage_collection` collects
    once the window is on screen, and resumes collection.
    """
    paused = not gc.isenabled()
    if paused:
        gc.freeze()
    error_dialog.install()
    window = open_main_window(argv)
    if paused:
        _resume_gc_when_shown(window)
    return window


GC_RESUME_FALLBACK_MS = 1000  # a window started minimized is never painted


def resume_garbage_collection() -> None:
    """End the start-up pause of the garbage collector, with one collection of what start-up left behind."""
    if gc.isenabled():
        return
    gc.collect()
    gc.enable()


def _resume_gc_when_shown(window: MainWindow) -> None:
    if window.view is not None:
        # after the paint has reached the screen, not inside it
        window.view.tree.first_painted.connect(lambda: QTimer.singleShot(0, resume_garbage_collection),
                                               Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(GC_RESUME_FALLBACK_MS, resume_garbage_collection)
    else:  # the start page: nothing large was built
        QTimer.singleShot(0, resume_garbage_collection)
