"""The filter bar above the tree: it wraps in a narrow pane rather than setting the pane's width."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.audit import Audit
from app.ui.filter_bar import FilterBar
from app.ui.language import apply_language


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
