"""Numbers as an auditor types them, read the same way by the GUI's KPI fields and the command line."""

from __future__ import annotations

import math
import re

MAX_DIGITS = 15  # significant digits a stored number (a double) keeps exactly
# What a Chinese input method, a PDF or a spreadsheet puts in a number, read as ASCII: full-width digits, point,
# comma and signs, the Chinese full stop, the typographic minus, and the spaces that group thousands.
_AS_ASCII = str.maketrans({**{chr(0xFF10 + digit): str(digit) for digit in range(10)}, "．": ".", "。": ".",
                           "，": ",", "－": "-", "＋": "+", "\u2212": "-", "\u00a0": " ", "\u202f": " ",
                           "\u2009": " ", "\u3000": " "})
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)", re.ASCII)
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}([, ]\d{3})+(\.\d*)?", re.ASCII)  # one separator throughout
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+", re.ASCII)
STILL_TYPING = re.compile(r"[+-]?[\d, ]*\.?\d*", re.ASCII)


def parse_number(typed: str) -> float | None:
    """The number an auditor typed; None for an empty field. Raises ValueError when it is not a plain number.

    Full-width digits and signs (a Chinese input method's) count as ASCII, and a Chinese full stop (。) as the
    point. Commas or spaces before groups of three digits separate thousands (12,345.6; 1 500); any other single
    comma is a decimal comma (1,5 and 0,500 are 1.5 and 0.5, never 15 or 500). Exponents, other scripts' digits
    and more than 15 significant digits are refused, as are numbers beyond a double's range: what is stored is what
    was typed.
    """
    text = as_ascii(typed)
    if not text:
        return None
    if _THOUSANDS.fullmatch(text) and len(set(re.findall(r"[, ]", text))) == 1:
        text = text.replace(",", "").replace(" ", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text) or significant_digits(text) > MAX_DIGITS:
        raise ValueError(typed)
    value = float(text)
    if not math.isfinite(value):  # 1 followed by 400 zeros: one significant digit, beyond any double
        raise ValueError(typed)
    return value


def not_a_number(typed: str) -> bool:
    """Typing that is there but is no number (yet): "12,", "-", "1e3". An empty field is none of that."""
    try:
        parse_number(typed)
    except ValueError:
        return True
    return False


def as_ascii(typed: str) -> str:
    """``typed`` with full-width digits, points, signs and spaces as their ASCII forms, stripped."""
    return typed.translate(_AS_ASCII).strip()


def significant_digits(text: str) -> int:
    return len(re.sub(r"[^0-9]", "", text).strip("0"))


def typed_digits(text: str) -> int:
    """The digits that make a number typed: all but leading zeros and zeros ending a fraction. "12345678901234500"
    has 17, although only 15 are significant: typing may not reach it by zeros accepted after refused digits."""
    if "." not in text and _DECIMAL_COMMA.fullmatch(text) and not _THOUSANDS.fullmatch(text):
        text = text.replace(",", ".")  # 0,50 as parse_number reads it
    whole, point, fraction = text.partition(".")
    if point:
        fraction = fraction.rstrip("0 ")
    return len(re.sub(r"[^0-9]", "", whole + fraction).lstrip("0"))
