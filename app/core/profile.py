"""The audited factory's profile, with field validation shared by the CLI and the GUI."""

import datetime as dt
import re
from typing import Any, NamedTuple

# GB 32100-2015: 18 characters from this alphabet (no I, O, Z, S, V); the last is a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

TEXT_FIELDS = ("name", "credit_code", "industry", "address", "contacts", "start_date", "end_date", "scope")
LIST_FIELDS = ("auditors", "tags")
MAX_TEXT = 4000


class ProfileError(ValueError):
    """A profile field is invalid; ``field`` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class Profile(NamedTuple):
    name: str
    credit_code: str = ""
    industry: str = ""
    address: str = ""
    contacts: str = ""
    start_date: str = ""
    end_date: str = ""
    scope: str = ""
    auditors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def selected_tags(self) -> frozenset[str]:
        return frozenset(self.tags)

    def with_field(self, name: str, value: Any) -> "Profile":
        return self._replace(**{name: normalise_field(name, value)})

    def as_dict(self) -> dict[str, Any]:
        return {name: list(v) if isinstance(v := getattr(self, name), tuple) else v for name in self._fields}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "Profile":
        known = set(cls._fields)
        clean = {key: normalise_field(key, value) for key, value in values.items() if key in known}
        return cls(**clean)


def normalise_field(name: str, value: Any) -> Any:
    """Check one profile field and return its canonical value; raises :class:`ProfileError`."""
    if name in LIST_FIELDS:
        items = re.split(r"[,，、;；]", value) if isinstance(value, str) else list(value or ())
        cleaned = tuple(dict.fromkeys(str(v).strip() for v in items if str(v).strip()))
        return cleaned
    if name not in TEXT_FIELDS:
        raise ProfileError(name, f"unknown profile field '{name}'")
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_TEXT:
        raise ProfileError(name, f"{name} is longer than {MAX_TEXT} characters")
    if name == "name" and not text:
        raise ProfileError(name, "the factory name is required")
    if name == "credit_code" and text:
        text = normal_credit_code(text)
        problem = credit_code_problem(text)
        if problem:
            raise ProfileError(name, problem)
    if name in ("start_date", "end_date") and text:
        try:
            text = dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ProfileError(name, f"{name} '{text}' is not a date like 2026-11-29") from None
    return text


def normal_credit_code(typed: str) -> str:
    """A credit code as typed or pasted (``9132 0500-MA1X...``, lower case) in its one written form: the spaces
    and hyphens that group it on certificates go, letters are capitals."""
    return "".join(typed.split()).replace("-", "").upper()


def credit_code_problem(code: str) -> str:
    """Why a unified social credit code is invalid, or '' when it is valid (GB 32100-2015)."""
    if len(code) != 18:
        return f"the unified social credit code must have 18 characters, not {len(code)}"
    bad = [c for c in code if c not in CREDIT_CODE_ALPHABET]
    if bad:
        return (f"the unified social credit code contains '{bad[0]}', which is not allowed "
                "(digits and capital letters except I, O, Z, S, V)")
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return f"the unified social credit code's check character is '{code[17]}' but should be '{expected}'"
    return ""


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_dates(profile: Profile) -> None:
    if profile.start_date and profile.end_date and profile.end_date < profile.start_date:
        raise ProfileError("end_date", "the end date is before the start date")
