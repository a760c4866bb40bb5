"""Draw the small illustrative "photos" of the demo audit (run once; the PNGs are committed in resources/demo/).

They are drawings, not photographs of any real factory.
Usage: ``QT_QPA_PLATFORM=offscreen python tools/make_demo_photos.py``
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QLinearGradient, QPainter, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo"
W, H = 640, 420
FONT = "Noto Sans CJK SC"


def canvas(painter: QPainter, top: str, bottom: str) -> None:
    gradient = QLinearGradient(0, 0, 0, H)
    gradient.setColorAt(0, QColor(top))
    gradient.setColorAt(1, QColor(bottom))
    painter.fillRect(0, 0, W, H, gradient)


def text(painter: QPainter, rect: QRectF, value: str, size: int, color: str = "#ffffff", bold: bool = False,
         align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> None:
    font = QFont(FONT, size)
    font.setBold(bold)
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(rect, align, value)


def andon_board(p: QPainter) -> None:
    canvas(p, "#2b2f36", "#15181c")
    p.fillRect(QRectF(40, 30, 560, 360), QColor("#0b0d10"))
    text(p, QRectF(40, 36, 560, 40), "结构件焊接车间 安灯看板", 20, "#f4d35e", bold=True)
    states = [("R-11", "#2ecc71", "运行"), ("R-12", "#2ecc71", "运行"), ("R-13", "#f1c40f", "待料"),
              ("R-14", "#2ecc71", "运行"), ("CNC-07", "#e74c3c", "故障"), ("CNC-08", "#2ecc71", "运行"),
              ("CNC-12", "#3498db", "换型"), ("PT-03", "#2ecc71", "运行")]
    for index, (name, color, state) in enumerate(states):
        x, y = 60 + (index % 4) * 134, 95 + (index // 4) * 140
        p.fillRect(QRectF(x, y, 120, 120), QColor(color))
        text(p, QRectF(x, y + 10, 120, 40), name, 18, "#101010", bold=True)
        text(p, QRectF(x, y + 60, 120, 40), state, 16, "#101010")
    text(p, QRectF(40, 360, 560, 26), "当班 OEE 78.4%   响应中 1   平均响应 4.2 min", 12, "#d0d0d0")


def mes_dashboard(p: QPainter) -> None:
    canvas(p, "#eef2f7", "#dfe6ee")
    p.fillRect(QRectF(0, 0, W, 44), QColor("#1f4e79"))
    text(p, QRectF(16, 0, 400, 44), "MES 生产执行 · 动臂产线", 16, bold=True, align=Qt.AlignmentFlag.AlignVCenter)
    p.setPen(QPen(QColor("#9fb3c8"), 1))
    p.drawRect(QRectF(30, 70, 360, 300))
    bars = [62, 75, 81, 70, 88, 92, 85]
    for index, value in enumerate(bars):
        p.fillRect(QRectF(50 + index * 48, 350 - value * 2.6, 30, value * 2.6), QColor("#2e86c1"))
    text(p, QRectF(30, 72, 360, 24), "近7日计划达成率 (%)", 11, "#1f2d3d")
    for index, (label, value) in enumerate([("在制工单", "36"), ("一次合格率", "97.6%"), ("设备联网", "86%")]):
        y = 70 + index * 102
        p.fillRect(QRectF(410, y, 200, 90), QColor("#ffffff"))
        text(p, QRectF(410, y + 8, 200, 24), label, 11, "#5b6b7b")
        text(p, QRectF(410, y + 34, 200, 46), value, 24, "#1f4e79", bold=True)


def agv_line(p: QPainter) -> None:
    canvas(p, "#c9ccd1", "#9aa0a8")
    p.setPen(QPen(QColor("#f5c518"), 10))
    p.drawLine(QPointF(40, 300), QPointF(600, 300))
    p.drawLine(QPointF(320, 300), QPointF(320, 120))
    for x in (120, 430):
        p.fillRect(QRectF(x, 262, 110, 60), QColor("#e67e22"))
        p.fillRect(QRectF(x + 10, 242, 90, 22), QColor("#7f8c8d"))
        text(p, QRectF(x, 272, 110, 40), "AGV", 16, "#ffffff", bold=True)
    p.fillRect(QRectF(260, 60, 120, 60), QColor("#34495e"))
    text(p, QRectF(260, 60, 120, 60), "线边库 B2", 14)
    text(p, QRectF(40, 350, 560, 40), "齐套配送：工单 MO-2611-0457  呼叫→到位 6 min", 14, "#1b1b1b")


def nameplate(p: QPainter) -> None:
    canvas(p, "#8d949c", "#5c636b")
    plate = QRectF(70, 50, 500, 320)
    gradient = QLinearGradient(plate.topLeft(), plate.bottomRight())
    gradient.setColorAt(0, QColor("#e9ecef"))
    gradient.setColorAt(1, QColor("#b8bec5"))
    p.fillRect(plate, gradient)
    p.setPen(QPen(QColor("#4a4f55"), 3))
    p.drawRect(plate.adjusted(8, 8, -8, -8))
    rows = ["数控龙门加工中心", "型号 GMC-2516   编号 CNC-07", "控制系统 国产数控 V8   2023年",
            "数据接口 OPC UA / MTConnect", "资产编码 EQ-JX-0107"]
    for index, row in enumerate(rows):
        text(p, QRectF(90, 80 + index * 54, 460, 44), row, 18 if index else 22, "#1d2228", bold=index == 0)


def weld_inspection(p: QPainter) -> None:
    canvas(p, "#30343a", "#1c1f23")
    p.setPen(QPen(QColor("#b0b6bd"), 40))
    p.drawLine(QPointF(40, 230), QPointF(600, 200))
    p.setPen(QPen(QColor("#d4a373"), 10))
    p.drawLine(QPointF(40, 230), QPointF(600, 200))
    for x, y, label, color in ((150, 196, "OK 0.98", "#2ecc71"), (330, 186, "气孔 0.91", "#e74c3c"),
                               (480, 178, "OK 0.97", "#2ecc71")):
        p.setPen(QPen(QColor(color), 3))
        p.drawRect(QRectF(x, y, 80, 56))
        text(p, QRectF(x - 20, y - 30, 120, 26), label, 12, color, bold=True)
    text(p, QRectF(20, 20, 600, 30), "焊缝视觉检测 · 动臂 BM-3560 · 批次 2611-08", 14, "#e0e0e0",
         align=Qt.AlignmentFlag.AlignLeft)


DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "andon-board.png": andon_board, "mes-dashboard.png": mes_dashboard, "agv-line.png": agv_line,
    "nameplate.png": nameplate, "weld-inspection.png": weld_inspection,
}


def main() -> None:
    app = QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in DRAWINGS.items():
        image = QImage(W, H, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(painter)
        painter.end()
        image.save(str(OUT / name))
        print(OUT / name, (OUT / name).stat().st_size)
    del app


if __name__ == "__main__":
    main()
