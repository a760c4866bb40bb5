from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.audit import Audit, ItemRef
from tests.helpers import SMALL_CHECKLIST, write_checklist

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    checklist = write_checklist(tmp_path)
    path = tmp_path / "a.sfaudit"
    assert main(["new", str(path), "--checklist", str(checklist), "--factory", "示例工厂",
                 "--credit-code", "91350100M000100Y43", "--auditor", "王审核", "--tags", "discrete"]) == 0
    return path


def test_new_names_the_file_as_the_window_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checklist = write_checklist(tmp_path)
    assert main(["new", str(tmp_path / "plant"), "--checklist", str(checklist), "--factory", "x"]) == 0
    assert (tmp_path / "plant.sfaudit").is_file() and not (tmp_path / "plant").exists()
    assert capsys.readouterr().out.startswith(f"created {tmp_path / 'plant.sfaudit'}: x, ")


def test_answer_and_show_find_the_audit_by_the_name_new_was_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checklist = write_checklist(tmp_path)
    plant = str(tmp_path / "plant")
    assert main(["new", plant, "--checklist", str(checklist), "--factory", "x"]) == 0
    assert main(["answer", plant, "I1", "--answer", "full"]) == 0
    assert main(["show", plant]) == 0
    assert "x: 1/" in capsys.readouterr().out


def test_new_records_who_created_the_audit(tmp_path: Path) -> None:
    import sqlite3

    checklist = write_checklist(tmp_path)
    path = tmp_path / "b.sfaudit"
    assert main(["new", str(path), "--checklist", str(checklist), "--factory", "示例工厂", "--author", " 李审核 "]) == 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key = 'created_by'").fetchone() == ("李审核",)
    finally:
        conn.close()


def test_validate_reports_problems_with_locations(tmp_path: Path) -> None:
    good = write_checklist(tmp_path, name="good.yaml")
    bad = write_checklist(tmp_path, SMALL_CHECKLIST.replace("weight: 2", "weight: two"), "bad.yaml")
    ok = run("validate", str(good))
    assert ok.returncode == 0 and ok.stdout == ""
    failed = run("validate", str(bad), str(good))
    assert failed.returncode == 1
    assert failed.stdout.strip() == f"{bad}:21:13: 'weight' must be a number, not the text 'two'"
    assert failed.stderr.strip() == "1 problem(s) in 1 file(s); 2 file(s) read"  # the good file has none
    assert "Traceback" not in failed.stderr


