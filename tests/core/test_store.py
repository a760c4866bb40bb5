from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import store
from app.core.audit import Audit, ItemRef
from app.core.profile import Profile
from app.core.store import (
    SCHEMA_VERSION,
    AuditFileError,
    AuditInUseError,
    DamagedAuditError,
    NewerAuditError,
    NotAnAuditError,
    ReadOnlyAuditError,
    with_audit_suffix,
)
from tests.helpers import (
    audit_with_a_broken_photo_chain,
    audit_with_unreadable_schema,
    make_audit,
    small_checklist,
    with_a_write_ahead_log,
)

ROOT = Path(__file__).resolve().parents[2]


def audit_file(tmp_path: Path) -> Path:
    with make_audit(tmp_path) as audit:
        audit.set_choice(ItemRef("small", "I1"), "full")
    return tmp_path / "audit.sfaudit"


def test_closed_file_is_complete_on_its_own(tmp_path: Path) -> None:
    path = audit_file(tmp_path)
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT choice FROM answer").fetchall() == [("full",)]
    conn.close()


def test_newer_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = audit_file(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerAuditError, match="newer version"):
        Audit.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(("content", "error", "message"), [
    (b"", DamagedAuditError, "empty"),  # an audit cut short
    (b"PK\x03\x04 this is a zip", NotAnAuditError, "not an SQLite database"),  # never an audit: not "damaged"
])
def test_foreign_files_are_refused(tmp_path: Path, content: bytes, error: type[Exception], message: str) -> None:
    path = tmp_path / "x.sfaudit"
    path.write_bytes(content)
    with pytest.raises(error, match=message):
        Audit.open(path)
    assert path.read_bytes() == content


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(NotAnAuditError, match="not an audit file"):
        Audit.open(path)


