"""The evidence of one item: photos and documents with thumbnails, caption and size.

Add files with Add…, by dropping them on the panel, or paste a picture (or copied files) with Ctrl+V. Enter or a
double-click opens a file with the system's viewer; F2 edits the caption; Delete removes (Ctrl+Z brings it back).
Every change goes through the session, so undo, the change log and the other views stay in step.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import Evidence, ItemRef
from app.core.records import local_time
from app.core.store import AuditFileError
from app.i18n import add_translations, tr
from app.ui import settings
from app.ui.evidence_thumbnails import THUMBNAIL_SIZE, ThumbnailCache
from app.ui.messages import error_text
from app.ui.session import AuditSession
from app.ui.widgets import add_button, heading_with_buttons, is_delete_key, select_current_row, wrapped_label

add_translations({
    "Evidence": "证据",
    "Evidence ({count})": "证据（{count}）",
    "Add…": "添加…",
    "Add files as evidence (you can also drop files here or paste a picture with Ctrl+V)":
        "添加文件作为证据（也可以把文件拖到这里，或用 Ctrl+V 粘贴图片）",
    "Open": "打开",
    "Open the file with the system's viewer (Enter)": "用系统程序打开文件（Enter）",
    "Caption…": "说明…",
    "Edit the caption (F2)": "编辑说明（F2）",
    "Remove": "删除",
    "Remove the evidence (Delete; Ctrl+Z brings it back)": "删除证据（Delete；Ctrl+Z 可恢复）",
    "No evidence yet. Drop photos or documents here, paste a picture (Ctrl+V) or click Add…":
        "尚无证据。可把照片或文件拖到这里、粘贴图片（Ctrl+V），或点击“添加…”。",
    "Add evidence": "添加证据",
    "Pictures": "图片",
    "All files": "所有文件",
    "Caption": "说明",
    "Caption of {name}:": "{name} 的说明：",
    "{count} files were not added: {reasons}": "{count} 个文件未添加：{reasons}",
    "The clipboard holds no picture and no files.": "剪贴板中没有图片或文件。",
    "{name} is a folder; drop the files in it instead.": "{name} 是文件夹；请拖入其中的文件。",
    "No program is set up to open {name}.": "没有可打开 {name} 的程序。",
    "{name} cannot be written to a temporary file: {error}": "无法把 {name} 写入临时文件：{error}",
    "Added {when} · SHA-256 {sha}": "添加于 {when} · SHA-256 {sha}",
})

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_FILTER = "*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff *.heic"
MAX_ROWS_SHOWN = 3
TILE_WIDTH = 150
_batches = itertools.count()


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    for unit in ("KiB", "MiB", "GiB"):  # as the 64 MiB limit is said
        size_f = size / 1024
        if size_f < 1024 or unit == "GiB":
            return f"{size_f:.1f} {unit}" if size_f < 100 else f"{size_f:.0f} {unit}"
        size //= 1024
    return f"{size} B"


def clipboard_name(now: dt.datetime | None = None) -> str:
    return f"clipboard-{(now or dt.datetime.now()).strftime('%Y%m%d-%H%M%S')}.png"


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # imported when first needed: start-up stays quick
    from PySide6.QtGui import QImageWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


class EvidenceModel(QAbstractListModel):
    """The evidence records of one item; the caption is editable in place and saved through the session."""

    def __init__(self, session: AuditSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.records: list[Evidence] = []
        self.thumbnails = ThumbnailCache()
        self._view = parent
        self._damaged: dict[int, str] = {}  # evidence id: why its stored bytes cannot be used

    def load(self, records: Sequence[Evidence]) -> None:
        self.beginResetModel()
        self.records = list(records)  # what was found damaged stays known: not read again at every edit
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.records)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.records):
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first = record.caption or record.filename
            second = f"{record.filename} · {size_text(record.size)}" if record.caption else size_text(record.size)
            return f"{first}\n{second}"
        if role == Qt.ItemDataRole.EditRole:
            return record.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            details = tr("Added {when} · SHA-256 {sha}", when=local_time(record.added_at),
                         sha=record.sha256[:16] + "…")
            return "\n".join(part for part in (self._damaged.get(record.id), record.caption,
                                               f"{record.filename} ({size_text(record.size)})", details) if part)
        if role == EVIDENCE_ROLE:
            return record
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        record = self.records[index.row()]
        audit = self.session.audit
        return self.session.edit(audit.set_evidence_caption, record.id, str(value).strip()) is not None

    def icon(self, record: Evidence) -> Any:
        ratio = self._view.devicePixelRatioF()
        if record.id in self._damaged:
            return self.thumbnails.damaged_icon(record.filename, ratio)
        data = None
        if self.thumbnails.needs_data(record.sha256, record.media_type, ratio):
            try:
                data = self.session.audit.evidence_data(record.id)
            except AuditFileError as error:  # its bytes are damaged: marked, and its tooltip says why
                self._damaged[record.id] = error_text(error)
                return self.thumbnails.damaged_icon(record.filename, ratio)
        return self.thumbnails.icon(record.sha256, record.filename, record.media_type, ratio, data)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name the system cannot ask about: adding it says why it cannot be read
        return False


def line_height(metrics: QFontMetrics) -> float:
    """A text line's height, also when Chinese glyphs come from a taller fallback font."""
    return float(max(metrics.height(), metrics.boundingRect(QRect(0, 0, 1000, 100), 0, "国Ag").height()))


