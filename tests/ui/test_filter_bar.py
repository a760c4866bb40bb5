"""The filter bar above the tree: it wraps in a narrow pane rather than setting the pane's width, and gives the
keys back to the tree once a filter is chosen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.audit import Audit
from app.ui.checklist_filter import SHOW_ALL, SHOW_UNANSWERED
from app.ui.filter_bar import FilterBar
from app.ui.language import apply_language
from app.ui.main_window import MainWindow


def test_the_filter_bar_fits_a_narrow_pane_in_both_languages_whatever_the_count(qtbot: QtBot,
                                                                              audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        for language in ("zh", "en"):
            apply_language(language)
            bar = FilterBar(audit)
            qtbot.addWidget(bar)
            bar.show_count(7, 7, False)
            narrow = bar.minimumSizeHint().width()
            bar.show_count(291, 10_497, True)  # "291 of 10497 items": longer, and the pane must not grow
            assert narrow <= 300 and bar.minimumSizeHint().width() <= 300, language
            bar.resize(300, 120)
            bar.show()
            layout = bar.layout()
            assert layout is not None
            layout.activate()
            assert bar.show_combo.geometry().right() <= 300 and bar.hide_na.geometry().right() <= 300


def test_a_choice_made_in_a_filters_list_hands_the_keys_back_to_the_tree(
        qtbot: QtBot, audit_path: Path, open_window: Callable[[Path], MainWindow]) -> None:
    """Arrows on the closed box go on choosing there; a choice in its open list goes back to the tree, where the
    digit keys answer."""
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    combo = view.filter_bar.show_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # closed: "Unanswered", and the keys stay here
    assert combo.currentData() == SHOW_UNANSWERED and combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentData() == SHOW_ALL
    combo.showPopup()
    list_view = combo.view()
    qtbot.waitUntil(list_view.isVisible)
    qtbot.keyClick(list_view, Qt.Key.Key_Down)
    qtbot.keyClick(list_view, Qt.Key.Key_Return)
    assert combo.currentData() == SHOW_UNANSWERED
    qtbot.waitUntil(view.tree.hasFocus)
    first = view.current_node()
    assert first is not None and first.ref is not None
    qtbot.keyClick(view.tree, Qt.Key.Key_1)
    assert view.session.audit.answer(first.ref).choice is not None
