"""Settings: what start-up records is written only when it changed (each write rewrites the whole file)."""

from __future__ import annotations

from pathlib import Path

from app.ui import settings


def _file_state(path: Path) -> tuple[int, bytes]:
    return path.stat().st_mtime_ns, path.read_bytes()


def test_reopening_the_first_recent_audit_rewrites_nothing(isolated_settings: Path, tmp_path: Path) -> None:
    audit = tmp_path / "plant.sfaudit"
    settings.add_recent_audit(tmp_path / "older.sfaudit", "Older plant")
    settings.add_recent_audit(audit, "恒岳重工")
    settings.set_last_folder(tmp_path)
    settings.mark_started()
    written = _file_state(isolated_settings)
    isolated_settings.touch()  # a rewrite would change the time, also within the file system's time resolution
    touched = _file_state(isolated_settings)
    assert touched[1] == written[1]

    settings.add_recent_audit(audit, "恒岳重工")
    settings.set_last_folder(tmp_path)
    settings.mark_started()
    assert _file_state(isolated_settings) == touched
    assert settings.recent_audits() == [audit.resolve(), (tmp_path / "older.sfaudit").resolve()]


def test_a_change_is_still_written(isolated_settings: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sfaudit", tmp_path / "b.sfaudit"
    settings.add_recent_audit(first, "Plant A")
    settings.add_recent_audit(second, "Plant B")
    settings.add_recent_audit(first, "Plant A, renamed")  # back to first place, with its new name
    assert settings.recent_audits() == [first.resolve(), second.resolve()]
    assert settings.recent_titles() == {first.resolve(): "Plant A, renamed", second.resolve(): "Plant B"}
    settings.add_recent_audit(first)  # no name given: the known one stays
    assert settings.recent_titles()[first.resolve()] == "Plant A, renamed"
    assert settings.first_run()
    settings.mark_started()
    assert not settings.first_run()
    settings.set_last_folder(tmp_path / "x")
    settings.set_last_folder(tmp_path)
    assert settings.last_folder() == str(tmp_path)


def test_a_new_factory_name_does_not_move_an_audit_up_the_list(isolated_settings: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sfaudit", tmp_path / "b.sfaudit"
    settings.add_recent_audit(first, "Plant A")
    settings.add_recent_audit(second, "Plant B")
    settings.set_recent_title(first, "Plant A, renamed")
    settings.set_recent_title(tmp_path / "never-opened.sfaudit", "Plant C")  # not in the list: not added
    assert settings.recent_audits() == [second.resolve(), first.resolve()]
    assert settings.recent_titles() == {first.resolve(): "Plant A, renamed", second.resolve(): "Plant B"}
