"""A dialog the auditor types into: Esc, Cancel or the title bar's close button ask before what was typed is thrown
away. A dialog left as it opened closes at once, and a close that the program makes (quitting, a termination
request) never asks: what such a dialog keeps as a draft stays in the audit file for the next opening."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import add_translations, tr

add_translations({
    "Discard your changes?": "放弃所做的更改？",
    "They cannot be recovered once discarded.": "放弃后将无法恢复。",
    "Discard": "放弃",
    "Keep editing": "继续编辑",
})


class TypingDialog(QDialog):
    """Subclasses call :meth:`opened` once built, with what tells what their fields hold, and connect their Cancel
    button to :meth:`cancel` (:func:`ok_cancel_buttons` does)."""

    _as_opened: object = None
    discarded = False  # closed by the auditor, who let the typing go (or had none); not by the program

    def opened(self, typed: Callable[[], object]) -> None:
        """From now on ``typed()`` (what the fields hold) is compared with what it is now."""
        self._typed = typed
        self._as_opened = typed()

    def changed(self) -> bool:
        return self._typed() != self._as_opened

    def cancel(self) -> None:
        """Close without saving, once the auditor agrees to lose what was typed (asked only when something was)."""
        if not self.changed() or self._discard_agreed():
            self.discarded = True
            self.reject()

    def _discard_agreed(self) -> bool:
        from PySide6.QtWidgets import QMessageBox  # when first needed

        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), tr("Discard your changes?"), parent=self)
        box.setInformativeText(tr("They cannot be recovered once discarded."))
        discard = box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)  # also Esc: Esc, Esc loses nothing
        box.setDefaultButton(discard)  # Esc, Enter: discarded, as meant
        box.exec()
        return box.clickedButton() is discard

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Cancel):  # Esc (and Cmd+. on macOS), as QDialog takes it
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Spontaneous: from the window system, the title bar's close button. (Windows sends a logout's close so
        # too: the question then holds the logout up, and the typing is kept as a draft either way.)
        if event.spontaneous() and self.isVisible():
            if self.changed() and not self._discard_agreed():
                event.ignore()  # the title bar's close button, and the auditor kept editing
                return
            self.discarded = True
        super().closeEvent(event)


def ok_cancel_buttons(dialog: TypingDialog) -> QDialogButtonBox:
    """OK accepts (the dialog checks what it must), Cancel asks before it discards."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.cancel)
    return buttons


class LineDialog(TypingDialog):
    """One line to type (a photo's caption, the auditor's name): Enter or OK takes it, Esc asks first when it was
    changed."""

    def __init__(self, title: str, label: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.line = QLineEdit(text)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.line)
        layout.addWidget(ok_cancel_buttons(self))
        self.opened(self.line.text)


def ask_line(parent: QWidget | None, title: str, label: str, text: str = "", *, width: int = 0) -> str | None:
    """The line typed and confirmed in a :class:`LineDialog`, or None; ``width``: at least so wide."""
    dialog = LineDialog(title, label, text, parent)
    if width:  # a size it keeps (the layout would override a minimum width)
        dialog.resize(width, dialog.sizeHint().height())
    try:
        return dialog.line.text() if dialog.exec() else None
    finally:
        dialog.deleteLater()
