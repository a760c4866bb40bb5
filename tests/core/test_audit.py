from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.core.audit import Audit, AuditError, ItemRef, draft_field_name
from app.core.checklist import Checklist
from app.core.checklist_yaml import load_checklist_file
from app.core.profile import Profile, ProfileError
from app.core.store import SCHEMA_VERSION
from tests.helpers import SMALL_CHECKLIST, audit_with_a_broken_photo_chain, make_audit, write_checklist

I1, I2, I3, I4, I5 = (ItemRef("small", f"I{n}") for n in range(1, 6))


def test_create_embeds_checklist_text_and_hash(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        assert audit.checklist_ids == ["small"]
        assert audit.checklists[0].sha256 == hashlib.sha256(SMALL_CHECKLIST.encode()).hexdigest()
    (tmp_path / "small.yaml").unlink()  # the audit needs no file beside it
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.checklist("small").item("I1") is not None
        assert audit.profile.name == "测试工厂"


def test_create_refuses_to_overwrite_and_leaves_no_file_on_error(tmp_path: Path) -> None:
    make_audit(tmp_path).close()
    with pytest.raises(Exception, match="already exists"):
        make_audit(tmp_path)
    loaded = load_checklist_file(write_checklist(tmp_path))
    with pytest.raises(AuditError, match="given twice"):
        Audit.create(tmp_path / "b.sfaudit", [loaded, loaded], Profile(name="x"))
    assert not (tmp_path / "b.sfaudit").exists()


def test_every_answer_type_round_trips(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_choice(I1, "mostly")
        audit.set_choice(I2, "yes")
        audit.set_value(I3, 85.5)
        audit.set_baseline(I3, 40)
        audit.set_choice(I4, "b")
        audit.set_text(I5, "排产由APS完成")
        audit.set_note(I1, "现场抽查3台设备")
        audit.set_na(ItemRef("small", "I6"), "离散制造，无过程控制")
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.answer(I1).choice == "mostly" and audit.answer(I1).note == "现场抽查3台设备"
        assert audit.answer(I2).choice == "yes"
        assert (audit.answer(I3).value, audit.answer(I3).baseline) == (85.5, 40)
        assert audit.answer(I4).choice == "b"
        assert audit.answer(I5).text == "排产由APS完成"
        assert audit.answer(ItemRef("small", "I6")).na_reason == "离散制造，无过程控制"


def test_edits_refuse_what_does_not_fit_the_item(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        with pytest.raises(AuditError, match="allowed: full, mostly, partly, none"):
            audit.set_choice(I1, "maybe")
        with pytest.raises(AuditError, match="allowed: a, b, c, d"):
            audit.set_choice(I4, "full")
        with pytest.raises(AuditError, match="number item"):
            audit.set_choice(I3, "full")
        with pytest.raises(AuditError, match="written reason"):
            audit.set_na(I1, "   ")
        with pytest.raises(AuditError, match="finite"):
            audit.set_value(I3, float("nan"))
        with pytest.raises(AuditError, match="does not take a baseline"):
            audit.set_baseline(I2, 1)
        audit.set_value(I3, 1)
        with pytest.raises(AuditError, match="no item 'I99'"):
            audit.resolve("I99")
        assert audit.change_log(limit=1)[0].field == "value"  # only the valid edit was written


def test_na_and_choice_replace_each_other(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_na(I1, "不适用")
        assert audit.answer(I1).is_na
        edit = audit.set_choice(I1, "full")
        assert not audit.answer(I1).is_na and audit.answer(I1).choice == "full"
        audit.apply(edit.inverse())
        assert audit.answer(I1).na_reason == "不适用" and audit.answer(I1).choice is None


def test_a_text_or_value_ends_na_and_an_emptied_one_does_not(tmp_path: Path) -> None:
    """Typing an answer answers the item; emptying a field kept under the N/A answers nothing."""
    i3, i5 = ItemRef("small", "I3"), ItemRef("small", "I5")
    with make_audit(tmp_path) as audit:
        for ref, answer, field in ((i5, "按图抽查", "text"), (i3, 85.0, "value")):
            setter = audit.set_text if field == "text" else audit.set_value
            setter(ref, answer)  # type: ignore[operator]
            audit.set_na(ref, "无此工序")
            setter(ref, None)  # type: ignore[operator]
            assert audit.answer(ref).na_reason == "无此工序" and getattr(audit.answer(ref), field) is None
            setter(ref, answer)  # type: ignore[operator]
            assert not audit.answer(ref).is_na


def test_undo_and_redo_through_previous_values(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        first = audit.set_choice(I1, "partly")
        second = audit.set_choice(I1, "full")
        assert first.changes[0].old is None and second.changes[0].old == "partly"
        audit.apply(second.inverse())
        assert audit.answer(I1).choice == "partly"
        audit.apply(first.inverse())
        assert audit.answer(I1).choice is None
        audit.apply(first)
        audit.apply(second)
        assert audit.answer(I1).choice == "full"
        assert not audit.set_choice(I1, "full")  # no change, nothing to undo


def test_evidence_findings_and_actions_with_undo(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 fake jpeg")
    with make_audit(tmp_path) as audit:
        added = audit.add_evidence_file(I1, photo, "设备铭牌")
        evidence = audit.evidence(I1)[0]
        assert evidence.id == added.created_id and evidence.media_type == "image/jpeg"
        assert evidence.sha256 == hashlib.sha256(b"\xff\xd8 fake jpeg").hexdigest()
        assert audit.evidence_data(evidence.id) == b"\xff\xd8 fake jpeg"
        audit.set_evidence_caption(evidence.id, "新标题")
        removed = audit.remove_evidence(evidence.id)
        assert audit.evidence(I1) == []
        audit.apply(removed.inverse())
        assert audit.evidence(I1)[0].caption == "新标题"

        finding = audit.add_finding(I1, "major", "3台关键设备未联网")
        assert finding.created_id is not None
        action = audit.add_action(finding.created_id, "完成联网改造", "张工", "2027-01-31")
        assert action.created_id is not None
        audit.set_action(action.created_id, "status", "done")
        empty = tmp_path / "IMG_0001.jpg"
        empty.write_bytes(b"")  # a copy that failed
        with pytest.raises(AuditError, match=r"IMG_0001.jpg is empty \(0 bytes\)"):
            audit.add_evidence_file(I1, empty)
        assert [e.caption for e in audit.evidence(I1)] == ["新标题"]
        with pytest.raises(AuditError, match="severity 'fatal'"):
            audit.add_finding(I1, "fatal", "x")
        with pytest.raises(AuditError, match="due date"):
            audit.set_action(action.created_id, "due", "next week")
        assert audit.record_ref("action", action.created_id) == I1
        audit.apply(finding.inverse())
        assert audit.findings() == []
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert [e.caption for e in audit.evidence()] == ["新标题"]
        assert audit.findings() == [] and audit.actions()[0].status == "done"


def test_change_log_records_who_when_what(tmp_path: Path) -> None:
    with Audit.create(tmp_path / "a.sfaudit", [load_checklist_file(write_checklist(tmp_path))],
                      Profile(name="x"), author="李审核") as audit:
        audit.set_choice(I1, "full")
        audit.set_choice(I1, "none")
        latest = audit.change_log()[0]
        assert (latest.author, latest.entity, latest.key, latest.field, latest.old, latest.new) == (
            "李审核", "answer", "small:I1", "choice", "full", "none")
        assert latest.at.endswith("+00:00")


def test_profile_edits_are_validated(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_profile("credit_code", "91350100M000100Y43")
        audit.set_profile("tags", ["process"])
        with pytest.raises(AuditError, match="check character"):
            audit.set_profile("credit_code", "91350100M000100Y44")
        audit.set_profile("start_date", "2026-12-01")
        with pytest.raises(AuditError, match="before the start date"):
            audit.set_profile("end_date", "2026-11-01")
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.profile.credit_code == "91350100M000100Y43" and audit.profile.tags == ("process",)
    with pytest.raises(ProfileError):
        Profile.from_dict({"name": ""})


def test_item_ids_shared_by_two_checklists_must_be_qualified(tmp_path: Path) -> None:
    other = write_checklist(tmp_path, SMALL_CHECKLIST.replace("id: small", "id: other"), "other.yaml")
    loaded = [load_checklist_file(write_checklist(tmp_path)), load_checklist_file(other)]
    with Audit.create(tmp_path / "two.sfaudit", loaded, Profile(name="x")) as audit:
        with pytest.raises(AuditError, match=r"ambiguous.*small, other.*small:I1"):
            audit.resolve("I1")
        assert audit.resolve("other:I1") == ItemRef("other", "I1")


def test_tags_select_applicable_items(tmp_path: Path) -> None:
    with make_audit(tmp_path, tags=("discrete",)) as audit:
        assert audit.applies(I1)  # untagged items always apply
        assert audit.applies(ItemRef("small", "I7"))
        assert not audit.applies(ItemRef("small", "I6"))


def test_a_failed_write_is_reported_and_changes_nothing(tmp_path: Path) -> None:
    from app.core.store import AuditFileError

    with make_audit(tmp_path) as audit:
        audit.set_choice(I1, "full")
        audit._conn.execute("CREATE TRIGGER refuse BEFORE UPDATE ON answer BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        with pytest.raises(AuditFileError, match=r"could not be saved \(disk full\); nothing was changed"):
            audit.set_choice(I1, "none")
        assert audit.answer(I1).choice == "full"
        assert audit.change_log()[0].new == "full"


def test_a_damaged_checklist_model_falls_back_to_the_embedded_yaml(tmp_path: Path) -> None:
    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("UPDATE checklist_model SET model = '{\"cache\": 1, \"head\": []}'")
    conn.commit()
    conn.close()
    with Audit.open(path) as audit:
        assert audit.checklist("small").item("I1") is not None
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM checklist_model")
    conn.execute("UPDATE checklist SET yaml = replace(yaml, 'Key machines', 'Altered')")
    conn.commit()
    conn.close()
    from app.core.store import DamagedAuditError

    with pytest.raises(DamagedAuditError, match="does not match its recorded hash"):
        Audit.open(path)


def test_an_audit_made_before_a_newer_checklist_rule_still_opens(tmp_path: Path) -> None:
    """Its checklist was valid then (item tags, no 'tags' list: allowed before); read again from its YAML, as after a
    cache format change, it is not refused now."""
    import hashlib
    import sqlite3

    from tests.helpers import SMALL_CHECKLIST

    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    start, end = SMALL_CHECKLIST.index("tags:\n"), SMALL_CHECKLIST.index("sections:")
    older = SMALL_CHECKLIST[:start] + SMALL_CHECKLIST[end:]
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM checklist_detail")
    conn.execute("DELETE FROM checklist_model")
    conn.execute("UPDATE checklist SET yaml = ?, sha256 = ?", (older, hashlib.sha256(older.encode()).hexdigest()))
    conn.commit()
    conn.close()
    with Audit.open(path) as audit:
        assert audit.checklist("small").item("I6").tags == ("process",)


def test_a_version_1_file_gets_its_models_table_and_keeps_every_answer(tmp_path: Path) -> None:
    import sqlite3

    from app.core.checklist import StoredDetails

    with make_audit(tmp_path) as audit:
        audit.set_choice(ItemRef("small", "I1"), "full")
    path = tmp_path / "audit.sfaudit"
    conn = sqlite3.connect(path)  # as the first release wrote it: the model in the checklist row
    conn.execute("UPDATE checklist SET model = '{\"cache\": 2}'")
    conn.execute("DROP TABLE checklist_model")
    conn.execute("DROP INDEX evidence_listing")
    conn.execute("DROP TABLE draft")
    conn.execute("DROP TABLE checklist_detail")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with Audit.open(path) as audit:
        assert audit.answer(ItemRef("small", "I1")).choice == "full"
        assert audit.checklist("small").item("I7") is not None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'evidence_listing'").fetchone() is not None
    assert conn.execute("SELECT model FROM checklist").fetchall() == [(None,)]
    conn.close()
    with Audit.open(path) as audit:  # the model written anew, and read at this opening
        item = audit.checklist("small").item("I7")
        assert item is not None and isinstance(item.details, StoredDetails)


def test_a_version_1_file_refused_on_opening_is_not_migrated(tmp_path: Path) -> None:
    import sqlite3

    from app.core.store import DamagedAuditError

    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE checklist_model")
    conn.execute("DROP TABLE checklist_detail")
    conn.execute("DROP INDEX evidence_listing")
    conn.execute("UPDATE checklist SET yaml = replace(yaml, 'Key machines', 'Altered')")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DamagedAuditError, match="does not match its recorded hash"):
        Audit.open(path)
    assert path.read_bytes() == before


def test_several_profile_fields_change_as_one_checked_edit(tmp_path: Path) -> None:
    audit = make_audit(tmp_path)
    try:
        audit.update_profile({"start_date": "2026-11-20", "end_date": "2026-11-22"})
        edit = audit.update_profile({"start_date": "2026-12-01", "end_date": "2026-12-03", "tags": "discrete",
                                     "name": "恒岳重工"})  # both dates past the old end: valid together
        assert {change.field for change in edit.changes} == {"start_date", "end_date", "tags", "name"}
        assert audit.profile.tags == ("discrete",) and audit.profile.end_date == "2026-12-03"
        with pytest.raises(AuditError, match="end date is before"):
            audit.update_profile({"end_date": "2026-11-30"})
        with pytest.raises(AuditError, match="no field"):
            audit.update_profile({"colour": "red"})
        assert audit.profile.end_date == "2026-12-03"  # a refused change changes nothing
        audit.apply(edit.inverse())  # one undo step takes all four back
        assert audit.profile.start_date == "2026-11-20" and audit.profile.tags == ()
    finally:
        audit.close()


def test_several_answer_fields_are_one_edit_checked_before_any_is_written(tmp_path: Path) -> None:
    from app.core.audit import AuditError

    kpi = ItemRef("small", "I3")
    with make_audit(tmp_path) as audit:
        edit = audit.record(kpi, value=85.0, baseline=40.0, note="抽查")
        assert {(c.field, c.new) for c in edit.changes} == {("value", 85.0), ("baseline", 40.0), ("note", "抽查")}
        logged = len(audit.change_log())
        audit.apply(edit.inverse())  # one undo step takes all three back
        assert audit.answer(kpi).value is None and audit.answer(kpi).note is None
        for refused in ({"value": 90.0, "text": "x"}, {"note": "ok", "baseline": float("inf")},
                        {"value": 90.0, "na_reason": "无此工序"}, {"note": "ok", "na_reason": " "}):
            with pytest.raises(AuditError):
                audit.record(kpi, **refused)
        assert audit.answer(kpi) == audit.answer(ItemRef("small", "I3"))._replace(value=None, note=None)
        assert audit.answer(kpi).na_reason is None and len(audit.change_log()) == logged + 3  # the undo only
        assert audit.record(kpi, na_reason="无此工序", note="已确认").changes  # N/A with a note: no conflict


# -- drafts: typing kept at every keystroke until its edit is saved ----------------------------------------------------

NOTE = ItemRef("small", "I1")
REMARKS = ItemRef("small", "I5")  # a text item


def test_a_saved_edit_takes_its_draft_along(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_note(NOTE, "见设备台账")
        log_length = len(audit.change_log())
        audit.save_draft(NOTE, "note", "见设备台账第3页")
        assert len(audit.change_log()) == log_length  # a draft is no edit: nothing to undo, nothing logged
        assert audit.answer(NOTE).note == "见设备台账"
        [draft] = audit.drafts()
        assert (draft.ref, draft.field, draft.text) == (NOTE, "note", "见设备台账第3页")
        audit.set_note(NOTE, "见设备台账第3页")  # the save when typing pauses: the draft has done its job
        assert audit.drafts() == []
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert not audit.recovered and audit.drafts() == []
        assert audit.answer(NOTE).note == "见设备台账第3页"


def test_typing_back_to_the_saved_text_leaves_no_draft(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_text(REMARKS, "ok")
        audit.save_draft(REMARKS, "text", "okay")
        audit.save_draft(REMARKS, "text", "ok")
        assert audit.drafts() == []
        audit.save_draft(NOTE, "note", "x")
        audit.set_note(NOTE, None)  # typed and deleted again: the save finds nothing changed
        assert audit.drafts() == []
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert not audit.recovered


def test_opening_saves_the_drafts_a_crash_left_as_one_logged_edit_that_undo_takes_back(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:  # closed without the saves that typing pauses bring: as a crash leaves it
        audit.set_note(NOTE, "old")
        audit.save_draft(NOTE, "note", "old and new")
        audit.save_draft(REMARKS, "text", "产线已联网")
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        edit = audit.recovered
        assert {(c.key, c.field, c.old, c.new) for c in edit.changes} == {
            ("small:I1", "note", "old", "old and new"), ("small:I5", "text", None, "产线已联网")}
        assert audit.answer(NOTE).note == "old and new"
        assert sorted(entry.field for entry in audit.change_log(limit=2)) == ["note", "text"]
        assert audit.drafts() == []
        audit.apply(edit.inverse())
        assert audit.answer(NOTE).note == "old" and audit.answer(REMARKS).text is None
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert not audit.recovered and audit.answer(NOTE).note == "old"


def test_recovered_typing_is_credited_to_whoever_typed_it_not_to_whoever_opens(tmp_path: Path) -> None:
    path = tmp_path / "audit.sfaudit"
    make_audit(tmp_path).close()
    with Audit.open(path, "王工") as audit:  # a crash leaves the typing
        audit.save_draft(REMARKS, "text", "产线已联网")
    with Audit.open(path, "李工") as audit:  # another auditor, or a script, opens it next
        assert [(entry.author, entry.field) for entry in audit.change_log(limit=1)] == [("王工", "text")]
        audit.set_note(NOTE, "李工's own edit")
        assert audit.change_log(limit=1)[0].author == "李工"


def test_typing_left_by_a_version_4_file_is_credited_to_the_opener(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "audit.sfaudit"
    with make_audit(tmp_path) as audit:
        audit.save_draft(REMARKS, "text", "typed before the update")
    conn = sqlite3.connect(path)  # as the previous version wrote it: its drafts do not say who typed them
    conn.execute("ALTER TABLE draft DROP COLUMN author")
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    with Audit.open(path, "李工") as audit:
        assert audit.answer(REMARKS).text == "typed before the update"
        assert audit.change_log(limit=1)[0].author == "李工"
        audit.save_draft(NOTE, "note", "typed after it")
    with Audit.open(path, "王工") as audit:
        assert audit.change_log(limit=1)[0].author == "李工"


def test_a_recovered_text_answer_ends_n_a_as_typing_it_does(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_na(REMARKS, "没有该工序")
        audit.save_draft(REMARKS, "text", "其实有")
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.answer(REMARKS).text == "其实有" and not audit.answer(REMARKS).is_na


def test_typing_that_cannot_be_recovered_for_a_full_disk_stops_the_opening_and_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from app.core.store import AuditFileError

    with make_audit(tmp_path) as audit:
        audit.set_note(NOTE, "old")
        audit.save_draft(NOTE, "note", "old and new")
    path = tmp_path / "audit.sfaudit"

    def disk_full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(Audit, "_write", disk_full)
        with pytest.raises(AuditFileError, match="typed before the program last stopped could not be saved "
                                                 r"\(database or disk is full\); nothing was changed"):
            Audit.open(path)
    with Audit.open(path) as audit:  # room again: the typing was kept for this opening
        assert audit.answer(NOTE).note == "old and new" and audit.recovered


def test_a_draft_that_changes_nothing_is_dropped_at_opening(tmp_path: Path) -> None:
    import sqlite3

    with make_audit(tmp_path) as audit:
        audit.set_note(NOTE, "ok")
    conn = sqlite3.connect(tmp_path / "audit.sfaudit")  # typed back to the saved text just as the crash came
    conn.execute("INSERT INTO draft VALUES ('small', 'I1', 'note', 'ok', '2026-11-29T08:00:00+00:00', '王工')")
    conn.commit()
    conn.close()
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert not audit.recovered and audit.drafts() == []


def test_no_draft_is_saved_into_a_file_found_damaged(tmp_path: Path) -> None:
    import sqlite3

    from app.core.store import DamagedAuditError

    path = audit_with_a_broken_photo_chain(tmp_path)
    with Audit.open(path, check_later=True) as audit, pytest.raises(DamagedAuditError):
        audit.save_draft(NOTE, "note", "x")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO draft VALUES ('small', 'I1', 'note', 'typed', '2026-11-29T08:00:00+00:00', '王工')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DamagedAuditError):
        Audit.open(path, check_later=True)  # a draft to recover: the check is waited for, and the file left alone
    assert path.read_bytes() == before


KPI = ItemRef("small", "I3")  # a KPI in % with a baseline


def test_a_typed_kpi_number_is_recovered_as_the_number_it_reads(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:  # typed, not confirmed with Enter, when the crash came
        audit.set_na(KPI, "未统计")
        audit.save_draft(KPI, "value", "８５，５")  # as an input method types 85,5
        audit.save_draft(KPI, "baseline", "1 500")
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        answer = audit.answer(KPI)
        assert (answer.value, answer.baseline, answer.is_na) == (85.5, 1500.0, False)  # a value ends N/A, as set_value
        assert {change.field for change in audit.recovered.changes} == {"value", "baseline", "na_reason"}


def test_a_number_still_being_typed_is_not_saved_at_opening(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_value(KPI, 80)
        audit.save_draft(KPI, "value", "12,")  # on the way to 12,5: no number yet
        audit.save_draft(KPI, "baseline", "1" + "0" * 400)  # beyond a double: set_baseline would refuse it too
        assert len(audit.drafts()) == 2
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert not audit.recovered and audit.drafts() == []
        assert (audit.answer(KPI).value, audit.answer(KPI).baseline) == (80, None)


def test_typing_back_to_the_saved_number_leaves_no_draft(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        audit.set_value(KPI, 80)
        audit.save_draft(KPI, "value", "8")
        audit.save_draft(KPI, "value", "80.0")  # the same number, written otherwise
        assert audit.drafts() == []
        audit.save_draft(KPI, "baseline", "4")
        audit.set_baseline(KPI, 4)  # confirmed with Enter: the draft has done its job
        assert audit.drafts() == []


def test_drafts_are_kept_only_for_text_typed_into_an_item(tmp_path: Path) -> None:
    with make_audit(tmp_path) as audit:
        with pytest.raises(AuditError, match="keeps no draft of its text"):
            audit.save_draft(NOTE, "text", "I1 is a yes/no item")
        with pytest.raises(AuditError, match="keeps no draft of its choice"):
            audit.save_draft(NOTE, "choice", "yes")
        with pytest.raises(AuditError, match="keeps no draft of its value"):
            audit.save_draft(NOTE, "value", "1")
        with pytest.raises(AuditError, match="no item"):
            audit.save_draft(ItemRef("small", "nope"), "note", "x")
        with pytest.raises(AuditError, match="longer than"):
            audit.save_draft(NOTE, "note", "x" * 100_001)
        assert audit.drafts() == []


def test_a_version_2_file_gets_its_draft_table(tmp_path: Path) -> None:
    import sqlite3

    with make_audit(tmp_path) as audit:
        audit.set_note(NOTE, "kept")
    path = tmp_path / "audit.sfaudit"
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE draft")
    conn.execute("DROP TABLE checklist_detail")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    with Audit.open(path) as audit:
        assert audit.drafts() == []
        audit.save_draft(NOTE, "note", "kept, and more")
    with Audit.open(path) as audit:
        assert audit.answer(NOTE).note == "kept, and more"


# -- the stored model's details: read when needed, from rows of their own ----------------------------------------------

def _large_audit(tmp_path: Path) -> tuple[Path, Checklist]:
    """An audit of 400 generated items, whose details fill two chunk rows and part of a third."""
    from bench.generate import generate_checklist

    yaml_path = tmp_path / "large.yaml"
    yaml_path.write_text(generate_checklist(400), encoding="utf-8")
    loaded = load_checklist_file(yaml_path)
    Audit.create(tmp_path / "large.sfaudit", [loaded], Profile(name="x")).close()
    return tmp_path / "large.sfaudit", loaded.checklist


def _details(checklist: Checklist) -> list[tuple[object, ...]]:
    return [(i.requirement, i.guidance, i.evidence, i.refs, i.note) for i in checklist.iter_items()]


def test_opening_reads_no_details_until_an_item_shows_them_then_only_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core import audit as audit_module

    path, source = _large_audit(tmp_path)
    reads: list[tuple[int, int]] = []
    rows = audit_module._DetailRows._rows
    monkeypatch.setattr(audit_module._DetailRows, "_rows",
                        lambda self, first, last: (reads.append((first, last)), rows(self, first, last))[1])
    with Audit.open(path) as audit:
        checklist = audit.checklists[0]
        assert reads == []
        first_item = next(checklist.iter_items())
        assert first_item.requirement == next(source.iter_items()).requirement
        assert reads == [(0, 0)]  # its chunk alone
        for item, expected in zip(checklist.iter_items(), source.iter_items(), strict=True):  # one by one
            assert (item.requirement, item.evidence, item.refs) == (expected.requirement, expected.evidence,
                                                                     expected.refs)
        assert {last - first for first, last in reads} == {0, 1}  # one chunk, or the two an entry straddles


def test_details_still_stored_are_kept_when_the_audit_closes(tmp_path: Path) -> None:
    path, source = _large_audit(tmp_path)
    with Audit.open(path) as audit:
        checklist = audit.checklists[0]
    assert _details(checklist) == _details(source)  # read after the file was closed


def _flip_a_letter_in_the_details(path: Path) -> None:
    """One changed letter in the stored details: still valid JSON, wrong text, and a failed CRC."""
    import sqlite3

    conn = sqlite3.connect(path)
    data = conn.execute("SELECT data FROM checklist_detail WHERE chunk = 0").fetchone()[0]
    conn.execute("UPDATE checklist_detail SET data = ? WHERE chunk = 0", (data.replace(b"MES", b"MXS", 1),))
    conn.commit()
    conn.close()


def test_damaged_stored_details_are_made_anew_from_the_embedded_checklist_and_stored_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core import audit as audit_module

    path, source = _large_audit(tmp_path)
    _flip_a_letter_in_the_details(path)
    with Audit.open(path) as audit:
        checklist = audit.checklists[0]
        first = next(checklist.iter_items())
        assert "MXS" in first.requirement.zh  # read alone, an entry is not checked
        checklist.load_details()  # all at once it is: made anew, and what was read before read again
        assert _details(checklist) == _details(source)
    made_anew: list[str] = []
    rebuilt = audit_module._DetailRows.rebuilt
    monkeypatch.setattr(audit_module._DetailRows, "rebuilt", lambda self: (made_anew.append("x"), rebuilt(self))[1])
    with Audit.open(path) as audit:  # repaired in the file: not made anew again
        audit.checklists[0].load_details()
        assert _details(audit.checklists[0]) == _details(source) and made_anew == []


def test_damaged_details_are_not_made_anew_from_an_altered_checklist(tmp_path: Path) -> None:
    import sqlite3

    path, _source = _large_audit(tmp_path)
    _flip_a_letter_in_the_details(path)
    conn = sqlite3.connect(path)  # and the embedded YAML altered too, keeping its length
    conn.execute("UPDATE checklist SET yaml = replace(yaml, 'spindle speed', 'spindle SPEED')")
    conn.commit()
    stored = conn.execute("SELECT data FROM checklist_detail ORDER BY chunk").fetchall()
    conn.close()
    with Audit.open(path) as audit:
        checklist = audit.checklists[0]
        first = next(checklist.iter_items())
        assert "MXS" in first.requirement.zh  # read alone: not checked yet
        checklist.load_details()  # checked: damaged, and nothing trustworthy to make them anew from
        assert all(item.requirement.en.startswith("(The stored text of this item is damaged")
                   for item in checklist.iter_items())  # the one read before too
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT data FROM checklist_detail ORDER BY chunk").fetchall() == stored  # left as it was
    conn.close()


def test_closing_an_audit_with_damaged_details_does_not_make_them_anew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core import audit as audit_module

    path, _source = _large_audit(tmp_path)
    _flip_a_letter_in_the_details(path)
    monkeypatch.setattr(audit_module._DetailRows, "rebuilt", lambda self: pytest.fail("made anew at closing"))
    Audit.open(path).close()  # perhaps closed for that very damage: seconds of YAML parsing would only delay it


def test_stored_details_that_are_no_bytes_read_as_damaged_and_the_audit_still_closes(tmp_path: Path) -> None:
    import sqlite3

    path, _source = _large_audit(tmp_path)
    conn = sqlite3.connect(path)
    data = conn.execute("SELECT data FROM checklist_detail WHERE chunk = 0").fetchone()[0]
    conn.execute("UPDATE checklist_detail SET data = ? WHERE chunk = 0", (data.decode("latin-1"),))  # text, as long
    conn.commit()
    conn.close()
    audit = Audit.open(path)
    first = next(audit.checklists[0].iter_items())
    assert first.requirement.en.startswith("(The stored text of this item is damaged")
    audit.close()
    Audit.open(path).close()  # the lock went with the first


def test_a_closed_audit_is_freed_without_the_cyclic_collector(tmp_path: Path) -> None:
    import gc
    import weakref

    path, _source = _large_audit(tmp_path)
    enabled = gc.isenabled()
    gc.disable()
    try:
        audit = Audit.open(path)
        alive = weakref.ref(audit)
        audit.close()
        del audit
        assert alive() is None  # its checklists' details hold it weakly
    finally:
        if enabled:
            gc.enable()


def test_missing_detail_rows_make_the_model_written_anew(tmp_path: Path) -> None:
    import sqlite3

    from app.core.checklist import StoredDetails

    path, source = _large_audit(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM checklist_detail WHERE chunk = 2")
    conn.commit()
    conn.close()
    with Audit.open(path) as audit:  # from the YAML, and the model stored again
        assert _details(audit.checklists[0]) == _details(source)
    with Audit.open(path) as audit:
        checklist = audit.checklists[0]
        assert all(isinstance(item.details, StoredDetails) for item in checklist.iter_items())
        assert _details(checklist) == _details(source)


def test_a_stored_file_that_no_longer_matches_its_hash_is_refused(tmp_path: Path) -> None:
    import sqlite3

    from app.core.store import DamagedAuditError

    with make_audit(tmp_path) as audit:
        evidence = audit.add_evidence(ItemRef("small", "I1"), "gauge.jpg", b"\xff\xd8" + b"\x10" * 5000)
        evidence_id = audit.evidence(ItemRef("small", "I1"))[0].id
    conn = sqlite3.connect(tmp_path / "audit.sfaudit")
    with conn:  # four bytes changed inside the photo, as a bad sector or a careless tool would
        conn.execute("UPDATE evidence SET data = ? WHERE id = ?", (b"\xff\xd8" + b"\x10" * 2000 + b"\xde\xad\xbe\xef"
                                                                     + b"\x10" * 2996, evidence_id))
    conn.close()
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        with pytest.raises(DamagedAuditError, match=r"stored copy of gauge\.jpg is damaged") as refused:
            audit.evidence_data(evidence_id)
        assert refused.value.params["name"] == "gauge.jpg"
        assert evidence is not None


def test_an_na_reason_draft_is_recovered_as_set_na_would_take_it(tmp_path: Path) -> None:
    i1, i2, i4 = ItemRef("small", "I1"), ItemRef("small", "I2"), ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        audit.set_choice(i2, "yes")
        audit.set_na(i2, "no such machines")
        audit.save_draft(i2, "na_reason", "")  # the reason selected and deleted in the dialog, then the crash
        audit.save_draft(i1, "na_reason", "   ")  # only spaces: no reason at all
        audit.save_draft(i4, "na_reason", " no APS yet \n")
        assert [draft.ref for draft in audit.unsaved_typing()] == [i4]
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.answer(i2).na_reason == "no such machines"  # not cleared: an empty dialog never clears N/A
        assert audit.answer(i1).na_reason is None
        assert audit.answer(i4).na_reason == "no APS yet"  # stripped, as set_na strips it
        assert audit.drafts() == []


def test_a_finding_typed_before_a_crash_is_recorded_at_the_next_opening_as_one_undo_step(tmp_path: Path) -> None:
    from app.core.audit import NEW_FINDING, finding_draft_text

    i4, i1 = ItemRef("small", "I4"), ItemRef("small", "I1")
    with make_audit(tmp_path) as audit:
        audit.save_draft(i4, NEW_FINDING, finding_draft_text("major", " Schedules kept in Excel \n"))
        audit.save_draft(i1, NEW_FINDING, finding_draft_text("minor", "   "))  # no description yet: nothing
        audit.save_draft(i1, "note", "two of three online")
        assert {(draft.ref, draft.field) for draft in audit.unsaved_typing()} == {(i4, NEW_FINDING), (i1, "note")}
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        [finding] = audit.findings()
        assert (finding.ref, finding.severity, finding.description) == (i4, "major", "Schedules kept in Excel")
        assert audit.answer(i1).note == "two of three online" and audit.drafts() == []
        assert {change.entity for change in audit.recovered.changes} == {"finding", "answer"}
        audit.apply(audit.recovered.inverse())  # one undo takes the whole recovery back
        assert audit.findings() == [] and audit.answer(i1).note is None


def test_recording_a_finding_drops_its_dialogs_draft_in_the_same_step(tmp_path: Path) -> None:
    import sqlite3

    from app.core.audit import NEW_FINDING, finding_draft_text

    i4 = ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        audit.save_draft(i4, NEW_FINDING, finding_draft_text("major", "Excel"))
        audit.add_finding(i4, "major", "Excel")  # OK: a crash right after must not record it a second time
        assert audit.drafts() == []
    conn = sqlite3.connect(tmp_path / "audit.sfaudit")  # as a ghost: a draft of an item the checklist lacks
    with conn:
        conn.execute("INSERT INTO draft (checklist_id, item_id, field, text, at) VALUES "
                     "('small', 'I99', 'finding', 'major\nghost', '2026-11-29T10:00:00+00:00')")
    conn.close()
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert [f.description for f in audit.findings()] == ["Excel"]
        assert audit.drafts() == []


def test_corrective_actions_and_edited_findings_typed_before_a_crash_are_saved_at_the_next_opening(
        tmp_path: Path) -> None:
    from app.core.audit import EDITED_ACTION, EDITED_FINDING, NEW_ACTION, action_draft_text, finding_draft_text

    i4, i1 = ItemRef("small", "I4"), ItemRef("small", "I1")
    with make_audit(tmp_path) as audit:
        finding = audit.add_finding(i4, "minor", "Schedules kept in Excel").created_id
        other = audit.add_finding(i1, "minor", "Two gauges out of calibration").created_id
        action = audit.add_action(other, "Calibrate", "Li", "", "open").created_id
        assert finding is not None and other is not None and action is not None
        audit.save_draft(i4, f"{NEW_ACTION}{finding}", action_draft_text("Introduce an APS", "Wang, planning",
                                                                          "2027-03-31", "in_progress"))
        audit.save_draft(i4, f"{EDITED_FINDING}{finding}", finding_draft_text("major", "Schedules in Excel only"))
        audit.save_draft(i1, f"{EDITED_ACTION}{action}", action_draft_text("Calibrate both", "Li", "", "done"))
        with pytest.raises(AuditError):  # a draft must be of the item its record is on
            audit.save_draft(i1, f"{EDITED_FINDING}{finding}", finding_draft_text("major", "x"))
        assert {draft.field for draft in audit.unsaved_typing()} == {f"{NEW_ACTION}{finding}",
                                                                     f"{EDITED_FINDING}{finding}",
                                                                     f"{EDITED_ACTION}{action}"}
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        [found, _] = audit.findings()
        assert (found.severity, found.description) == ("major", "Schedules in Excel only")
        [new] = audit.actions(finding)
        assert (new.description, new.owner, new.due, new.status) == ("Introduce an APS", "Wang, planning",
                                                                     "2027-03-31", "in_progress")
        [edited] = audit.actions(other)
        assert (edited.description, edited.status) == ("Calibrate both", "done")
        assert audit.drafts() == []
        assert sorted(draft_field_name(d.field) for d in audit.recovered_drafts) == [
            "corrective action", "finding", "new corrective action"]
        audit.apply(audit.recovered.inverse())  # one undo takes the whole recovery back
        assert audit.actions(finding) == [] and audit.findings(i4)[0].description == "Schedules kept in Excel"
        assert audit.actions(other)[0].status == "open"


def test_dialog_drafts_that_change_nothing_or_whose_record_is_gone_are_dropped(tmp_path: Path) -> None:
    from app.core.audit import EDITED_ACTION, EDITED_FINDING, NEW_ACTION, action_draft_text, finding_draft_text

    i4 = ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        finding = audit.add_finding(i4, "minor", "Excel").created_id
        gone = audit.add_finding(i4, "minor", "Paper").created_id
        assert finding is not None and gone is not None
        action = audit.add_action(gone, "Scan", "", "", "open").created_id
        audit.save_draft(i4, f"{EDITED_FINDING}{finding}", finding_draft_text("minor", "Excel"))  # as saved
        assert audit.drafts() == []
        audit.save_draft(i4, f"{NEW_ACTION}{finding}", action_draft_text("  ", "", "", "open"))  # an empty dialog
        assert audit.drafts() == []
        audit.save_draft(i4, f"{NEW_ACTION}{gone}", action_draft_text("Plan", "", "", "open"))
        audit.save_draft(i4, f"{EDITED_ACTION}{action}", action_draft_text("Scan all", "", "", "done"))
        audit.add_action(gone, "Plan", "", "", "open")  # OK: the new action's draft goes with it
        assert [draft.field for draft in audit.drafts()] == [f"{EDITED_ACTION}{action}"]
        assert action is not None
        audit.remove_action(action)  # its finding stays
        assert audit.unsaved_typing() == []
        audit.save_draft(i4, f"{EDITED_FINDING}{gone}", finding_draft_text("major", "Paper only"))
        audit.remove_finding(gone)
        assert audit.unsaved_typing() == []
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.recovered.changes == () and audit.drafts() == []
        assert [f.description for f in audit.findings()] == ["Excel"]
        assert [a.description for a in audit.actions()] == ["Plan"]


def test_an_edit_whose_description_was_emptied_before_a_crash_saves_its_other_fields(tmp_path: Path) -> None:
    """The auditor was typing the description anew: the record keeps the one it has, and the rest is saved."""
    from app.core.audit import EDITED_ACTION, EDITED_FINDING, action_draft_text, finding_draft_text

    i4 = ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        finding = audit.add_finding(i4, "minor", "Excel").created_id
        assert finding is not None
        action = audit.add_action(finding, "Plan", "", "", "open").created_id
        audit.save_draft(i4, f"{EDITED_FINDING}{finding}", finding_draft_text("major", ""))
        audit.save_draft(i4, f"{EDITED_ACTION}{action}", action_draft_text(" ", "Wang", "2027-03-31", "done"))
        unchanged = audit.add_finding(i4, "minor", "Paper").created_id
        audit.save_draft(i4, f"{EDITED_FINDING}{unchanged}", finding_draft_text("minor", ""))  # nothing else
        assert len(audit.unsaved_typing()) == 2
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert [(f.severity, f.description) for f in audit.findings()] == [("major", "Excel"), ("minor", "Paper")]
        [kept] = audit.actions()
        assert (kept.description, kept.owner, kept.due, kept.status) == ("Plan", "Wang", "2027-03-31", "done")
        assert audit.drafts() == []


def test_the_profile_dialogs_typing_before_a_crash_is_saved_at_the_next_opening_as_far_as_it_reads(
        tmp_path: Path) -> None:
    """The fields that read as the profile takes them are saved, one undo step; one half typed (a credit code) is
    left as it was, and dates only together (a start after the end is left)."""
    from app.core.audit import AUDIT_REF, PROFILE_DRAFT

    with make_audit(tmp_path) as audit:
        before = audit.profile
        typed = {"name": "恒岳重工（苏州）", "credit_code": "9135", "tags": ["process"], "start_date": "2031-01-01",
                 "end_date": "2030-12-31"}
        audit.save_draft(AUDIT_REF, PROFILE_DRAFT, json.dumps(typed, ensure_ascii=False))
        with pytest.raises(AuditError):
            audit.save_draft(AUDIT_REF, "note", "x")
        with pytest.raises(AuditError):
            audit.save_draft(I1, PROFILE_DRAFT, "{}")
        assert [draft.field for draft in audit.unsaved_typing()] == [PROFILE_DRAFT]
        audit.save_draft(AUDIT_REF, PROFILE_DRAFT, json.dumps({"name": before.name}))  # as it is: nothing kept
        assert audit.drafts() == []
        audit.save_draft(AUDIT_REF, PROFILE_DRAFT, json.dumps(typed, ensure_ascii=False))
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert (audit.profile.name, audit.profile.tags) == ("恒岳重工（苏州）", ("process",))
        assert audit.profile.credit_code == before.credit_code
        assert (audit.profile.start_date, audit.profile.end_date) == (before.start_date, before.end_date)
        assert [draft_field_name(d.field) for d in audit.recovered_drafts] == ["factory profile"]
        assert audit.drafts() == []
        audit.apply(audit.recovered.inverse())  # one undo takes it back
        assert audit.profile == before


def test_dialog_drafts_nested_past_what_json_reads_are_dropped_at_the_opening(tmp_path: Path) -> None:
    """Written by hand or by another program: the audit opens, without them."""
    import sqlite3

    from app.core.audit import NEW_ACTION

    i4 = ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        finding = audit.add_finding(i4, "minor", "Excel").created_id
    conn = sqlite3.connect(tmp_path / "audit.sfaudit")
    with conn:
        for item, field in (("I4", f"{NEW_ACTION}{finding}"), ("", "profile")):
            conn.execute("INSERT INTO draft (checklist_id, item_id, field, text, at) VALUES (?, ?, ?, ?, "
                         "'2026-11-29T10:00:00+00:00')", ("small" if item else "", item, field, "[" * 100_000))
    conn.close()
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.actions() == [] and audit.drafts() == []


def test_a_profile_value_nested_past_what_json_reads_is_damage_said_as_such(tmp_path: Path) -> None:
    import sqlite3

    from app.core.store import DamagedAuditError

    make_audit(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "audit.sfaudit")
    with conn:
        conn.execute("UPDATE profile SET value = ? WHERE key = 'name'", ("[" * 100_000,))
    conn.close()
    with pytest.raises(DamagedAuditError, match="factory profile cannot be read"):
        Audit.open(tmp_path / "audit.sfaudit")


def test_an_action_draft_that_cannot_be_read_whole_saves_what_it_can(tmp_path: Path) -> None:
    import sqlite3

    from app.core.audit import NEW_ACTION

    i4 = ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        finding = audit.add_finding(i4, "minor", "Excel").created_id
    conn = sqlite3.connect(tmp_path / "audit.sfaudit")  # written by a later version, or by hand
    with conn:
        conn.execute("INSERT INTO draft (checklist_id, item_id, field, text, at) VALUES ('small', 'I4', ?, ?, "
                     "'2026-11-29T10:00:00+00:00')", (f"{NEW_ACTION}{finding}",
                                                      '{"description": "Plan", "due": "soon", "status": "later"}'))
        conn.execute("INSERT INTO draft (checklist_id, item_id, field, text, at) VALUES ('small', 'I4', ?, "
                     "'not json', '2026-11-29T10:00:00+00:00')", (f"{NEW_ACTION}x{finding}",))
    conn.close()
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        [action] = audit.actions()
        assert (action.description, action.owner, action.due, action.status) == ("Plan", "", "", "open")
        assert audit.drafts() == []



def test_a_stored_file_sqlite_cannot_read_is_refused_as_damaged(tmp_path: Path) -> None:
    from app.core.store import DamagedAuditError

    path = audit_with_a_broken_photo_chain(tmp_path)
    with Audit.open(path, check_later=True) as audit:
        [photo] = audit.evidence(ItemRef("small", "I1"))
        with pytest.raises(DamagedAuditError, match=rf"evidence #{photo.id} cannot be read \(.+\); take it from"):
            audit.evidence_data(photo.id)


def test_a_new_action_typed_without_its_description_before_a_crash_is_said_not_made(tmp_path: Path) -> None:
    from app.core.audit import NEW_ACTION, action_draft_text

    i4 = ItemRef("small", "I4")
    with make_audit(tmp_path) as audit:
        finding = audit.add_finding(i4, "minor", "Excel").created_id
        audit.save_draft(i4, f"{NEW_ACTION}{finding}", action_draft_text("", "Wang, planning", "2027-03-31", "open"))
        assert len(audit.drafts()) == 1  # what was typed is kept, description or not
        assert audit.unsaved_typing() == []  # but no opening will make an action of it
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.actions() == [] and audit.recovered.changes == () and audit.drafts() == []
        [said] = audit.actions_without_description
        assert (said.ref, said.field) == (i4, f"{NEW_ACTION}{finding}")
