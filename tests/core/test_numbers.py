"""Numbers as typed: one reading for the GUI's KPI fields, the command line and the recovery of typing."""

from __future__ import annotations

import pytest

from app.core.numbers import parse_number


@pytest.mark.parametrize(("typed", "value"), [
    ("1,5", 1.5),  # a decimal comma, never 15
    ("3,25", 3.25),
    ("12,345.6", 12345.6),  # thousands
    ("1,500", 1500.0),
    ("1,234,567", 1234567.0),
    ("0,500", 0.5),  # a group starting with 0 is never thousands
    ("-0,750", -0.75),
    ("１２。５", 12.5),  # a Chinese input method's full-width digits and full stop
    ("−5", -5.0),  # the minus sign of a PDF or a word processor
    ("1 500", 1500.0),  # thousands grouped by spaces, as some reports print them
    ("1\u00a0500.25", 1500.25),
    ("100000000000000.0", 1e14),  # zeros after the point are no precision
    ("1234567890123460000", 1234567890123460000.0),  # as format_number shows a big stored number
    ("-0.5", -0.5),
    (" 42 ", 42.0),
    ("", None),
])
def test_typed_numbers_are_read_as_meant(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["1e5", "1,23,456", "12,34.5", "1.2.3", "abc", "-", "1234567890123456",
                                   "5²", "①", "٣", "1,500 000",
                                   "1" + "0" * 400])  # look-alikes, other scripts, mixed groups
def test_what_is_not_a_plain_number_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_number(typed)


def test_typing_that_is_no_number_yet_is_told_from_an_empty_field() -> None:
    from app.core.numbers import not_a_number

    assert [not_a_number(typed) for typed in ("12,", "-", "1e3", "", "  ", "12,5", "８５")] == [
        True, True, True, False, False, False, False]
