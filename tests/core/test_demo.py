"""The demo audit builds from its description against the shipped checklists, as issue 3 describes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import demo
from app.core.audit import Audit
from app.core.profile import credit_code_problem
from app.core.summary import audit_summary


@pytest.fixture(scope="module")
def demo_audit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_demo_audit(tmp_path_factory.mktemp("demo") / "demo.sfaudit")


def test_demo_is_a_realistic_audit_in_progress(demo_audit: Path) -> None:
    with Audit.open(demo_audit) as audit:
        summary = audit_summary(audit)
        profile = audit.profile
        assert profile.name and profile.industry and profile.auditors and credit_code_problem(profile.credit_code) == ""
        assert sorted(c.level for c in audit.checklists) == ["factory", "scenario", "supply_chain", "workshop"]
        assert summary["verdict"] == "incomplete"
        share = summary["items_answered"] / summary["items_total"]
        assert 0.25 <= share <= 0.45, share
        assert summary["items_na"] >= 5
        answers = audit.answers.values()
        assert sum(a.value is not None and a.baseline is not None for a in answers) >= 5
        assert sum(bool(a.note) for a in answers) >= summary["items_answered"] // 2
        findings = audit.findings()
        assert len(findings) == 2 and all(audit.actions(f.id) for f in findings)
        evidence = audit.evidence()
        assert len(evidence) >= 3 and all(e.media_type == "image/png" and e.size < 200_000 for e in evidence)


def test_checking_the_demo_leaves_typing_a_crash_left_to_the_opening_that_tells_of_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.audit import ItemRef

    monkeypatch.setenv("SFAUDIT_DATA_DIR", str(tmp_path))
    path = demo.ensure_demo_audit()
    with Audit.open(path) as audit:  # closed without the save that a pause in the typing brings
        ref = next(iter(audit.answers))
        audit.save_draft(ref, "note", "typed, then the power went")
    assert demo.ensure_demo_audit() == path
    with Audit.open(path) as audit:
        assert [change.new for change in audit.recovered.changes] == ["typed, then the power went"]
        assert audit.answer(ItemRef(*ref)).note == "typed, then the power went"


def test_ensure_demo_audit_builds_once_and_rebuilds_when_stale(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SFAUDIT_DATA_DIR", str(tmp_path))
    path = demo.ensure_demo_audit()
    assert path == tmp_path / "demo.sfaudit" and path.exists()
    stamp = path.stat().st_mtime_ns
    assert demo.ensure_demo_audit() == path and path.stat().st_mtime_ns == stamp  # current: left alone
    path.write_bytes(b"not an audit")
    assert demo.ensure_demo_audit() == path
    with Audit.open(path) as audit:
        assert audit.profile.name
    assert [p.name for p in tmp_path.iterdir()] == ["demo.sfaudit"]


def test_a_description_naming_an_unknown_item_fails_loudly(tmp_path: Path) -> None:
    text = demo.DEMO_DESCRIPTION.read_text(encoding="utf-8")
    broken = tmp_path / "demo.yaml"
    broken.write_text(text.replace("answers:\n", "answers:\n  - {item: NOPE.1, answer: full}\n", 1), encoding="utf-8")
    with pytest.raises(demo.DemoError, match=r"NOPE\.1"):
        demo.build_demo_audit(tmp_path / "x.sfaudit", broken)
    assert not (tmp_path / "x.sfaudit").exists()
