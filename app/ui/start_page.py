"""The start page: recent audits, and buttons for a new audit, an existing one, or the demo audit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import add_translations, tr
from app.ui import settings
from app.ui.widgets import caption, scaled_font

add_translations({
    "Smart-factory audit desk": "智能工厂审核台",
    "Assess a factory against the smart-manufacturing demonstration-factory levels, offline.":
        "离线评估工厂是否达到智能制造示范工厂各层级的要求。",
    "New audit…": "新建审核…",
    "Open…": "打开…",
    "Open demo audit": "打开示例审核",
    "Recent audits": "最近的审核",
    "No recent audits yet. Start a new audit, or look around in the demo audit.":
        "还没有最近的审核。可以新建审核，或先打开示例审核看看。",
    "(file not found)": "（找不到文件）",
    "Enter opens the selected audit; Delete removes it from this list (the file stays).":
        "回车打开选中的审核；Delete 键将其从列表中移除（文件保留）。",
})


class RecentList(QListWidget):
    open_requested = Signal(Path)
    removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemActivated.connect(lambda item: self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        self.setSpacing(2)

    def load(self) -> None:
        self.clear()
        row_height = self.fontMetrics().height() * 2 + 14
        self.setMaximumHeight((row_height + 4) * settings.MAX_RECENT + 8)
        titles = settings.recent_titles()
        first_found = None
        for path in settings.recent_audits():
            missing = not path.exists()
            if not missing and first_found is None:
                first_found = self.count()
            title = titles.get(path) or path.stem
            label = f"{title}\n{path}" + (f"  {tr('(file not found)')}" if missing else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setSizeHint(QSize(0, row_height))
            if missing:
                item.setForeground(Qt.GlobalColor.gray)
            self.addItem(item)
        if self.count():  # Enter opens the latest audit that is there, not a missing one
            self.setCurrentRow(first_found or 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Delete and item is not None:
            settings.remove_recent_audit(Path(item.data(Qt.ItemDataRole.UserRole)))
            self.takeItem(self.row(item))
            self.removed.emit()
            return
        super().keyPressEvent(event)


class StartPage(QWidget):
    open_requested = Signal(Path)
    new_requested = Signal()
    browse_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(tr("Smart-factory audit desk"))
        title.setFont(scaled_font(self, 1.9, bold=True))
        subtitle = QLabel(tr("Assess a factory against the smart-manufacturing demonstration-factory levels, "
                             "offline."))
        subtitle.setStyleSheet("color: #5f6b7a;")
        subtitle.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for label, signal in ((tr("New audit…"), self.new_requested), (tr("Open…"), self.browse_requested),
                              (tr("Open demo audit"), self.demo_requested)):
            button = QPushButton(label)
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        self.recent = RecentList()
        self.recent.open_requested.connect(self.open_requested)
        self.recent.removed.connect(self._show_empty_state)
        self.empty = QLabel(tr("No recent audits yet. Start a new audit, or look around in the demo audit."))
        self.empty.setStyleSheet("color: #777;")
        hint = QLabel(tr("Enter opens the selected audit; Delete removes it from this list (the file stays)."))
        hint.setStyleSheet("color: #888;")
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(10)
        column.addLayout(buttons)
        column.addSpacing(14)
        column.addWidget(caption(tr("Recent audits")))
        column.addWidget(self.empty)
        column.addWidget(self.recent)
        column.addWidget(hint)
        column.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(820)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 30)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)
        self.reload()

    def reload(self) -> None:
        self.recent.load()
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        has_recent = self.recent.count() > 0
        had_focus = self.recent.hasFocus()  # asked first: hiding the list moves its focus on
        self.recent.setVisible(has_recent)
        self.empty.setVisible(not has_recent)
        if not has_recent and had_focus:
            self.focus_default()

    def focus_default(self) -> None:
        """The recent list when there is one, else "New audit…": Enter always does something useful."""
        if self.recent.count():
            self.recent.setFocus()
        else:
            self.buttons[0].setDefault(True)
            self.buttons[0].setFocus()
