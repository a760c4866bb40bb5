"""Evidence of an item: add (button path, drop, clipboard), thumbnails, open, caption, remove and undo."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.ui.evidence_panel import EvidencePanel, clipboard_name, size_text
from app.ui.evidence_thumbnails import read_image
from app.ui.session import AuditSession
from app.ui.typing_dialog import LineDialog
from tests.ui.helpers_widgets import picture, picture_file, ref, when_dialog_opens

ITEM = ref("P1.1")


@pytest.fixture
def panel(qtbot: QtBot, session: AuditSession) -> EvidencePanel:
    panel = EvidencePanel(session)
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.set_item(ITEM)
    with qtbot.waitExposed(panel):
        panel.show()
    return panel


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_added_files_are_stored_with_their_hash_and_shown_with_thumbnails(
        panel: EvidencePanel, session: AuditSession, tmp_path: Path) -> None:
    photo = picture_file(tmp_path, "cabinet.png")
    report = tmp_path / "calibration.pdf"
    report.write_bytes(b"%PDF-1.4 test")
    assert not panel.view.isVisible() and panel.empty_hint.isVisible()

    assert panel.add_files([photo, report]) == 2
    stored = session.audit.evidence(ITEM)
    assert [(e.filename, e.sha256, e.media_type) for e in stored] == [
        ("cabinet.png", sha256(photo), "image/png"), ("calibration.pdf", sha256(report), "application/pdf")]
    assert session.audit.evidence_data(stored[0].id) == photo.read_bytes()
    assert panel.model.rowCount() == 2 and panel.view.isVisible() and not panel.empty_hint.isVisible()
    assert panel.heading.text() == "Evidence (2)"
    icon = panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert panel.model.thumbnails.decoded == 1  # the photo was decoded; the PDF got the generic page
    panel.model.index(1).data(Qt.ItemDataRole.DecorationRole)
    panel.refresh()
    panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert panel.model.thumbnails.decoded == 1  # cached by SHA-256
    assert "cabinet.png" in panel.model.index(0).data(Qt.ItemDataRole.DisplayRole)
    assert not panel.grab().isNull()

    session.undo()  # several files added at once are one undo step
    assert session.audit.evidence(ITEM) == [] and panel.model.rowCount() == 0


def test_the_add_dialog_starts_where_evidence_was_last_added_from(
        panel: EvidencePanel, session: AuditSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    camera = tmp_path / "DCIM"
    camera.mkdir()
    photo = picture_file(camera, "valve.png")
    started_in: list[str] = []

    def choose(_parent: object, _title: str, folder: str, _filters: str) -> tuple[list[str], str]:
        started_in.append(folder)
        return [str(photo)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    panel.browse()
    panel.browse()
    assert started_in[0] != str(camera) and Path(started_in[0]).is_dir()  # the first time: pictures, or home
    assert started_in[1] == str(camera)
    assert [e.filename for e in session.audit.evidence(ITEM)] == ["valve.png"]  # the same photo again: refused


def test_dropped_files_are_added(panel: EvidencePanel, session: AuditSession, tmp_path: Path) -> None:
    photo = picture_file(tmp_path, "dropped.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, drop)
    assert drop.isAccepted()
    stored = session.audit.evidence(ITEM)
    assert [(e.filename, e.sha256) for e in stored] == [("dropped.png", sha256(photo))]
    assert panel.model.rowCount() == 1

    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, refused)
    assert not refused.isAccepted()


def test_ctrl_v_pastes_a_picture_as_png(qtbot: QtBot, panel: EvidencePanel, session: AuditSession) -> None:
    image = picture(200, 120, "#1565c0")
    QGuiApplication.clipboard().setImage(image)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    stored = session.audit.evidence(ITEM)
    assert len(stored) == 1
    record = stored[0]
    assert re.fullmatch(r"clipboard-\d{8}-\d{6}\.png", record.filename)
    data = session.audit.evidence_data(record.id)
    assert record.sha256 == hashlib.sha256(data).hexdigest() and data.startswith(b"\x89PNG")
    pasted = read_image(data)
    assert (pasted.width(), pasted.height()) == (200, 120)
    assert pasted.pixelColor(5, 5) == image.pixelColor(5, 5)
    assert panel.model.thumbnails.decoded == 0
    panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert panel.model.thumbnails.decoded == 1


def test_pasting_nothing_useful_says_so(panel: EvidencePanel, session: AuditSession, qtbot: QtBot) -> None:
    QGuiApplication.clipboard().setText("just text")
    with qtbot.waitSignal(session.failed) as failed:
        assert not panel.paste()
    assert failed.args == ["The clipboard holds no picture and no files."]
    assert session.audit.evidence(ITEM) == []


def test_caption_edit_remove_and_undo(qtbot: QtBot, panel: EvidencePanel, session: AuditSession,
                                      tmp_path: Path) -> None:
    panel.add_files([picture_file(tmp_path, "gauge.png")])
    evidence_id = session.audit.evidence(ITEM)[0].id
    assert panel.edit_caption(evidence_id, "  Pressure gauge on line 3 ")
    assert session.audit.evidence(ITEM)[0].caption == "Pressure gauge on line 3"
    index = panel.model.index(0)
    assert index.data(Qt.ItemDataRole.EditRole) == "Pressure gauge on line 3"
    assert panel.model.setData(index, "Gauge, calibrated 2026-03")  # the inline (F2) editor's path
    assert session.audit.evidence(ITEM)[0].caption == "Gauge, calibrated 2026-03"
    session.undo()
    assert session.audit.evidence(ITEM)[0].caption == "Pressure gauge on line 3"
    widths: list[int] = []

    def answer_the_dialog(dialog: LineDialog) -> None:
        widths.append(dialog.width())
        dialog.line.setText("压力表，已校准")
        dialog.accept()

    when_dialog_opens(LineDialog, answer_the_dialog)
    assert panel.edit_caption(evidence_id)  # asked for, in a box wide enough for a sentence
    assert session.audit.evidence(ITEM)[0].caption == "压力表，已校准"
    assert widths[0] >= panel.fontMetrics().averageCharWidth() * 100
    session.undo()

    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert session.audit.evidence(ITEM) == [] and panel.model.rowCount() == 0
    session.undo()
    restored = session.audit.evidence(ITEM)
    assert [(e.id, e.caption) for e in restored] == [(evidence_id, "Pressure gauge on line 3")]
    assert panel.model.rowCount() == 1

    panel.add_files([picture_file(tmp_path, "valve.png"), picture_file(tmp_path, "flange.png")])
    _first, second, third = [e.id for e in session.audit.evidence(ITEM)]
    panel.remove([second])
    assert panel.selected_ids() == [third]  # the file next to it: Delete, Enter and F2 go on working
    session.undo()
    assert panel.selected_ids() == [second]  # what the undo brought back
    session.redo()
    assert panel.selected_ids() == [third]  # removed again: the file next to it, as the first time
    session.undo()
    assert panel.selected_ids() == [second]
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)  # the caption in place, on its tile's line
    editor = panel.view.indexWidget(panel.model.index(0)) or panel.view.focusWidget()
    assert isinstance(editor, QLineEdit)
    width = editor.width()
    editor.selectAll()
    qtbot.keyClicks(editor, "Pressure gauge on line 3, calibrated in March, seal intact " * 2)
    assert editor.width() == width and editor.autoFillBackground()  # never over the next tiles
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # committed by the delegate a moment later
    qtbot.waitUntil(lambda: session.audit.evidence(ITEM)[0].caption.startswith("Pressure gauge on line 3, cal"))
    panel.select_ids([e.id for e in session.audit.evidence(ITEM)])
    assert panel.open_button.isEnabled() and panel.remove_button.isEnabled()
    assert not panel.caption_button.isEnabled()  # a caption belongs to one file: not the first of several
    panel.select_ids([evidence_id])
    assert panel.caption_button.isEnabled()


def test_enter_opens_the_file_with_the_system_viewer(qtbot: QtBot, panel: EvidencePanel, session: AuditSession,
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photo = picture_file(tmp_path, "weld seam.png")
    panel.add_files([photo])
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert len(opened) == 1
    written = Path(opened[0].toLocalFile())
    assert written.name.endswith("weld seam.png") and written.read_bytes() == photo.read_bytes()


def test_small_helpers() -> None:
    import datetime as dt

    assert clipboard_name(dt.datetime(2026, 11, 24, 9, 5, 7)) == "clipboard-20261124-090507.png"
    assert [size_text(n) for n in (7, 2048, 5 * 1024 * 1024)] == ["7 B", "2.0 KiB", "5.0 MiB"]


def test_the_same_file_twice_is_kept_once_and_said(panel: EvidencePanel, session: AuditSession,
                                                   tmp_path: Path) -> None:
    said: list[str] = []
    session.failed.connect(said.append)
    photo = picture_file(tmp_path, "valve.png")
    copy = tmp_path / "IMG_0001.png"
    copy.write_bytes(photo.read_bytes())
    assert panel.add_files([photo]) == 1
    assert panel.add_files([copy]) == 0
    assert said == ["IMG_0001.png is already evidence of this item, as valve.png"]
    assert [e.filename for e in session.audit.evidence(ITEM)] == ["valve.png"]


def test_every_file_refused_in_one_addition_is_said(panel: EvidencePanel, session: AuditSession,
                                                     tmp_path: Path) -> None:
    said: list[str] = []
    session.failed.connect(said.append)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    assert panel.add_files([tmp_path / "empty.txt", tmp_path / "folder", picture_file(tmp_path, "ok.png")]) == 1
    assert said[-1].startswith("2 files were not added: ")  # the last message, the one left on screen
    assert "empty.txt" in said[-1] and "folder" in said[-1]
    said.clear()
    assert panel.add_files([tmp_path / "empty.txt"]) == 0
    assert len(said) == 1 and "empty.txt" in said[0]  # one refusal: said as it is
    said.clear()
    assert panel.add_files([tmp_path / ("工" * 90 + ".png")]) == 0  # a name the system cannot ask about
    assert len(said) == 1


def test_a_damaged_picture_shows_a_marked_tile_that_says_why(qtbot: QtBot, panel: EvidencePanel,
                                                             session: AuditSession, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QColor

    from app.core.store import DamagedAuditError

    audit = session.audit

    def damaged(_evidence_id: int) -> bytes:
        raise DamagedAuditError("the stored copy of {name} is damaged (it no longer matches its SHA-256); take it "
                                "from a backup copy of the audit, if there is one", audit.path, name="gauge.png")

    reads: list[int] = []
    monkeypatch.setattr(audit, "evidence_data", lambda evidence_id: reads.append(evidence_id) or damaged(evidence_id))
    session.edit(audit.add_evidence, ITEM, "gauge.png", picture_file(tmp_path, "gauge.png").read_bytes())
    panel.refresh()
    index = panel.model.index(0, 0)
    icon = index.data(Qt.ItemDataRole.DecorationRole)  # asked first, as the view paints before any tooltip
    assert "stored copy of gauge.png is damaged" in index.data(Qt.ItemDataRole.ToolTipRole)
    for _edit in range(3):  # the panel is reloaded at every edit of the item: the file is not read again
        panel.refresh()
        panel.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert len(reads) == 1
    assert isinstance(icon, QIcon)
    tile = icon.pixmap(96, 96).toImage()
    badge = QColor(tile.pixel(round(tile.width() * 0.9), round(tile.height() * 0.26)))  # beside its "!"
    assert (badge.red(), badge.green() < 80, badge.blue() < 80) == (198, True, True)  # the red mark
    assert tile.pixelColor(0, tile.height() - 1).alpha() == 0  # greyed is the sheet, not the tile's margin