def test_a_read_only_audit_is_refused_as_read_only_not_damaged(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    audit = make_audit(tmp_path)
    audit.close()
    before = audit.path.read_bytes()
    real_access = os.access
    read_only = {audit.path, audit.path.parent}  # as on a read-only medium, or for another user's file
    monkeypatch.setattr(store.os, "access", lambda path, mode: real_access(path, mode) and not (
        mode == os.W_OK and Path(path).resolve() in {p.resolve() for p in read_only}))
    with pytest.raises(ReadOnlyAuditError, match="cannot be written") as refused:
        Audit.open(audit.path)
    assert refused.value.path == audit.path
    read_only = {audit.path.parent}  # a writable file in a read-only folder: SQLite's journal could not be made
    with pytest.raises(ReadOnlyAuditError):
        Audit.open(audit.path)
    assert audit.path.read_bytes() == before
    assert "-wal" not in str(refused.value)


def test_read_only_advice_names_the_write_ahead_log_that_holds_the_last_edits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A program stopped hard leaves its last edits in the "-wal" file: a copy of the audit alone would lose them."""
    audit = make_audit(tmp_path)
    audit.close()
    left = with_a_write_ahead_log(audit.path)
    real_access = os.access
    monkeypatch.setattr(store.os, "access", lambda path, mode: real_access(path, mode) and not (
        mode == os.W_OK and Path(path).resolve() in {left.resolve(), left.parent.resolve()}))
    with pytest.raises(ReadOnlyAuditError, match=r"copy the file, with its “-wal” file beside it, to a folder"):
        Audit.open(left)


@pytest.mark.skipif(sys.platform == "win32", reason="write bits are POSIX's")
def test_a_file_that_nobody_may_write_is_read_only_also_to_an_administrator(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    audit = make_audit(tmp_path)
    audit.close()
    before = audit.path.read_bytes()
    monkeypatch.setattr(store.os, "access", lambda path, mode: True)  # as for root
    audit.path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyAuditError, match="cannot be written"):
            Audit.open(audit.path)
    finally:
        audit.path.chmod(0o644)
    assert audit.path.read_bytes() == before
    Audit.open(audit.path).close()  # writable again: opens
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:  # nor is an audit made or copied where it could not then be opened
        with pytest.raises(AuditFileError, match="the folder is read-only"):
            Audit.create(folder / "new.sfaudit", [small_checklist(tmp_path)], Profile(name="x"))
        with Audit.open(audit.path) as opened, pytest.raises(AuditFileError, match="cannot be written"):
            opened.save_copy(folder / "copy.sfaudit")
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_a_creation_cut_short_is_said_as_such_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "cut.sfaudit"
    conn, lock = store.create_database(path)  # the schema is there; the creation's one transaction never came
    store.close_database(conn, lock)
    before = path.read_bytes()
    with pytest.raises(store.UnfinishedAuditError, match="never finished: the program stopped while creating it"):
        Audit.open(path)
    assert path.read_bytes() == before and not Path(f"{path}-wal").exists()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "show", str(path)], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 1 and "delete it and create the audit again" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_audit_whose_checklists_are_lost_is_damaged_not_deletable(tmp_path: Path) -> None:
    path = audit_file(tmp_path)  # answered: an audit, whatever else it lost
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM checklist_detail")
        conn.execute("DELETE FROM checklist_model")
        conn.execute("DELETE FROM checklist")
    conn.close()
    with pytest.raises(DamagedAuditError, match="its checklists are missing") as refused:
        Audit.open(path)
    assert not isinstance(refused.value, store.UnfinishedAuditError)


def test_damaged_file_is_detected_and_never_overwritten(tmp_path: Path) -> None:
    path = audit_file(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - 64, page):  # scribble over every page but the header page
        data[offset + 16: offset + 48] = b"\xde\xad\xbe\xef" * 8
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedAuditError, match=r"damaged.*not changed"):
        Audit.open(path)
    assert path.read_bytes() == bytes(data)


def _files(path: Path) -> tuple[bytes, bytes]:
    return path.read_bytes(), Path(f"{path}-wal").read_bytes()


def test_a_killed_programs_last_edit_in_the_write_ahead_log_is_kept_and_folded_in(tmp_path: Path) -> None:
    path = with_a_write_ahead_log(audit_file(tmp_path))
    with Audit.open(path) as audit:
        assert audit.answer(ItemRef("small", "I2")).choice == "yes"
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with sqlite3.connect(path) as conn:  # the one file holds it on its own
        assert conn.execute("SELECT choice FROM answer WHERE item_id = 'I2'").fetchall() == [("yes",)]


@pytest.mark.parametrize("check_later", [False, True])
def test_a_damaged_file_with_a_write_ahead_log_is_left_byte_for_byte(tmp_path: Path, check_later: bool) -> None:
    """Closing the last connection would fold the log into the damaged file: refused, neither file is touched."""
    path = with_a_write_ahead_log(audit_with_a_broken_photo_chain(tmp_path))
    before = _files(path)
    with pytest.raises(DamagedAuditError, match=r"damaged.*not changed"):
        if check_later:  # as the window opens it: the check runs while it loads, the first edit waits for it
            with Audit.open(path, check_later=True) as audit:
                audit.set_choice(ItemRef("small", "I1"), "full")
        else:
            Audit.open(path)
    assert _files(path) == before


def test_a_damaged_file_reached_through_a_link_keeps_its_log(tmp_path: Path) -> None:
    target = with_a_write_ahead_log(audit_with_a_broken_photo_chain(tmp_path))
    before = _files(target)
    link = tmp_path / "link.sfaudit"
    link.symlink_to(target)
    with pytest.raises(DamagedAuditError):
        Audit.open(link)
    assert _files(target) == before


def test_an_audit_closed_before_anyone_asked_for_the_check_still_waits_for_it(tmp_path: Path) -> None:
    """Quitting at once: the check may still run, or be done with nobody told. A damaged file keeps its log; a
    sound one takes it in."""
    damaged = with_a_write_ahead_log(audit_with_a_broken_photo_chain(tmp_path / "damaged"))
    before = _files(damaged)
    Audit.open(damaged, check_later=True).close()
    assert _files(damaged) == before
    sound = with_a_write_ahead_log(audit_file(tmp_path))
    Audit.open(sound, check_later=True).close()
    assert not Path(f"{sound}-wal").exists() or Path(f"{sound}-wal").stat().st_size == 0


@pytest.mark.parametrize(("last_edit", "refusal"), [
    ("PRAGMA user_version = 999", NewerAuditError),
    ("PRAGMA application_id = 7", NotAnAuditError),
])
def test_a_refused_file_with_a_write_ahead_log_is_left_byte_for_byte(tmp_path: Path, last_edit: str,
                                                                      refusal: type[AuditFileError]) -> None:
    path = with_a_write_ahead_log(audit_file(tmp_path), last_edit)
    before = _files(path)
    with pytest.raises(refusal):
        Audit.open(path)
    assert _files(path) == before


@pytest.mark.parametrize("check_later", [False, True])
def test_damage_that_sqlite_describes_in_unreadable_bytes_is_still_damage(tmp_path: Path, check_later: bool) -> None:
    path = audit_with_unreadable_schema(tmp_path)
    before = path.read_bytes()
    with pytest.raises(DamagedAuditError, match=r"damaged.*not changed"):
        Audit.open(path, check_later=check_later).close()
    assert path.read_bytes() == before


@pytest.mark.parametrize(("column", "stored"), [
    ("profile.value", "'{{{'"),  # the factory profile is JSON
    ("answer.note", "CAST(X'E6B3A8FF' AS TEXT)"),  # text that is no UTF-8
])
def test_damaged_records_are_reported_as_damage(tmp_path: Path, column: str, stored: str) -> None:
    path = audit_file(tmp_path)
    table, name = column.split(".")
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE {table} SET {name} = {stored}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DamagedAuditError, match=r"damaged|invalid"):
        Audit.open(path)
    assert path.read_bytes() == before


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AuditFileError, match="does not exist"):
        Audit.open(tmp_path / "nope.sfaudit")


def test_second_writer_is_told_the_file_is_in_use(tmp_path: Path) -> None:
    path = audit_file(tmp_path)
    with Audit.open(path):
        with pytest.raises(AuditInUseError, match="already open"):
            Audit.open(path)
        probe = subprocess.run([sys.executable, "-c", f"from app.core.audit import Audit; Audit.open({str(path)!r})"],
                               cwd=ROOT, capture_output=True, text=True)
        assert "AuditInUseError" in probe.stderr
    with Audit.open(path) as audit:  # released on close
        assert audit.answer(ItemRef("small", "I1")).choice == "full"


def test_save_a_copy_uses_the_backup_api(tmp_path: Path) -> None:
    path = audit_file(tmp_path)
    with Audit.open(path) as audit:
        audit.set_choice(ItemRef("small", "I2"), "yes")
        audit.save_copy(tmp_path / "copy.sfaudit")
        with pytest.raises(AuditFileError, match="already exists"):
            audit.save_copy(tmp_path / "copy.sfaudit")
        with pytest.raises(AuditFileError, match=r"folder .*missing does not exist"):  # said as such, not raised
            audit.save_copy(tmp_path / "missing" / "copy.sfaudit")
    assert not (tmp_path / "missing").exists()
    assert with_audit_suffix(Path("copy")) == Path("copy.sfaudit")
    assert with_audit_suffix(Path("COPY.SFAUDIT")) == Path("COPY.SFAUDIT")
    with Audit.open(tmp_path / "copy.sfaudit") as copy:
        assert copy.answer(ItemRef("small", "I2")).choice == "yes"


def test_a_file_name_too_long_for_the_file_system_is_refused_as_such(tmp_path: Path) -> None:
    long_name = "工" * 83 + ".sfaudit"  # 257 bytes: the file system would raise, not answer
    with pytest.raises(AuditFileError, match=r"file name .* is too long; choose a shorter one"):
        Audit.create(tmp_path / long_name, [small_checklist(tmp_path)], Profile(name="x"))
    with Audit.open(audit_file(tmp_path)) as audit, pytest.raises(AuditFileError, match="too long"):
        audit.save_copy(tmp_path / long_name)
    fits = "工" * 79 + ".sfaudit"  # 245 bytes, with room for SQLite's "-journal"
    assert not store.name_too_long(tmp_path / fits) and store.name_too_long(tmp_path / long_name)
    Audit.create(tmp_path / fits, [small_checklist(tmp_path)], Profile(name="x")).close()
    assert sorted(path.name for path in tmp_path.glob("*.sfaudit")) == sorted([fits, "audit.sfaudit"])
    long_folder = tmp_path / ("夹" * 90) / "audit.sfaudit"  # a folder the system cannot ask about: said, not raised
    with pytest.raises(AuditFileError, match=r"cannot create .*: File name too long"):
        Audit.create(long_folder, [small_checklist(tmp_path)], Profile(name="x"))
    assert store.fitting_name("工" * 100, "-copy.sfaudit") == "工" * 78 + "-copy.sfaudit"  # 247 bytes
    assert store.fitting_name("plant", ".sfaudit") == "plant.sfaudit"


def test_file_names_are_measured_as_the_file_system_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    assert store.name_length("工厂.sfaudit") == 14  # bytes: 3 a Chinese character
    monkeypatch.setattr(store.sys, "platform", "win32")
    assert store.name_length("工厂.sfaudit") == 10  # UTF-16 units on Windows
    assert not store.name_too_long(Path("工" * 200 + ".sfaudit"))


def test_evidence_is_listed_without_reading_the_photos(tmp_path: Path) -> None:
    from app.core.audit import EVIDENCE_LISTING

    conn = sqlite3.connect(audit_file(tmp_path))
    plan = " ".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {EVIDENCE_LISTING}"))
    conn.close()
    assert "COVERING INDEX evidence_listing" in plan


def test_a_check_left_for_later_still_finds_damage_and_no_edit_is_written(tmp_path: Path) -> None:
    path = audit_with_a_broken_photo_chain(tmp_path)
    before = path.read_bytes()
    with pytest.raises(DamagedAuditError):  # checked at once, as the command line does
        Audit.open(path)
    audit = Audit.open(path, check_later=True)  # as the window does: it opens, the check runs meanwhile
    assert audit.answer(ItemRef("small", "I1")).choice is None
    with pytest.raises(DamagedAuditError, match=r"damaged.*not changed"):
        audit.set_choice(ItemRef("small", "I1"), "full")
    assert audit.verified
    with pytest.raises(DamagedAuditError):
        audit.verify()
    audit.close()
    assert path.read_bytes() == before


def test_a_check_left_for_later_passes_on_a_sound_file(tmp_path: Path) -> None:
    with Audit.open(audit_file(tmp_path), check_later=True) as audit:
        audit.set_choice(ItemRef("small", "I1"), "none")  # waits for the check, then writes
        assert audit.verified
        audit.verify()
    with Audit.open(tmp_path / "audit.sfaudit") as audit:
        assert audit.answer(ItemRef("small", "I1")).choice == "none"
