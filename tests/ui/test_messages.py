"""The core's refusals said in the interface language, and in English as the CLI prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import i18n
from app.core.audit import AuditError, ItemRef
from app.core.store import AuditFileError, NotAnAuditError, open_database
from app.ui.messages import error_text
from tests.helpers import make_audit


def _refusals(tmp_path: Path) -> list[Exception]:
    found: list[Exception] = []
    audit = make_audit(tmp_path)
    try:
        finding = audit.add_finding(ItemRef("small", "I1"), "minor", "No backup of the MES").changes[0]
        for edit in (lambda: audit.add_action(int(finding.key), "Back up nightly", due="2026-02-30"),
                     lambda: audit.add_evidence_file(ItemRef("small", "I1"), tmp_path / "missing.jpg")):
            with pytest.raises(AuditError) as refused:
                edit()
            found.append(refused.value)
    finally:
        audit.close()
    not_an_audit = tmp_path / "minutes.sfaudit"
    not_an_audit.write_text("Minutes of the opening meeting", encoding="utf-8")
    with pytest.raises(NotAnAuditError) as refused_file:
        open_database(not_an_audit)
    found.append(refused_file.value)
    return found


def test_refusals_read_in_chinese_in_the_chinese_interface_and_in_english_otherwise(tmp_path: Path) -> None:
    refusals = _refusals(tmp_path)
    i18n.set_language("zh")
    chinese = [error_text(error) for error in refusals]
    assert chinese[0] == "期限“2026-02-30”不是形如 2026-12-31 的日期"
    assert chinese[1].startswith(f"无法读取 {tmp_path / 'missing.jpg'}：")
    assert chinese[2] == f"{tmp_path / 'minutes.sfaudit'} 不是审核文件（不是 SQLite 数据库）；文件未作改动"
    i18n.set_language("en")
    assert [error_text(error) for error in refusals] == [str(error) for error in refusals]
    assert str(refusals[0]) == "due date '2026-02-30' is not a date like 2026-12-31"


def test_a_stored_file_sqlite_cannot_read_is_said_in_chinese(tmp_path: Path) -> None:
    from app.core.audit import Audit
    from app.core.store import DamagedAuditError
    from tests.helpers import audit_with_a_broken_photo_chain

    with Audit.open(audit_with_a_broken_photo_chain(tmp_path), check_later=True) as audit:
        [photo] = audit.evidence(ItemRef("small", "I1"))
        with pytest.raises(DamagedAuditError) as refused:
            audit.evidence_data(photo.id)
    i18n.set_language("zh")
    assert f"已损坏：证据 #{photo.id} 无法读取（" in error_text(refused.value)


def test_a_message_without_a_translation_is_said_as_it_is() -> None:
    i18n.set_language("zh")
    assert error_text(AuditFileError("the disk is full")) == "the disk is full"
    assert error_text(ValueError("plain")) == "plain"


def test_an_open_error_leads_with_its_title_in_the_interface_language(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.core.store import DamagedAuditError
    from app.ui.dialogs import show_open_error

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *args: shown.append(text))
    i18n.set_language("zh")
    show_open_error(None, DamagedAuditError("{path} is damaged", tmp_path / "a.sfaudit"))
    assert shown[0].startswith("审核文件已损坏。\n\n")
