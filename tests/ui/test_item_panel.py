"""The item panel by keyboard: Tab goes through it in the order it is on screen, and lists select what they show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.core.audit import ItemRef
from app.ui.main_window import MainWindow

OpenWindow = Callable[[Path], MainWindow]


def tab_chain(start: QWidget, stop: QWidget) -> list[QWidget]:
    """The visible widgets Tab reaches after ``start``, up to ``stop``."""
    found: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not stop and widget is not start:
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def test_tab_goes_from_the_answer_to_the_note_for_every_item(audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    panel = view.item_panel
    for item_id in ("I1", "I3", "I5"):  # scale buttons, KPI fields, a text answer: each rebuilt for its item
        assert view.select_ref(ItemRef("small", item_id))
        before_note = tab_chain(panel, panel.note)
        answer_widgets = [w for w in panel.answer.tab_stops() if w.isVisible()]
        assert answer_widgets and before_note[:len(answer_widgets)] == answer_widgets, item_id
        after_note = tab_chain(panel.note, panel)
        assert panel.evidence.add_button in after_note
        assert not set(answer_widgets) & set(after_note)
    assert not panel.focusPolicy().value & Qt.FocusPolicy.TabFocus.value  # no stop that shows nothing


def test_tabbing_into_the_note_types_after_what_is_written(qtbot: QtBot, audit_path: Path,
                                                          open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    assert window.view is not None
    panel = window.view.item_panel
    panel.note.load("抽查3台")
    panel.note.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(panel.note, "ok")
    assert panel.note.toPlainText() == "抽查3台ok"


def test_tabbing_into_the_findings_list_selects_its_row(qtbot: QtBot, audit_path: Path,
                                                       open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    audit = view.session.audit
    audit.add_finding(ItemRef("small", "I1"), "minor", "Backups not tested")
    assert view.select_ref(ItemRef("small", "I1"))
    findings = view.item_panel.findings
    findings.refresh()
    findings.tree.clearSelection()
    findings.tree.setFocus(Qt.FocusReason.TabFocusReason)
    assert findings.selected() is not None  # Enter, Delete and the buttons act on the row the frame shows
    assert findings.edit_button.isEnabled()


def test_a_click_into_the_evidence_list_selects_only_what_it_clicks(qtbot: QtBot, audit_path: Path,
                                                                    open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    evidence = view.item_panel.evidence
    for name in ("a.txt", "b.txt", "c.txt"):
        view.session.audit.add_evidence(ItemRef("small", "I1"), name, f"report {name}".encode())
    evidence.refresh()
    view.tree.setFocus()
    third = evidence.view.visualRect(evidence.model.index(2))
    qtbot.mouseClick(evidence.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     third.center())
    assert [index.row() for index in evidence.view.selectionModel().selectedIndexes()] == [2]


def test_undo_and_redo_keys_reach_the_window_from_every_stop_of_the_evidence_and_findings(
        qtbot: QtBot, audit_path: Path, open_window: OpenWindow) -> None:
    window = open_window(audit_path)
    view = window.view
    assert view is not None
    panel = view.item_panel
    panel.findings.add_finding("minor", "Gauge calibration lapsed")  # its list and buttons, shown and enabled
    audit = view.session.audit
    stops = [w for w in (*panel.evidence.findChildren(QWidget), *panel.findings.findChildren(QWidget))
             if w.isVisible() and w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value]
    assert len(stops) >= 4
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for stop in stops:
        stop.setFocus()
        qtbot.keyClick(stop, Qt.Key.Key_Z, ctrl)
        assert audit.findings() == [], stop
        qtbot.keyClick(stop, Qt.Key.Key_Z, ctrl | shift)
        assert len(audit.findings()) == 1, stop
