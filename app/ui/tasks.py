"""The one doorway to threads: run slow work off the GUI thread behind a progress dialog that can cancel.

The work is a plain function that takes a progress callback ``progress(done, total)`` (the core knows nothing of
Qt). :func:`run_task` returns the function's result, or raises its exception on the GUI thread, so callers read
like ordinary code::

    audit = run_task(self, tr("Opening the audit…"), lambda progress: Audit.open(path))

While the work runs, the GUI stays responsive (the dialog is window-modal). The dialog is built and shown only
when the work takes longer than a moment. A cancelled task raises :class:`TaskCancelled` from the next progress
call in the worker, and :func:`run_task` raises it again on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import add_translations, tr

add_translations({"Cancel": "取消", "Please wait": "请稍候"})

T = TypeVar("T")
SHOW_AFTER_MS = 400


class ProgressCallback(Protocol):
    def __call__(self, done: int, total: int) -> None: ...


class TaskCancelled(Exception):  # noqa: N818 - reads better than TaskCancelledError
    """The user cancelled the task."""


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal()


class _Worker(QRunnable):
    def __init__(self, work: Callable[[ProgressCallback], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.cancelled = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def progress(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise TaskCancelled()
        self.signals.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as error:  # handed back to the GUI thread and raised there
            self.error = error
        self.signals.finished.emit()


_running: list[int] = [0]  # tasks under way, each waiting in its own event loop


def busy() -> bool:
    """Whether a task is under way: what would close a window (a termination request) waits for its end."""
    return _running[0] > 0


def run_task(parent: QWidget | None, label: str, work: Callable[[ProgressCallback], T], *,
             cancellable: bool = False) -> T:
    """Run ``work(progress)`` on a worker thread behind a progress dialog; returns its result or raises."""
    _running[0] += 1
    try:
        return _run_task(parent, label, work, cancellable=cancellable)
    finally:
        _running[0] -= 1


def _run_task(parent: QWidget | None, label: str, work: Callable[[ProgressCallback], T], *,
              cancellable: bool) -> T:
    signals = _Signals()
    worker = _Worker(work, signals)
    worker.setAutoDelete(False)
    loop = QEventLoop()
    shown: list[QProgressDialog] = []  # the dialog, once the work has taken longer than a moment
    last = [0, 0]

    def show_dialog() -> None:
        dialog = _progress_dialog(parent, label, cancellable)
        dialog.canceled.connect(worker.cancelled.set)
        shown.append(dialog)
        show_progress(*last)
        dialog.show()

    def show_progress(done: int, total: int) -> None:
        last[:] = [done, total]
        if shown and total > 0:
            shown[0].setMaximum(total)
            shown[0].setValue(min(done, total))

    signals.progressed.connect(show_progress, Qt.ConnectionType.QueuedConnection)
    signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(show_dialog)
    timer.start(SHOW_AFTER_MS)
    QThreadPool.globalInstance().start(worker)
    loop.exec()
    timer.stop()
    QThreadPool.globalInstance().waitForDone(0)
    for dialog in shown:
        dialog.close()
        dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return cast(T, worker.result)


def _progress_dialog(parent: QWidget | None, label: str, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(label, tr("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(tr("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog
