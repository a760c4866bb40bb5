"""A date field for the keyboard: F4 or Alt+Down opens its calendar, as a drop-down list's does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from app.i18n import add_translations, tr

add_translations({
    "F4 or Alt+Down opens the calendar": "按 F4 或 Alt+↓ 打开日历",
})


class CalendarDateEdit(QDateEdit):
    """A date field whose calendar opens from the keyboard too, with F4 or Alt+Down as a drop-down list's does (Qt
    opens it only for a click on its arrow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setToolTip(tr("F4 or Alt+Down opens the calendar"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        held = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # macOS marks every arrow key as keypad's
        alt_down = event.key() == Qt.Key.Key_Down and held == Qt.KeyboardModifier.AltModifier
        plain_f4 = event.key() == Qt.Key.Key_F4 and held == Qt.KeyboardModifier.NoModifier
        if (plain_f4 or alt_down) and not self.isReadOnly():  # Alt+F4 still closes the window
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """Qt has no call that opens it: a press on the arrow, where the style puts it, is what opens it."""
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox  # only when asked: QStyle's enums are many

        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxArrow, self).center()
        self.mousePressEvent(QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(arrow), self.mapToGlobal(QPointF(arrow)),
                                         Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                         Qt.KeyboardModifier.NoModifier))
