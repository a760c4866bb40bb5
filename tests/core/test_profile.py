from __future__ import annotations

import pytest

from app.core.profile import Profile, ProfileError, credit_code_check_char, credit_code_problem, normalise_field

VALID_CODES = ["91350100M000100Y43", "91110000600037341L", "91440300708461136T"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_credit_codes_pass(code: str) -> None:
    assert credit_code_problem(code) == ""
    assert credit_code_check_char(code[:17]) == code[17]


def test_wrong_check_character_names_the_right_one() -> None:
    assert "should be '3'" in credit_code_problem("91350100M000100Y44")


@pytest.mark.parametrize(("code", "fragment"), [
    ("91350100M000100Y4", "18 characters"),
    ("91350100M000100YI3", "'I'"),
    ("91350100m000100Y43", "'m'"),
])
def test_malformed_credit_codes(code: str, fragment: str) -> None:
    assert fragment in credit_code_problem(code)


def test_profile_fields_are_normalised_and_checked() -> None:
    assert normalise_field("credit_code", " 91350100m000100y43 ") == "91350100M000100Y43"
    assert normalise_field("credit_code", "9135 0100-M000 100Y43") == "91350100M000100Y43"  # as on a certificate
    assert normalise_field("tags", "discrete, process,discrete") == ("discrete", "process")
    assert normalise_field("start_date", "2026-11-29") == "2026-11-29"
    with pytest.raises(ProfileError, match="required"):
        normalise_field("name", "  ")
    with pytest.raises(ProfileError, match="not a date"):
        normalise_field("end_date", "29.11.2026")
    with pytest.raises(ProfileError) as caught:
        Profile.from_dict({"name": "x", "credit_code": "123"})
    assert caught.value.field == "credit_code"


def test_auditors_may_be_separated_as_chinese_text_separates_them() -> None:
    assert normalise_field("auditors", "刘婧、孙卫东，王芳; Liu Jing") == ("刘婧", "孙卫东", "王芳", "Liu Jing")