def test_a_unit_in_words_is_written_apart_from_its_number(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    days = SMALL_CHECKLIST.replace('unit: "%"', 'unit: "days"', 1)
    assert days != SMALL_CHECKLIST
    checklist = write_checklist(tmp_path, days, "days.yaml")
    assert main(["new", str(tmp_path / "d.sfaudit"), "--checklist", str(checklist), "--factory", "x"]) == 0
    capsys.readouterr()
    assert main(["answer", str(tmp_path / "d.sfaudit"), "I3", "--value", "88", "--baseline", "150"]) == 0
    assert capsys.readouterr().out == "small:I3: 88 days, baseline 150 days\n"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("validate").returncode == 2
    assert run("answer", "x.sfaudit").returncode == 2
    result = run("answer", str(tmp_path / "x.sfaudit"), "I1", "--answer", "full", "--na", "reason")
    assert result.returncode == 2 and "not allowed with argument" in result.stderr


def test_answer_and_show_json(audit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["answer", str(audit), "I1", "--answer", "full", "--note", "抽查3台"]) == 0
    assert main(["answer", str(audit), "I3", "--value", "85", "--baseline", "40"]) == 0
    assert main(["answer", str(audit), "small:I2", "--na", "无清单要求"]) == 0
    capsys.readouterr()
    assert main(["show", str(audit), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items_total"] == 6  # I6 is tagged process, the audit selects discrete
    assert data["items_answered"] == 3 and data["items_na"] == 1
    assert data["verdict"] == "incomplete" and data["score"] == 1.0
    checklist = data["checklists"][0]
    assert (checklist["id"], checklist["level"], checklist["verdict"]) == ("small", "workshop", "incomplete")
    assert [s["id"] for s in checklist["sections"]] == ["S1", "S2"]
    assert checklist["sections"][1]["sections"][0]["id"] == "S2.1"
    assert checklist["sections"][1]["score"] is None


def test_kpi_numbers_are_read_as_the_gui_reads_them(audit: Path) -> None:
    assert main(["answer", str(audit), "I3", "--value", "８５，５", "--baseline", "1,500"]) == 0  # an input method's
    with Audit.open(audit) as opened:
        answer = opened.answer(ItemRef("small", "I3"))
    assert (answer.value, answer.baseline) == (85.5, 1500.0)
    assert main(["answer", str(audit), "I3", "--value", "-1,5", "--baseline", "-12,345.6"]) == 0  # not options
    with Audit.open(audit) as opened:
        answer = opened.answer(ItemRef("small", "I3"))
    assert (answer.value, answer.baseline) == (-1.5, -12345.6)
    for typed in ("1e2", "abc", "12,", "nan"):  # float() would take 1e2 and nan; the GUI does not
        refused = run("answer", str(audit), "I3", "--baseline", typed)
        assert refused.returncode == 1  # invalid input, not wrong usage
        assert refused.stderr == f"error: --baseline: {typed!r} is not a plain number (such as 85, 1,5 or 12,345.6)\n"
    long = run("answer", str(audit), "I3", "--value", "99999999999999999999999")
    assert long.returncode == 1
    assert long.stderr == ("error: --value: '99999999999999999999999' has more than 15 significant digits, more than "
                           "a stored number keeps exactly\n")


def test_answer_errors_exit_1_with_a_message(audit: Path) -> None:
    wrong = run("answer", str(audit), "I1", "--answer", "maybe")
    assert wrong.returncode == 1
    assert "allowed: full, mostly, partly, none" in wrong.stderr and "Traceback" not in wrong.stderr
    assert run("answer", str(audit), "I99", "--answer", "full").returncode == 1
    assert "written reason" in run("answer", str(audit), "I1", "--na", " ").stderr
    missing = run("show", str(audit.with_name("missing.sfaudit")))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


@pytest.mark.parametrize("options", [
    ("--answer", "none", "--baseline", "3"),  # a scale item keeps no baseline
    ("--na", "无此工序", "--note", "x" * 100_001),  # a note too long
    ("--text", "x", "--note", "ok"),  # a scale item takes no text: the note is not written either
])
def test_a_refused_answer_writes_none_of_its_options(audit: Path, options: tuple[str, ...]) -> None:
    assert main(["answer", str(audit), "I1", "--answer", "full"]) == 0
    with Audit.open(audit) as opened:
        logged = len(opened.change_log())
    refused = run("answer", str(audit), "I1", *options)
    assert refused.returncode == 1 and refused.stderr.startswith("error: ") and "Traceback" not in refused.stderr
    with Audit.open(audit) as opened:
        assert opened.answer(ItemRef("small", "I1")) == opened.answer(ItemRef("small", "I1"))._replace(
            choice="full", na_reason=None, note=None, baseline=None)
        assert len(opened.change_log()) == logged


def test_answer_with_several_options_is_one_edit_and_says_what_is_recorded(
        audit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["answer", str(audit), "I3", "--value", "85", "--baseline", "40", "--note", "抽查"]) == 0
    assert capsys.readouterr().out == "small:I3: 85%, baseline 40%, note '抽查'\n"
    with Audit.open(audit) as opened:
        assert len({entry.at for entry in opened.change_log(limit=3)}) == 1
    assert main(["answer", str(audit), "I1", "--na", "无此工序", "--note", "已确认"]) == 0
    assert capsys.readouterr().out == "small:I1: N/A (无此工序), note '已确认'\n"  # the note is said too


@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_text_answer_clears_the_answer_and_says_so(
        audit: Path, capsys: pytest.CaptureFixture[str], empty: str) -> None:
    assert main(["answer", str(audit), "I5", "--text", "按布局图抽查"]) == 0
    assert capsys.readouterr().out == "small:I5: '按布局图抽查'\n"
    assert main(["answer", str(audit), "I5", "--text", empty]) == 0
    assert capsys.readouterr().out == "small:I5: text answer cleared; now unanswered\n"
    with Audit.open(audit) as opened:
        assert opened.answer(ItemRef("small", "I5")).text is None
    assert main(["answer", str(audit), "I5", "--text", empty]) == 0  # nothing to clear: nothing said of it
    assert capsys.readouterr().out == "small:I5: unanswered\n"
    assert main(["answer", str(audit), "I5", "--text", "旧说明"]) == 0
    assert main(["answer", str(audit), "I5", "--na", "无此工序"]) == 0
    capsys.readouterr()
    assert main(["answer", str(audit), "I5", "--text", empty]) == 0  # the text kept under the N/A: the N/A stays
    assert capsys.readouterr().out == "small:I5: text answer cleared; now N/A (无此工序)\n"


def test_a_mistyped_command_never_opens_the_window(audit: Path) -> None:
    for argv in (("shwo", str(audit)), ("shwo",), ("",), (str(audit.parent),)):  # a folder is no audit either
        mistyped = run(*argv)
        assert mistyped.returncode == 2
        assert mistyped.stderr.startswith(f"main.py: '{argv[0]}' is not a command (validate, new, answer, show)")
    two = run(str(audit), str(audit))
    assert two.returncode == 2 and "one audit file at a time" in two.stderr


def test_a_file_name_too_long_to_ask_about_is_still_a_file_name(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from main import _names_a_file
    finally:
        sys.path.remove(str(ROOT))
    assert _names_a_file(str(tmp_path / ("工" * 90 + ".sfaudit")))  # the system raises on it: opening says why
    assert not _names_a_file(str(tmp_path))


def test_an_answer_without_options_shows_the_answer_usage(audit: Path) -> None:
    bare = run("answer", str(audit), "I1")
    assert bare.returncode == 2 and "usage: main.py answer" in bare.stderr


def test_output_to_a_reader_that_stops_early_or_to_a_western_code_page(audit: Path) -> None:
    reader = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "show", str(audit), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # as ``| head -0`` does
    assert b"Traceback" not in reader.stderr.read()
    assert reader.wait() in (0, 141)  # done before the reader left, or stopped quietly as by SIGPIPE
    western = subprocess.run([sys.executable, str(ROOT / "main.py"), "show", str(audit)], capture_output=True,
                             cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert western.returncode == 0 and "示例工厂".encode() in western.stdout


@pytest.mark.parametrize("name", ["", " ", ".sfaudit", "folder/.SFAUDIT", ".", "..", "folder", "folder/"])
def test_new_refuses_a_name_that_names_no_file(tmp_path: Path, name: str) -> None:
    checklist = write_checklist(tmp_path)
    (tmp_path / "folder").mkdir()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "new", name, "--checklist", str(checklist),
                           "--factory", "x"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    unnamed = not name.strip() or name.lower().endswith(".sfaudit")
    assert ("needs a name" if unnamed else "is a folder, not a file name") in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "small.yaml"]


def test_new_refuses_bad_input(tmp_path: Path) -> None:
    checklist = write_checklist(tmp_path)
    bad_code = run("new", str(tmp_path / "b.sfaudit"), "--checklist", str(checklist), "--factory", "x",
                   "--credit-code", "91350100M000100Y44")
    assert bad_code.returncode == 1 and "check character" in bad_code.stderr
    bad_date = run("new", str(tmp_path / "b.sfaudit"), "--checklist", str(checklist), "--factory", "x",
                   "--start-date", "2026-02-30")
    assert bad_date.returncode == 1 and bad_date.stderr.startswith("error: --start-date: '2026-02-30' is not a date")
    missing = run("new", str(tmp_path / "b.sfaudit"), "--checklist", str(tmp_path / "nope.yaml"), "--factory", "x")
    assert missing.returncode == 1 and f"{tmp_path / 'nope.yaml'}:1:1: no such file or folder" in missing.stderr
    bad_tag = run("new", str(tmp_path / "c.sfaudit"), "--checklist", str(checklist), "--factory", "x",
                  "--tags", "discrte")
    assert bad_tag.returncode == 1 and "tag 'discrte'" in bad_tag.stderr
    broken = write_checklist(tmp_path, "format: sfc/1\n", "broken.yaml")
    bad_list = run("new", str(tmp_path / "d.sfaudit"), "--checklist", str(broken), "--factory", "x")
    assert bad_list.returncode == 1 and "broken.yaml:1:1:" in bad_list.stderr
    assert not any((tmp_path / n).exists() for n in ("b.sfaudit", "c.sfaudit", "d.sfaudit"))


def test_typing_a_crash_left_unsaved_is_saved_before_the_command_and_said(
        audit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.core.audit import Audit, ItemRef

    with Audit.open(audit) as opened:  # closed without the save that a pause in the typing brings
        opened.save_draft(ItemRef("small", "I1"), "note", "抽查3台，1台离线")
        opened.save_draft(ItemRef("small", "I3"), "value", "12,")
        opened.save_draft(ItemRef("small", "I4"), "finding", "minor\nNo APS")
        finding = opened.add_finding(ItemRef("small", "I2"), "minor", "No MES").created_id
        opened.save_draft(ItemRef("small", "I2"), f"action+{finding}", '{"owner": "Li"}')  # no description yet
    capsys.readouterr()
    assert main(["answer", str(audit), "I1", "--note", "抽查3台"]) == 0
    captured = capsys.readouterr()
    assert ("recovered what was typed but not saved when the app last stopped: the note of small:I1, the new finding "
            "of small:I4") in captured.err
    assert ("not recovered: '12,', typed in the current value of small:I3 when the app last stopped, is not a "
            "number") in captured.err
    assert ("not recovered: a corrective action on small:I2 had no description yet when the app last stopped "
            "(owner: Li; due: -)") in captured.err
    with Audit.open(audit) as opened:  # the typing is in the log, then the command's own note
        notes = [entry.new for entry in opened.change_log(limit=3) if entry.field == "note"]
        assert notes == ["抽查3台", "抽查3台，1台离线"]
        assert opened.answer(ItemRef("small", "I1")).note == "抽查3台"


def test_show_leaves_typing_a_crash_left_unsaved_for_the_app_and_says_so(
        audit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.core.audit import AUDIT_REF, NEW_ACTION, PROFILE_DRAFT, Audit, ItemRef, action_draft_text

    with Audit.open(audit) as opened:
        opened.save_draft(ItemRef("small", "I1"), "note", "抽查3台")
        finding = opened.add_finding(ItemRef("small", "I4"), "minor", "No APS").created_id
        opened.save_draft(ItemRef("small", "I4"), f"{NEW_ACTION}{finding}", action_draft_text("Plan", "", "", "open"))
        opened.save_draft(AUDIT_REF, PROFILE_DRAFT, json.dumps({"address": "苏州"}, ensure_ascii=False))
    before = audit.read_bytes()
    capsys.readouterr()
    assert main(["show", str(audit)]) == 0
    assert ("typed but not saved when the app last stopped: the factory profile, the note of small:I1, the new "
            "corrective action of small:I4; opening the audit in the app") in capsys.readouterr().err
    assert audit.read_bytes() == before  # a look at the audit does not write it
    with Audit.open(audit) as opened:  # what the opening can only tell of, told as it will be
        opened.set_note(ItemRef("small", "I1"), "抽查3台")
        opened.save_draft(ItemRef("small", "I3"), "value", "12,")
        other = opened.add_finding(ItemRef("small", "I2"), "minor", "No MES").created_id
        opened.save_draft(ItemRef("small", "I2"), f"{NEW_ACTION}{other}", action_draft_text("", "Li", "", "open"))
    capsys.readouterr()
    assert main(["show", str(audit)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "typed but not saved when the app last stopped, and not a number: '12,' in the current value of small:I3",
        "typed but not saved when the app last stopped: a corrective action on small:I2 without a description yet "
        "(owner: Li; due: -)"]


def test_show_reads_an_audit_that_is_read_only_or_open_in_the_app_and_writes_nothing(
        audit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import stat

    from app.core.store import AuditInUseError, ReadOnlyAuditError

    with Audit.open(audit) as opened:  # open in the app, with an answer saved there and a note being typed
        opened.set_choice(ItemRef("small", "I1"), "full")
        opened.save_draft(ItemRef("small", "I2"), "note", "typing")
        capsys.readouterr()
        assert main(["show", str(audit), "--json"]) == 0
        shown = capsys.readouterr()
        assert json.loads(shown.out)["items_answered"] == 1  # as saved there, log included
        assert shown.err == "the audit is open in the app: shown as last saved there\n"  # no crash's typing
    with Audit.open_for_reading(audit) as reading:  # nobody writes it meanwhile: no writer can open it
        assert not reading.open_elsewhere
        with pytest.raises(AuditInUseError):
            Audit.open(audit)
    Audit.open(audit).close()  # once read, it opens again
    before = audit.read_bytes()
    beside = sorted(p.name for p in audit.parent.iterdir())
    audit.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        assert main(["show", str(audit)]) == 0
        assert capsys.readouterr().out.startswith("示例工厂: 1/")
        with Audit.open_for_reading(audit) as reading, pytest.raises(ReadOnlyAuditError, match="opened to be read"):
            reading.set_note(ItemRef("small", "I2"), "x")
    finally:
        audit.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert audit.read_bytes() == before and sorted(p.name for p in audit.parent.iterdir()) == beside


def test_the_change_log_names_the_author_given(audit: Path) -> None:
    from app.core.audit import Audit, default_author

    assert main(["answer", str(audit), "I1", "--answer", "full", "--author", "王审核"]) == 0
    assert main(["answer", str(audit), "I1", "--answer", "none"]) == 0
    with Audit.open(audit) as opened:
        assert [entry.author for entry in opened.change_log(limit=2)] == [default_author(), "王审核"]


def test_show_text_output(audit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["answer", str(audit), "I1", "--answer", "partly"])
    capsys.readouterr()
    assert main(["show", str(audit)]) == 0
    out = capsys.readouterr().out
    assert "示例工厂: 1/6 answered" in out and "S1" in out and "50%" in out
