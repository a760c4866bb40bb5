"""Scores and verdicts: pure functions from a checklist, answers and selected tags.

Item -> section -> checklist -> overall, each a weighted mean over what has a score. Thresholds and weights come
from the checklist YAML; nothing here is specific to one checklist.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from app.core.audit import Answer, ItemRef
from app.core.checklist import Checklist, Item, Section


def format_percent(score: float | None) -> str:
    """A score as every view shows it: one decimal, halves rounded up, no ".0" (82.5%, 100%); "–" for none."""
    if score is None:
        return "–"
    tenths = math.floor(round(score * 1000, 6) + 0.5)  # 59/80 computes as 0.73749999…: it is 73.8%
    return f"{tenths / 10:.1f}".removesuffix(".0") + "%"

PASS = "pass"
FAIL = "fail"
INCOMPLETE = "incomplete"


class Progress(NamedTuple):
    applicable: int = 0
    answered: int = 0
    na: int = 0

    @property
    def complete(self) -> bool:
        return self.answered >= self.applicable


def total_progress(parts: Iterable[Progress]) -> Progress:
    applicable = answered = na = 0
    for part in parts:
        applicable += part.applicable
        answered += part.answered
        na += part.na
    return Progress(applicable, answered, na)


class SectionResult(NamedTuple):
    id: str
    score: float | None
    progress: Progress
    sections: "tuple[SectionResult, ...]"
    weight: float


class ChecklistResult(NamedTuple):
    id: str
    level: str
    score: float | None
    verdict: str
    progress: Progress
    sections: "tuple[SectionResult, ...]"
    failed_critical: tuple[str, ...]
    pass_threshold: float


class AuditResult(NamedTuple):
    score: float | None
    verdict: str
    progress: Progress
    checklists: tuple[ChecklistResult, ...]


def item_score(item: Item, checklist: Checklist, answer: Answer) -> float | None:
    """The score of one answered item, or None when it is not scored (N/A, unanswered, text, number without target)."""
    if answer.is_na:
        return None
    if item.type in ("scale", "yes_no"):
        if answer.choice is None:
            return None
        option = checklist.scale_of(item).option(answer.choice)
        return option.score if option else None
    if item.type == "number" and item.target is not None and answer.value is not None:
        return 1.0 if item.target.met_by(answer.value) else 0.0
    return None


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Weighted mean of (score, weight) pairs; None when there are none."""
    total = sum(weight for _, weight in pairs)
    if not pairs or total <= 0:
        return None
    # rounded off the float noise, so that verdicts and every view agree: (1 + 1 + 0.4) / 3 is 0.8, which passes
    # a pass mark of 80 %, not the 0.7999999999999999 the division gives
    return round(sum(score * weight for score, weight in pairs) / total, 9)


class _ChecklistScorer:
    def __init__(self, checklist: Checklist, answers: Mapping[ItemRef, Answer], tags: frozenset[str]) -> None:
        self.checklist = checklist
        self.tags = tags
        # by item id: each section then looks at its answered items only (a fresh 10,000-item audit has none)
        self.answers = {ref.item_id: answer for ref, answer in answers.items() if ref.checklist_id == checklist.id}
        self.failed_critical: list[str] = []

    def section(self, section: Section) -> SectionResult:
        items: Sequence[Item] = section.items
        if self.tags:
            tags = self.tags
            items = [item for item in items if not item.tags or not tags.isdisjoint(item.tags)]
        answers = self.answers
        pairs: list[tuple[float, float]] = []
        answered = na = 0
        for item in [item for item in items if item.id in answers] if answers else ():
            answer = answers[item.id]
            answered += answer.is_answered(item)
            na += answer.is_na
            score = item_score(item, self.checklist, answer)
            if score is not None:
                pairs.append((score, item.weight))
                if item.critical and score < self.checklist.pass_threshold:
                    self.failed_critical.append(item.id)
        children = tuple(self.section(child) for child in section.sections)
        progress = total_progress([Progress(len(items), answered, na), *(child.progress for child in children)])
        for child in children:
            if child.score is not None:
                pairs.append((child.score, child.weight))
        return SectionResult(section.id, weighted_mean(pairs), progress, children, section.weight)


def score_checklist(checklist: Checklist, answers: Mapping[ItemRef, Answer],
                    tags: frozenset[str] = frozenset()) -> ChecklistResult:
    scorer = _ChecklistScorer(checklist, answers, tags)
    sections = tuple(scorer.section(section) for section in checklist.sections)
    progress = total_progress(s.progress for s in sections)
    score = weighted_mean([(s.score, s.weight) for s in sections if s.score is not None])
    verdict = _verdict(progress, score, checklist.pass_threshold, bool(scorer.failed_critical))
    return ChecklistResult(checklist.id, checklist.level, score, verdict, progress, sections,
                           tuple(scorer.failed_critical), checklist.pass_threshold)


def _verdict(progress: Progress, score: float | None, threshold: float, critical_failed: bool) -> str:
    if not progress.complete:
        return INCOMPLETE
    # Nothing scored (everything N/A or unscored KPIs) cannot show that the level is met.
    if score is None or score < threshold or critical_failed:
        return FAIL
    return PASS


def score_audit(checklists: Sequence[Checklist], answers: Mapping[ItemRef, Answer],
                tags: frozenset[str] = frozenset()) -> AuditResult:
    """Overall: the weighted mean of the checklists (weight 1 each); it passes when every checklist passes."""
    results = tuple(score_checklist(c, answers, tags) for c in checklists)
    progress = total_progress(r.progress for r in results)
    score = weighted_mean([(r.score, 1.0) for r in results if r.score is not None])
    if any(r.verdict == INCOMPLETE for r in results):
        verdict = INCOMPLETE
    elif results and all(r.verdict == PASS for r in results):
        verdict = PASS
    else:
        verdict = FAIL
    return AuditResult(score, verdict, progress, results)
