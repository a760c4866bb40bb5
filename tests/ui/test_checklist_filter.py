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
