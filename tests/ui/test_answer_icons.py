"""Icons keep their own colours on a selected row (Qt tints what it has no selected picture for)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon

from app.ui.answer_icons import FAIR, INFO, UNSCORED, answer_icon
from app.ui.audit_terms import marker_icon


def _centre(icon: QIcon, mode: QIcon.Mode) -> QColor:
    image = icon.pixmap(QSize(16, 16), 1.0, mode).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_answer_icons_are_not_tinted_when_selected(qapp: object) -> None:
    for icon, colour in ((answer_icon(UNSCORED), INFO), (answer_icon("score", 0.0), None),
                         (answer_icon("score", 0.6), FAIR)):
        normal, selected = _centre(icon, QIcon.Mode.Normal), _centre(icon, QIcon.Mode.Selected)
        assert selected == normal
        if colour is not None:
            assert selected == colour
    unscored = answer_icon(UNSCORED).pixmap(QSize(16, 16), 1.0, QIcon.Mode.Selected).toImage()
    assert unscored.pixelColor(2, 8) == QColor("white")  # a white disc: the blue dot shows on the blue selection


def test_markers_are_not_tinted_when_selected(qapp: object) -> None:
    icon = marker_icon("#e08a00")
    assert _centre(icon, QIcon.Mode.Selected) == _centre(icon, QIcon.Mode.Normal) == QColor("#e08a00")
