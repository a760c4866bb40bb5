"""The checklist tree model and its filter, checked by pytest-qt's model tester and by what they show."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.core.audit import Audit, ItemRef
from app.ui.checklist_filter import SHOW_NA, SHOW_UNANSWERED, ChecklistFilter, FilterState
from app.ui.checklist_model import ANSWER_COLUMN, PROGRESS_COLUMN, REF_ROLE, SCORE_COLUMN, ChecklistModel
from app.ui.session import AuditSession


def visible_items(proxy: ChecklistFilter, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found: list[str] = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        ref = index.data(REF_ROLE)
        if ref is not None:
            found.append(ref.item_id)
        found.extend(visible_items(proxy, index))
    return found


def test_model_passes_the_model_tester_through_edits(audit_path: Path, qtmodeltester: ModelTester) -> None:
    with Audit.open(audit_path) as audit:
        session = AuditSession(audit)
        model = ChecklistModel(session)
        qtmodeltester.check(model)
        session.edit(audit.set_choice, ItemRef("small", "I1"), "mostly")
        session.edit(audit.set_na, ItemRef("small", "I4"), "no scheduling here")
        qtmodeltester.check(model)
        proxy = ChecklistFilter(model)
        proxy.set_state(FilterState(search="apc"))
        qtmodeltester.check(proxy)


def test_answers_progress_and_applicability_are_shown(audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        session = AuditSession(audit)
        model = ChecklistModel(session)
        i1 = model.index_of(ItemRef("small", "I1"))
        section = model.parent(i1)
        assert model.parent(section).data().endswith("·  Intelligent workshop")  # the level's name, not its id
        assert section.siblingAtColumn(PROGRESS_COLUMN).data() == "0/3"
        session.edit(audit.set_choice, ItemRef("small", "I1"), "mostly")
        assert i1.siblingAtColumn(ANSWER_COLUMN).data() == "Largely met"
        assert i1.siblingAtColumn(ANSWER_COLUMN).data(Qt.ItemDataRole.DecorationRole) is not None
        assert section.siblingAtColumn(PROGRESS_COLUMN).data() == "1/3"
        # I6 needs the 'process' tag; this factory is 'discrete': greyed out
        i6 = model.index_of(ItemRef("small", "I6"))
        assert i6.data(Qt.ItemDataRole.ForegroundRole) is not None
        session.edit(audit.set_choice, ItemRef("small", "I6"), "full")  # kept, shown, but not scored: no 100 %
        assert i6.siblingAtColumn(ANSWER_COLUMN).data() == "Fully met"
        assert i6.siblingAtColumn(SCORE_COLUMN).data() == ""
        assert i1.siblingAtColumn(SCORE_COLUMN).data() == "80%"  # "Largely met"
        assert model.index_of(ItemRef("small", "I7")).data(Qt.ItemDataRole.ForegroundRole) is None


def test_filters_keep_the_tree_shape(audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        session = AuditSession(audit)
        proxy = ChecklistFilter(ChecklistModel(session))
        assert visible_items(proxy) == ["I1", "I2", "I3", "I4", "I5", "I6", "I7"]
        proxy.set_state(FilterState(search="Scheduling"))  # English title of I4, nested two sections deep
        assert visible_items(proxy) == ["I4"]
        proxy.set_state(FilterState(search="联网"))  # Chinese text of I1–I3
        assert visible_items(proxy) == ["I1", "I2", "I3"]
        proxy.set_state(FilterState(hide_not_applicable=True))
        assert "I6" not in visible_items(proxy)
        session.edit(audit.set_na, ItemRef("small", "I5"), "no remarks needed")
        proxy.set_state(FilterState(show=SHOW_NA))
        assert visible_items(proxy) == ["I5"]
        proxy.set_state(FilterState(show=SHOW_UNANSWERED))
        assert visible_items(proxy) == ["I1", "I2", "I3", "I4", "I7"]
        proxy.set_state(FilterState(tag="process"))
        assert visible_items(proxy) == ["I6"]
