"""Units of the shipped checklists' KPIs read in either interface language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app import i18n
from app.core.checklist import Section
from app.core.checklist_yaml import load_checklist_file
from app.paths import bundled_checklists

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]+")
SYMBOLS = {"ppm", "Cpk", "CO", "e", "tce", "t", "kg", "h", "CNY", "k"}  # read the same in a Chinese text


def _items(sections: tuple[Section, ...]) -> Iterator[str]:
    for section in sections:
        yield from (item.unit for item in section.items if item.unit)
        yield from _items(section.sections)


def shipped_units() -> set[str]:
    return {unit for path in bundled_checklists() for unit in _items(load_checklist_file(path).checklist.sections)}


@pytest.fixture
def language() -> Iterator[None]:
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.usefixtures("language")
def test_every_shipped_unit_reads_in_both_languages() -> None:
    units = shipped_units()
    assert {"%", "days", "天", "万元/人"} <= units
    i18n.set_language("en")
    assert [unit for unit in sorted(units) if CJK.search(i18n.unit(unit))] == []
    i18n.set_language("zh")
    assert [unit for unit in sorted(units) if set(WORD.findall(i18n.unit(unit))) - SYMBOLS] == []
    assert i18n.unit("days") == "天" and i18n.unit("%") == "%" and i18n.unit("furlongs") == "furlongs"
