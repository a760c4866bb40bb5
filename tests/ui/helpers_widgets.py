"""A small audit, its session and generated pictures for the dashboard, evidence and findings widget tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from app.core.audit import Audit, ItemRef
from app.core.checklist_yaml import load_checklist_file
from app.core.profile import Profile
from app.ui.session import AuditSession

DialogT = TypeVar("DialogT", bound=QWidget)


def when_dialog_opens(kind: type[DialogT], act: Callable[[DialogT], object]) -> None:
    """Run ``act`` on the modal dialog of type ``kind`` as soon as it is open: call this, then what opens the
    dialog (its exec() waits for the dialog to close). A failing ``act`` closes the dialog, so that the test fails
    instead of waiting for ever."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, poll)
            return
        try:
            act(dialog)
        except BaseException:
            dialog.reject()
            raise

    QTimer.singleShot(0, poll)


WIDGET_CHECKLIST = """\
format: sfc/1
id: plant
version: "1.0"
level: factory
title: {zh: 工厂清单, en: Plant checklist}
scoring: {pass: 0.8}
sections:
  - id: P1
    title: {zh: 设备联网, en: Networking}
    items:
      - id: P1.1
        critical: true
        title: {zh: 关键设备联网, en: Key machines networked}
        requirement: {zh: 联网, en: Networked}
      - {id: P1.2, type: yes_no, title: {zh: 联网清单, en: Machine list}, requirement: {zh: 有清单, en: A list}}
  - id: P2
    title: {zh: 生产管理, en: Production management}
    items:
      - {id: P2.1, title: {zh: 排产, en: Scheduling}, requirement: {zh: 有APS, en: APS in use}}
  - id: P3
    title: {zh: 质量追溯, en: Quality traceability}
    items:
      - {id: P3.1, title: {zh: 一件一码, en: One code per part}, requirement: {zh: 赋码, en: Coded}}
"""

ITEM_IDS = ("P1.1", "P1.2", "P2.1", "P3.1")


def ref(item_id: str) -> ItemRef:
    return ItemRef("plant", item_id)


def create_audit(folder: Path, checklist_text: str = WIDGET_CHECKLIST) -> Audit:
    path = folder / "plant.yaml"
    path.write_text(checklist_text, encoding="utf-8")
    return Audit.create(folder / "plant.sfaudit", [load_checklist_file(path)],
                        Profile(name="恒岳重工", credit_code="", industry="Machinery", auditors=("Liu Jing",)))


@contextmanager
def open_session(folder: Path, checklist_text: str = WIDGET_CHECKLIST) -> Iterator[AuditSession]:
    audit = create_audit(folder, checklist_text)
    try:
        yield AuditSession(audit)
    finally:
        audit.close()


def sections_checklist(count: int) -> str:
    """A checklist with ``count`` top-level sections of one item each."""
    lines = ["format: sfc/1", "id: many", 'version: "1"', "level: scenario", "title: Many sections", "sections:"]
    for n in range(1, count + 1):
        lines += [f"  - id: S{n}", f"    title: {{zh: 场景{n}, en: Scenario {n}}}", "    items:",
                  f"      - {{id: I{n}, title: Item {n}, requirement: Required}}"]
    return "\n".join(lines) + "\n"


def picture(width: int = 320, height: int = 200, color: str = "#2e7d32") -> QImage:
    """A test photo: a coloured background with a white disc."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("white"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(width * 0.3, height * 0.2, width * 0.4, height * 0.6))
    painter.end()
    return image


def picture_file(folder: Path, name: str = "photo.png", width: int = 320, height: int = 200) -> Path:
    """A test photo named ``name``, different from every other name's (the same photo twice is refused)."""
    path = folder / name
    image = picture(width, height)
    image.setPixelColor(0, 0, QColor(sum(name.encode()) % 256, len(name) % 256, 7))
    assert image.save(str(path))
    return path


def stored_drafts(path: Path) -> list[tuple[str, str, str]]:
    """The drafts in the file as another program would read them: what a crash now would leave."""
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT item_id, field, text FROM draft ORDER BY item_id").fetchall()
    finally:
        conn.close()
