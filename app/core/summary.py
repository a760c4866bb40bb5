"""Progress and scores of an audit as plain data: the CLI's ``show --json`` and the dashboard share it."""

from __future__ import annotations

from typing import Any

from app.core.audit import Audit
from app.core.scoring import ChecklistResult, SectionResult, format_percent, score_audit


def _round(score: float | None) -> float | None:
    return None if score is None else round(score, 4)


def _section(result: SectionResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "score": _round(result.score),
        "items_total": result.progress.applicable,
        "items_answered": result.progress.answered,
        "sections": [_section(child) for child in result.sections],
    }


def _checklist(result: ChecklistResult, audit: Audit) -> dict[str, Any]:
    checklist = audit.checklist(result.id)
    return {
        "id": result.id,
        "version": checklist.version,
        "level": result.level,
        "title": {"zh": checklist.title.zh, "en": checklist.title.en},
        "score": _round(result.score),
        "pass": result.pass_threshold,
        "verdict": result.verdict,
        "items_total": result.progress.applicable,
        "items_answered": result.progress.answered,
        "items_na": result.progress.na,
        "failed_critical": list(result.failed_critical),
        "sections": [_section(s) for s in result.sections],
    }


def audit_summary(audit: Audit) -> dict[str, Any]:
    result = score_audit(audit.checklists, audit.answers, audit.profile.selected_tags)
    return {
        "factory": audit.profile.name,
        "tags": list(audit.profile.tags),
        "items_total": result.progress.applicable,
        "items_answered": result.progress.answered,
        "items_na": result.progress.na,
        "score": _round(result.score),
        "verdict": result.verdict,
        "findings": len(audit.findings()),
        "checklists": [_checklist(r, audit) for r in result.checklists],
    }


def _percent(score: float | None) -> str:
    return "   -  " if score is None else f"{format_percent(score):>6}"


def format_summary(summary: dict[str, Any]) -> str:
    lines = [
        f"{summary['factory']}: {summary['items_answered']}/{summary['items_total']} answered "
        f"({summary['items_na']} N/A), score {_percent(summary['score']).strip()}, verdict {summary['verdict']}",
    ]
    for checklist in summary["checklists"]:
        lines.append("")
        lines.append(f"{checklist['id']} [{checklist['level']}] {checklist['items_answered']}/"
                     f"{checklist['items_total']}  {_percent(checklist['score'])}  {checklist['verdict']}")
        lines.extend(_section_lines(checklist["sections"], 1))
        if checklist["failed_critical"]:
            lines.append(f"  critical items below the pass mark: {', '.join(checklist['failed_critical'])}")
    return "\n".join(lines)


def _section_lines(sections: list[dict[str, Any]], depth: int) -> list[str]:
    lines = []
    for section in sections:
        lines.append(f"{'  ' * depth}{section['id']:<12} {section['items_answered']:>4}/{section['items_total']:<4} "
                     f"{_percent(section['score'])}")
        lines.extend(_section_lines(section["sections"], depth + 1))
    return lines
