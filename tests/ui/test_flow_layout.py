"""Buttons that wrap in a narrow pane: the flow layout, and the item panel that uses it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.ui.flow_layout import FlowLayout
from app.ui.item_panel import ItemPanel
from app.ui.session import AuditSession
from tests.ui.helpers_widgets import ref


def _row(qtbot: QtBot) -> tuple[QWidget, list[QPushButton]]:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = FlowLayout(holder)
    buttons = [QPushButton(f"{n}  Option number {n}") for n in range(1, 6)]
    for button in buttons:
        layout.addWidget(button)
    return holder, buttons


def _shown_on_one_line(qtbot: QtBot) -> tuple[QWidget, list[QPushButton], FlowLayout, int]:
    """A row of buttons shown a little wider than they need: the holder, the buttons, its layout and width."""
    holder, buttons = _row(qtbot)
    layout = holder.layout()
    assert isinstance(layout, FlowLayout)
    wide = layout.sizeHint().width() + 20
    holder.resize(wide, layout.heightForWidth(wide))
    holder.show()
    QApplication.processEvents()
    return holder, buttons, layout, wide


def test_buttons_stay_on_one_line_when_there_is_room_and_wrap_when_not(qtbot: QtBot) -> None:
    holder, buttons, layout, wide = _shown_on_one_line(qtbot)
    assert len({button.y() for button in buttons}) == 1
    narrow = buttons[0].width() * 2 + 30
    assert layout.heightForWidth(narrow) > layout.heightForWidth(wide)
    holder.resize(narrow, layout.heightForWidth(narrow))
    QApplication.processEvents()
    assert len({button.y() for button in buttons}) >= 3
    assert all(button.geometry().right() < narrow for button in buttons)
    margins = layout.contentsMargins()
    widest = max(button.minimumSizeHint().width() for button in buttons)
    assert layout.minimumSize().width() == widest + margins.left() + margins.right()  # one button per line at most


def test_a_narrow_item_panel_needs_no_sideways_scrolling(qtbot: QtBot, session: AuditSession) -> None:
    panel = ItemPanel(session)
    qtbot.addWidget(panel)
    panel.set_item(ref("P1.1"))
    panel.resize(400, 700)
    panel.show()
    QApplication.processEvents()
    assert panel.horizontalScrollBar().maximum() == 0
    assert all(button.isVisible() and button.geometry().right() < panel.viewport().width()
               for button in panel.answer.buttons.values())


def test_a_gap_separates_groups_but_never_indents_a_new_line(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = FlowLayout(holder)
    first, second = QPushButton("Fully met"), QPushButton("N/A…")
    layout.addWidget(first)
    layout.add_gap(40)
    layout.addWidget(second)
    width = layout.sizeHint().width()
    holder.resize(width, layout.heightForWidth(width))
    holder.show()
    QApplication.processEvents()
    assert second.x() - first.geometry().right() > 40  # the gap and the spacing
    narrow = first.width() + 30
    holder.resize(narrow, layout.heightForWidth(narrow))
    QApplication.processEvents()
    assert second.y() > first.y() and second.x() == first.x()


def test_a_button_that_grows_is_measured_again(qtbot: QtBot) -> None:
    """The heights are kept by width until something in the layout changes, as Qt's own layouts keep theirs."""
    _holder, buttons, layout, width = _shown_on_one_line(qtbot)
    one_line = layout.heightForWidth(width)
    buttons[0].setText("1  " + "A much longer label than it had " * 3)  # as a language switch does
    QApplication.processEvents()
    assert layout.heightForWidth(width) > one_line
    layout.takeAt(0).widget().deleteLater()  # type: ignore[union-attr]
    assert layout.heightForWidth(width) == one_line