def tile_height(metrics: QFontMetrics) -> int:
    return round(THUMBNAIL_SIZE + 14 + 2 * line_height(metrics) + 10)


class EvidenceDelegate(QStyledItemDelegate):
    """A tile: the thumbnail, the caption (or file name) and, smaller, the file name and size; F2 edits the
    caption on its line."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(TILE_WIDTH, tile_height(option.fontMetrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        record: Evidence = index.data(EVIDENCE_ROLE)
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        from PySide6.QtWidgets import QStyle  # not at module level: its many enums would slow the start-up

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected or option.state & QStyle.StateFlag.State_MouseOver:
            color = QColor(option.palette.highlight().color())
            color.setAlphaF(0.22 if selected else 0.08)
            painter.setPen(QPen(option.palette.highlight().color(), 1.2) if selected else Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(rect, 6, 6)
        icon: QIcon = index.data(Qt.ItemDataRole.DecorationRole)
        icon_rect = QRect(round(rect.center().x() - THUMBNAIL_SIZE / 2), round(rect.top() + 8), THUMBNAIL_SIZE,
                          THUMBNAIL_SIZE)
        icon.paint(painter, icon_rect)
        metrics = option.fontMetrics
        line = QRectF(rect.left() + 6, icon_rect.bottom() + 6, rect.width() - 12, line_height(metrics))
        first = record.caption or record.filename
        second = f"{record.filename} · {size_text(record.size)}" if record.caption else size_text(record.size)
        painter.setPen(option.palette.text().color())
        painter.drawText(line, Qt.AlignmentFlag.AlignHCenter,
                         metrics.elidedText(first, Qt.TextElideMode.ElideRight, round(line.width())))
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        painter.setFont(small)
        painter.setPen(QColor("#6b7785"))
        painter.drawText(line.translated(0, line.height()), Qt.AlignmentFlag.AlignHCenter,
                         QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideMiddle, round(line.width())))
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        # Qt's own editor in an icon view widens with the text, over the next tiles, and lets them show through
        editor = QLineEdit(parent)
        editor.setAutoFillBackground(True)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        height = round(line_height(option.fontMetrics)) + 8
        editor.setGeometry(rect.left() + 2, rect.top() + THUMBNAIL_SIZE + 10, rect.width() - 4, height)


class EvidenceView(QListView):
    """The thumbnails; Delete (or Backspace) asks to remove the selection."""

    delete_pressed = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        select_current_row(self, event.reason())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() != QAbstractItemView.State.EditingState and is_delete_key(event):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)

    def finish_editing(self) -> None:
        """Save a caption being typed (F2) and close its editor: before the item changes, the audit closes or the
        window is rebuilt (Qt would save it later, into a closed audit or a window gone)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class EvidencePanel(QWidget):
    """Evidence of the current item (``set_item``); every edit is one undo step, also for several files at once."""

    def __init__(self, session: AuditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ref: ItemRef | None = None
        self._removed: set[int] = set()  # removed here last: selected again when an undo brings them back
        self.model = EvidenceModel(session, self)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading, buttons = heading_with_buttons(layout, tr("Evidence"))
        self.add_button = add_button(buttons, "Add…", "Add files as evidence (you can also drop files here or "
                                       "paste a picture with Ctrl+V)", self.browse)
        self.open_button = add_button(buttons, "Open", "Open the file with the system's viewer (Enter)",
                                        self.open_selected)
        self.caption_button = add_button(buttons, "Caption…", "Edit the caption (F2)", self.edit_selected_caption)
        self.remove_button = add_button(buttons, "Remove", "Remove the evidence (Delete; Ctrl+Z brings it back)",
                                          self.remove_selected)
        self.view = self._make_view()
        layout.addWidget(self.view)
        self.empty_hint = wrapped_label(tr("No evidence yet. Drop photos or documents here, paste a picture (Ctrl+V) "
                                           "or click Add…"), selectable=False)
        self.empty_hint.setObjectName("evidenceDropZone")
        layout.addWidget(self.empty_hint)
        self._set_drop_highlight(False)
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self.view.delete_pressed.connect(self.remove_selected)
        self.view.activated.connect(lambda index: self.open_evidence(self.model.records[index.row()].id))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        session.itemChanged.connect(self._item_changed)
        self.refresh()

    def _make_view(self) -> EvidenceView:
        view = EvidenceView()
        view.setModel(self.model)
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setMovement(QListView.Movement.Static)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setWrapping(True)
        view.setUniformItemSizes(True)
        view.setItemDelegate(EvidenceDelegate(view))
        view.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        view.setSpacing(4)
        view.setMouseTracking(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        view.setAcceptDrops(False)  # drops go to the panel
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        return view

    # -- showing -----------------------------------------------------------------------------------------------

    def set_item(self, ref: ItemRef | None) -> None:
        if ref != self.ref:
            self.ref = ref
            self.refresh()

    def refresh(self) -> None:
        selected = set(self.selected_ids())
        before = [record.id for record in self.model.records]
        place = min((before.index(i) for i in selected if i in before), default=None)
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is self.view or self.view.isAncestorOf(focus))
        records = self.session.audit.evidence(self.ref) if self.ref is not None else []
        self.model.load(records)
        shown = {record.id for record in records}
        kept = (shown & self._removed) or (shown & selected)  # an undo brought them back, or they are still here
        if not kept and place is not None and records:  # gone (a redo of a removal): the file next to them
            kept = {records[min(place, len(records) - 1)].id}
        self.select_ids(list(kept))
        if had_focus and records:  # after a caption typed in place: the list keeps the keyboard (if still shown:
            QTimer.singleShot(0, self.view, self._refocus)  # the audit may be closing, its page taken away)
        count = len(records)
        self.heading.setText(tr("Evidence ({count})", count=count) if count else tr("Evidence"))
        self.view.setVisible(bool(count))
        self.empty_hint.setVisible(not count)
        self.add_button.setEnabled(self.ref is not None)
        self._fit_height()
        self._update_buttons()

    def _item_changed(self, ref: ItemRef) -> None:
        if ref == self.ref:
            self.refresh()

    def _update_buttons(self, *_args: object) -> None:
        chosen = len(self.selected_ids())
        self.open_button.setEnabled(chosen > 0)  # several open together
        self.remove_button.setEnabled(chosen > 0)
        self.caption_button.setEnabled(chosen == 1)  # a caption belongs to one file

    def _fit_height(self) -> None:
        """As tall as the thumbnails need, up to a few rows (then it scrolls)."""
        count = self.model.rowCount()
        spacing = self.view.spacing()
        tile = QSize(TILE_WIDTH + 2 * spacing, tile_height(self.fontMetrics()) + 2 * spacing)
        # the width without scroll bars; viewport() would make PySide build dozens of types at start-up
        per_row = max(1, (self.view.maximumViewportSize().width() - spacing) // tile.width())
        rows = min(max(1, -(-count // per_row)), MAX_ROWS_SHOWN)
        self.view.setFixedHeight(rows * tile.height() + 2 * self.view.frameWidth() + spacing)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        current = self.view.currentIndex()
        if not rows and current.isValid() and self.view.hasFocus():
            rows = [current.row()]
        return [self.model.records[row].id for row in rows if row < len(self.model.records)]

    def select_ids(self, evidence_ids: Sequence[int]) -> None:
        """Select these files (the others not), the first of them current."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        rows = [row for row, record in enumerate(self.model.records) if record.id in evidence_ids]
        for row in rows:
            selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)

    # -- adding ------------------------------------------------------------------------------------------------

    def browse(self) -> None:
        if self.ref is None:
            return
        filters = f"{tr('Pictures')} ({IMAGE_FILTER});;{tr('All files')} (*)"
        from PySide6.QtWidgets import QFileDialog

        ref = self.ref  # the item the dialog was opened for, whatever happens while it is open
        paths, _filter = QFileDialog.getOpenFileNames(self, tr("Add evidence"), settings.evidence_folder(), filters)
        if paths:
            settings.set_evidence_folder(Path(paths[0]).parent)
            self.add_files(paths, ref)

    def _refocus(self) -> None:
        if self.view.isVisible():
            self.view.setFocus()

    def add_files(self, paths: Iterable[str | Path], ref: ItemRef | None = None) -> int:
        """Add each file to ``ref`` (the item shown, by default), one undo step for all; returns how many."""
        ref = ref or self.ref
        if ref is None:
            return 0
        audit, key = self.session.audit, ("evidence-batch", next(_batches))
        added = 0
        refused: list[str] = []
        collect = refused.append  # one object: the same one is disconnected
        self.session.failed.connect(collect)
        try:
            for path in map(Path, paths):
                if _is_folder(path):
                    self.session.failed.emit(tr("{name} is a folder; drop the files in it instead.", name=path.name))
                    continue
                if self.session.edit_merging(key, audit.add_evidence_file, ref, path) is not None:
                    added += 1
        finally:
            self.session.failed.disconnect(collect)
            self.session.end_merge()
        if len(refused) > 1:  # each said in turn would leave only the last one on screen
            self.session.failed.emit(tr("{count} files were not added: {reasons}", count=len(refused),
                                        reasons="  ·  ".join(refused)))
        return added

    def add_data(self, filename: str, data: bytes) -> bool:
        if self.ref is None:
            return False
        return self.session.edit(self.session.audit.add_evidence, self.ref, filename, data) is not None

    def add_image(self, image: QImage, now: dt.datetime | None = None) -> bool:
        """A picture from the clipboard or a drop, saved as PNG named after the time."""
        return self.add_data(clipboard_name(now), png_bytes(image))

    def paste(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        return self.add_from_mime(mime) if mime is not None else False

    def add_from_mime(self, mime: QMimeData) -> bool:
        files = local_files(mime)
        if files:
            return self.add_files(files) > 0
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                return self.add_image(image)
        self.session.failed.emit(tr("The clipboard holds no picture and no files."))
        return False

    def _acceptable(self, mime: QMimeData) -> bool:
        return self.ref is not None and (bool(local_files(mime)) or mime.hasImage())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._acceptable(event.mimeData()):
            event.acceptProposedAction()
            self._set_drop_highlight(True)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._acceptable(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._set_drop_highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._set_drop_highlight(False)
        if self._acceptable(event.mimeData()):
            event.acceptProposedAction()
            self.add_from_mime(event.mimeData())

    def _set_drop_highlight(self, on: bool) -> None:
        border = "2px dashed #1e88e5" if on else "1px dashed #b8c2cc"
        background = "#e8f2fc" if on else "transparent"
        self.empty_hint.setStyleSheet(f"#evidenceDropZone {{ color: #6b7785; border: {border}; border-radius: 6px; "
                                      f"padding: 14px; background: {background}; }}")
        self.view.setStyleSheet(f"QListView {{ border: {border}; border-radius: 6px; }}" if on else "")

    # -- opening, captions, removing ---------------------------------------------------------------------------

    def open_selected(self) -> None:
        for evidence_id in self.selected_ids()[:10]:
            self.open_evidence(evidence_id)

    def open_evidence(self, evidence_id: int) -> Path | None:
        """Write the file to a temporary folder and open it with the system's viewer; returns the file."""
        record = self._record(evidence_id)
        if record is None:
            return None
        path = _temp_folder() / f"{record.id}-{_safe_name(record.filename)}"
        try:
            data = self.session.audit.evidence_data(record.id)
        except AuditFileError as error:
            self.session.failed.emit(error_text(error))
            return None
        try:
            path.write_bytes(data)
        except OSError as error:
            self.session.failed.emit(tr("{name} cannot be written to a temporary file: {error}",
                                        name=record.filename, error=error.strerror or error))
            return None
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.session.failed.emit(tr("No program is set up to open {name}.", name=record.filename))
        return path

    def edit_selected_caption(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit_caption(ids[0])

    def edit_caption(self, evidence_id: int, new_caption: str | None = None) -> bool:
        """Set the caption; without ``new_caption``, ask for it."""
        record = self._record(evidence_id)
        if record is None:
            return False
        if new_caption is None:
            new_caption = self._ask_caption(record)
            if new_caption is None:
                return False
        return self.session.edit(self.session.audit.set_evidence_caption, evidence_id, new_caption.strip()) is not None

    def _ask_caption(self, record: Evidence) -> str | None:
        from app.ui.typing_dialog import ask_line  # when first needed: start-up stays quick

        name = record.filename if len(record.filename) <= 60 else f"{record.filename[:40]}…{record.filename[-16:]}"
        # a 200-character name must not widen it; a sentence wide, as captions are
        return ask_line(self, tr("Caption"), tr("Caption of {name}:", name=name), record.caption,
                        width=self.fontMetrics().averageCharWidth() * 100)

    def remove_selected(self) -> None:
        self.remove(self.selected_ids())

    def remove(self, evidence_ids: Sequence[int]) -> None:
        """Remove the evidence; one undo step brings all of it back. The file next to it is selected then, so
        that Delete, Enter and F2 go on working; an undo selects what it brought back."""
        ids = [record.id for record in self.model.records]
        place = min((ids.index(evidence_id) for evidence_id in evidence_ids if evidence_id in ids), default=0)
        self._removed = set(evidence_ids)
        key = ("evidence-batch", next(_batches))
        for evidence_id in evidence_ids:
            self.session.edit_merging(key, self.session.audit.remove_evidence, evidence_id)
        self.session.end_merge()
        if self.model.records:
            self.select_ids([self.model.records[min(place, len(self.model.records) - 1)].id])

    def _record(self, evidence_id: int) -> Evidence | None:
        return next((r for r in self.model.records if r.id == evidence_id), None)


_temp: list[Path] = []


def _temp_folder() -> Path:
    """One private temporary folder per run for files opened with other programs; removed at exit."""
    if not _temp:
        import atexit  # imported when first needed: start-up stays quick
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="sfaudit-evidence-"))
        atexit.register(shutil.rmtree, folder, True)
        _temp.append(folder)
    return _temp[0]


def _safe_name(filename: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", filename)[:120] or "evidence"
