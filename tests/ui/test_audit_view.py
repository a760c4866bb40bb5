"""The audit view's words on an empty tree (the view itself is driven through the window in test_main_window)."""

from __future__ import annotations

import pytest

from app.ui.audit_view import _nothing_matches
from app.ui.checklist_filter import SHOW_NA, FilterState


@pytest.mark.parametrize(("state", "said"), [
    (FilterState(search="xyzzy"), ["Esc in the search box"]),
    (FilterState(tag="process", show=SHOW_NA), ["“All items”", "“All tags”"]),
    (FilterState(search="APC", hide_not_applicable=True), ["Esc in the search box", "Unticking"])])
def test_an_empty_tree_names_only_the_ways_back_that_the_filter_offers(state: FilterState, said: list[str]) -> None:
    ways = ("Esc in the search box", "“All items”", "“All tags”", "Unticking")
    message = _nothing_matches(state)
    assert message.startswith("No item matches the search and the filters.")
    assert [way for way in ways if way in message] == said
