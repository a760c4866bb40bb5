"""The checklist values: item details in memory or still in a stored model, and what the checklist uses."""

from __future__ import annotations

from app.core import checklist_cache
from app.core.checklist import EMPTY_DETAILS, ItemDetails, Ref, StoredDetails, Text
from app.core.checklist_yaml import load_checklist_text
from tests.helpers import SMALL_CHECKLIST

MIXED = """\
format: sfc/1
id: mixed
version: "1"
level: workshop
title: {zh: 混合, en: Mixed}
scales:
  maturity:
    - {code: L1, label: {zh: 一级, en: Level 1}, score: 0.2}
    - {code: L5, label: {zh: 五级, en: Level 5}, score: 1}
sections:
  - id: A
    title: {zh: 甲, en: A}
    items:
      - {id: A1, title: {zh: 一, en: One}, requirement: {zh: 要求, en: Must}, type: yes_no}
      - {id: A2, title: {zh: 二, en: Two}, requirement: {zh: 要求, en: Must}, scale: maturity}
      - {id: A3, title: {zh: 三, en: Three}, requirement: {zh: 要求, en: Must}, type: text}
      - {id: A4, title: {zh: 四, en: Four}, requirement: {zh: 要求, en: Must}, type: number, target: {min: 1}}
"""


def test_an_items_details_read_the_same_in_memory_and_from_a_stored_model() -> None:
    checklist = load_checklist_text(SMALL_CHECKLIST, "small.yaml")
    stored = checklist_cache.loads(checklist_cache.dumps(checklist))
    assert stored is not None
    for item in checklist.iter_items():
        again = stored.item(item.id)
        assert again is not None and isinstance(again.details, StoredDetails)
        assert isinstance(item.details, ItemDetails)
        assert (again.requirement, again.guidance, again.evidence, again.refs, again.note) == \
            (item.requirement, item.guidance, item.evidence, item.refs, item.note)
        # equal both ways (== and !=, which tuples would otherwise answer themselves), and hashed alike
        assert again == item and item == again
        assert (again != item, item != again) == (False, False)
        assert hash(again) == hash(item)


def test_details_that_differ_are_not_equal() -> None:
    one = ItemDetails(Text("要求", "Must"), refs=(Ref("GB/T 39116", "5.2"),))
    assert one != ItemDetails(Text("要求", "Must"))
    assert one != EMPTY_DETAILS and ItemDetails() == EMPTY_DETAILS
    assert one != ("not", "details")


def test_scales_in_use_are_those_of_scale_and_yes_no_items() -> None:
    """A3, a text item, still carries the default scale "conformity", but is not answered on it."""
    checklist = load_checklist_text(MIXED, "mixed.yaml")
    assert checklist.scales_in_use() == {"yes_no", "maturity"}


def test_numbers_show_in_plain_decimal_notation_as_typed() -> None:
    from app.core.checklist import format_number

    assert format_number(1234567.0) == "1234567"  # never 1.23457e+06
    assert format_number(0.000001) == "0.000001"  # never 1e-06
    assert format_number(-0.0000015) == "-0.0000015"
    assert format_number(1.2e20) == "120000000000000000000"
    assert format_number(0.3 - 0.1) == "0.2"  # fifteen significant digits: no float noise
    assert format_number(85.0) == "85" and format_number(-0.0) == "0"
    assert format_number(2.5, signed=True) == "+2.5" and format_number(-2.5, signed=True) == "-2.5"
    assert format_number(float("inf")) == "inf"


def test_plain_notation_keeps_every_digit_of_any_magnitude() -> None:
    import random
    from decimal import Decimal

    from app.core.checklist import format_number

    generator = random.Random(7)
    for _ in range(5000):
        value = float(f"{generator.uniform(-10, 10) * 10 ** generator.randint(-25, 25):.{generator.randint(1, 15)}g}")
        expected = format(Decimal(f"{value:.15g}"), "f")  # an independent reading of the same digits
        expected = expected.rstrip("0").rstrip(".") if "." in expected else expected
        assert format_number(value) == ("0" if expected == "-0" else expected), value
