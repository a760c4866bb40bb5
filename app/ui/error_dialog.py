"""Unexpected errors (bugs, not user errors) become a dialog and a log entry instead of a console traceback."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from app.i18n import add_translations, tr
from app.paths import user_data_dir

add_translations({
    "Unexpected error": "意外错误",
    "Something went wrong inside the audit desk. Every edit made before this was saved. The details were written "
    "to {path}; please send that file to the developers.":
        "审核台内部出现了意外错误。此前的每一次编辑都已保存。详细信息已写入 {path}，请将该文件发送给开发人员。",
})


def error_log_path() -> Path:
    return user_data_dir() / "errors.log"


def report_unexpected_error(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    details = "".join(traceback.format_exception(kind, error, tb))
    path = error_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
    except OSError:
        pass  # the dialog below still shows the details
    sys.stderr.write(details)
    if QApplication.instance() is None:
        return
    from PySide6.QtWidgets import QMessageBox  # only when there is an error: start-up stays quick

    box = QMessageBox(QMessageBox.Icon.Critical, tr("Unexpected error"),
                      tr("Something went wrong inside the audit desk. Every edit made before this was saved. The "
                         "details were written to {path}; please send that file to the developers.", path=path),
                      QMessageBox.StandardButton.Ok, QApplication.activeWindow())
    box.setDetailedText(details)
    box.exec()


def install() -> None:
    """Route exceptions that escape a Qt slot or event handler to :func:`report_unexpected_error`."""
    sys.excepthook = report_unexpected_error
