"""The search of the checklist filter, as typed with a Chinese input method."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.audit import Audit
from app.ui.checklist_filter import ChecklistFilter, FilterState
from app.ui.checklist_model import ChecklistModel
from app.ui.session import AuditSession
from tests.ui.test_checklist_model import visible_items


@pytest.mark.parametrize("typed", ["SCHEDULING", "ｓｃｈｅｄｕｌｉｎｇ", "ＳＣＨＥＤＵＬＩＮＧ", "Ｉ４",
                                   "i4\u3000scheduling"])
def test_full_width_letters_digits_and_spaces_find_what_half_width_ones_do(audit_path: Path, typed: str) -> None:
    """A Chinese input method in full-width mode types ＭＥＳ１２ and an ideographic space: they search as MES12."""
    with Audit.open(audit_path) as audit:
        proxy = ChecklistFilter(ChecklistModel(AuditSession(audit)))
        proxy.set_state(FilterState(search=typed))
        assert visible_items(proxy) == ["I4"]


@pytest.mark.parametrize(("typed", "found"), [("设备数／关键", ["I3"]), ("Networked／key", []),
                                              ("networked　/　key", ["I3"]), ("/", ["I3"])])
def test_full_width_punctuation_in_a_query_also_finds_the_plain_one(
        audit_path: Path, typed: str, found: list[str]) -> None:
    """The text keeps its own punctuation (a Chinese comma still finds Chinese text); a query's full-width one is
    also tried as ASCII. "Networked／key" is one term, which the text has with spaces around the slash."""
    with Audit.open(audit_path) as audit:
        proxy = ChecklistFilter(ChecklistModel(AuditSession(audit)))
        proxy.set_state(FilterState(search=typed))
        assert visible_items(proxy) == found


def test_an_item_is_found_by_its_id_in_any_case_and_width(audit_path: Path) -> None:
    with Audit.open(audit_path) as audit:
        model = ChecklistModel(AuditSession(audit))
        for typed in ("I4", "i4", " Ｉ４ "):
            named = model.item_with_id(typed)
            assert named is not None and named.item.id == "I4"
        assert model.item_with_id("I") is None and model.item_with_id("") is None

