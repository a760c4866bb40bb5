from __future__ import annotations

import pytest

from app.core.audit import Answer, ItemRef
from app.core.checklist_yaml import load_checklist_text
from app.core.scoring import (
    FAIL,
    INCOMPLETE,
    PASS,
    format_percent,
    item_score,
    score_audit,
    score_checklist,
    weighted_mean,
)
from tests.helpers import SMALL_CHECKLIST

CHECKLIST = load_checklist_text(SMALL_CHECKLIST)


def ref(item_id: str) -> ItemRef:
    return ItemRef("small", item_id)


def all_answered(**overrides: Answer) -> dict[ItemRef, Answer]:
    answers = {
        ref("I1"): Answer(choice="full"), ref("I2"): Answer(choice="yes"), ref("I3"): Answer(value=90),
        ref("I4"): Answer(choice="a"), ref("I5"): Answer(text="ok"), ref("I6"): Answer(choice="full"),
        ref("I7"): Answer(choice="full"),
    }
    answers.update({ref(k): v for k, v in overrides.items()})
    return answers


def test_item_scores_follow_the_rules() -> None:
    item = CHECKLIST.item
    assert item_score(item("I1"), CHECKLIST, Answer(choice="mostly")) == 0.8  # type: ignore[arg-type]
    assert item_score(item("I2"), CHECKLIST, Answer(choice="no")) == 0.0  # type: ignore[arg-type]
    assert item_score(item("I3"), CHECKLIST, Answer(value=80)) == 1.0  # type: ignore[arg-type]
    assert item_score(item("I3"), CHECKLIST, Answer(value=79)) == 0.0  # type: ignore[arg-type]
    assert item_score(item("I4"), CHECKLIST, Answer(choice="b")) == 0.75  # type: ignore[arg-type]
    assert item_score(item("I5"), CHECKLIST, Answer(text="x")) is None  # type: ignore[arg-type]
    assert item_score(item("I1"), CHECKLIST, Answer(choice="full", na_reason="n/a")) is None  # type: ignore[arg-type]
    assert item_score(item("I1"), CHECKLIST, Answer()) is None  # type: ignore[arg-type]


def test_weighted_mean() -> None:
    assert weighted_mean([]) is None
    assert weighted_mean([(1.0, 2), (0.0, 1)]) == pytest.approx(2 / 3)


def test_section_and_checklist_scores_are_weighted_means() -> None:
    answers = all_answered(I1=Answer(choice="partly"), I4=Answer(choice="c"))
    result = score_checklist(CHECKLIST, answers)
    s1, s2 = result.sections
    # S1: I1 0.5 (w1), I2 1, I3 1 -> 2.5/3 ; S2.1: I4 0.5, I6 1, I7 1 (I5 text unscored) -> 2.5/3
    assert s1.score == pytest.approx(2.5 / 3)
    assert s2.sections[0].score == pytest.approx(2.5 / 3) and s2.score == s2.sections[0].score
    assert result.score == pytest.approx((2 * 2.5 / 3 + 2.5 / 3) / 3)  # S1 weight 2, S2 weight 1
    assert result.verdict == FAIL  # 0.83 >= 0.8 but critical I1 scores 0.5
    assert result.failed_critical == ("I1",)


def test_verdicts() -> None:
    assert score_checklist(CHECKLIST, all_answered()).verdict == PASS
    missing = all_answered()
    del missing[ref("I5")]
    assert score_checklist(CHECKLIST, missing).verdict == INCOMPLETE
    low = all_answered(I4=Answer(choice="d"), I6=Answer(choice="none"), I7=Answer(choice="none"))
    assert score_checklist(CHECKLIST, low).verdict == FAIL


def test_na_and_out_of_scope_items_are_not_scored() -> None:
    answers = all_answered(I6=Answer(na_reason="离散企业"), I7=Answer(choice="none"))
    result = score_checklist(CHECKLIST, answers, frozenset({"process"}))
    assert result.progress.applicable == 6 and result.progress.na == 1  # I7 (discrete) out of scope
    assert result.sections[1].score == 1.0  # only I4 left scored in S2.1
    del answers[ref("I7")]
    assert score_checklist(CHECKLIST, answers, frozenset({"process"})).verdict == PASS


def test_nothing_scored_has_no_score() -> None:
    answers = {ref(i): Answer(na_reason="不适用") for i in ("I1", "I2", "I3", "I4", "I5", "I6", "I7")}
    result = score_checklist(CHECKLIST, answers)
    assert result.score is None and result.verdict == FAIL


def test_overall_passes_only_when_every_checklist_passes() -> None:
    other = load_checklist_text(SMALL_CHECKLIST.replace("id: small", "id: other"))
    answers = all_answered()
    answers.update({ItemRef("other", r.item_id): a for r, a in all_answered(I4=Answer(choice="d"),
                                                                               I6=Answer(choice="none")).items()})
    result = score_audit([CHECKLIST, other], answers)
    assert [r.verdict for r in result.checklists] == [PASS, FAIL]
    assert result.verdict == FAIL
    assert result.score == pytest.approx(sum(r.score or 0 for r in result.checklists) / 2)


def test_a_mean_of_exactly_the_pass_mark_passes_whatever_the_float_noise() -> None:
    assert weighted_mean([(1.0, 1.0), (1.0, 1.0), (0.4, 1.0)]) == 0.8  # the division gives 0.7999999999999999
    assert weighted_mean([(0.1, 1.0), (0.2, 1.0)]) == 0.15


def test_scores_read_alike_everywhere_one_decimal_halves_up() -> None:
    assert format_percent(0.825) == "82.5%"
    assert format_percent(0.8125) == "81.3%"  # half up (exactly half in binary), not to even
    assert format_percent((0 + 0 + 0.35 + 0.1) / 4) == "11.3%"  # computes as 0.11249999…: a half all the same
    assert format_percent(1.0) == "100%"
    assert format_percent(0.8) == "80%"
    assert format_percent(0.0) == "0%"
    assert format_percent(None) == "–"
