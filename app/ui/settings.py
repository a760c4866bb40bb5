"""The one doorway to QSettings: interface language, recent audits, window geometry and splitter sizes.

Tests (and anyone who wants a portable setup) call :func:`use_file` to keep the settings in one INI file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from app.i18n import LANGUAGES

ORGANIZATION = "sfaudit"
APPLICATION = "audit-desk"
MAX_RECENT = 10

_state: dict[str, Path | None] = {"file": None}


def use_file(path: Path | None) -> None:
    """Keep the settings in the INI file ``path`` (None: back to the platform's normal place)."""
    _state["file"] = path


def _store() -> QSettings:
    path = _state["file"]
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


# -- language ------------------------------------------------------------------------------------------------


def language() -> str:
    value = _store().value("language", "zh")
    return value if value in LANGUAGES else "zh"


def set_language(lang: str) -> None:
    _store().setValue("language", lang)


# -- recent audits -------------------------------------------------------------------------------------------


def recent_audits() -> list[Path]:
    return [Path(entry) for entry in _string_list(_store().value("recent_audits", [])) if entry]


def _string_list(value: object) -> list[str]:
    if isinstance(value, str):  # QSettings returns a one-element list as a plain string
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def add_recent_audit(path: Path, title: str = "") -> None:
    """Put ``path`` first among the recent audits, remembering ``title`` (the factory's name) to show with it.

    Reopening the audit already first (as most starts do) writes nothing: every write rewrites the settings file.
    """
    resolved = path.resolve()
    store = _store()
    recent = [Path(entry) for entry in _string_list(store.value("recent_audits", [])) if entry]
    entries = [resolved, *(p for p in recent if p != resolved)][:MAX_RECENT]
    known = _titles(store)
    titles = {str(p): t for p, t in known.items() if p in entries}
    if title:
        titles[str(resolved)] = title
    if entries != recent:
        store.setValue("recent_audits", [str(p) for p in entries])
    if titles != {str(p): t for p, t in known.items()}:
        store.setValue("recent_titles", [f"{p}\t{t}" for p, t in titles.items()])


def set_recent_title(path: Path, title: str) -> None:
    """The factory name shown with ``path`` in the recent audits, where it is in the list (not moved up)."""
    store = _store()
    resolved = path.resolve()
    titles = {str(p): t for p, t in _titles(store).items()}
    recent = [str(entry) for entry in _string_list(store.value("recent_audits", []))]
    if str(resolved) in recent and title and titles.get(str(resolved)) != title:
        titles[str(resolved)] = title
        store.setValue("recent_titles", [f"{p}\t{t}" for p, t in titles.items()])


def recent_titles() -> dict[Path, str]:
    """The factory names last seen in the recent audits, by path."""
    return _titles(_store())


def _titles(store: QSettings) -> dict[Path, str]:
    pairs = (entry.partition("\t") for entry in _string_list(store.value("recent_titles", [])))
    return {Path(p): t for p, _, t in pairs if p and t}


def remove_recent_audit(path: Path) -> None:
    entries = [p for p in recent_audits() if p != path]
    store = _store()
    store.setValue("recent_audits", [str(p) for p in entries])
    store.setValue("recent_titles", [f"{p}\t{t}" for p, t in recent_titles().items() if p in entries])


def first_run() -> bool:
    """True until :func:`mark_started`: the very first start, which opens the demo audit."""
    return not _store().value("started_before", False, type=bool)


def mark_started() -> None:
    if first_run():  # written once: a write rewrites the settings file
        _store().setValue("started_before", True)


def auditor_name() -> str:
    """The auditor at this computer, as the change log of every audit opened here records who made each edit
    (empty: the computer's login name)."""
    value = _store().value("auditor_name", "")
    return value.strip() if isinstance(value, str) else ""


def set_auditor_name(name: str) -> None:
    _store().setValue("auditor_name", name.strip())


def last_folder() -> str:
    """Where audits were last opened or created."""
    return _folder("last_folder", Path.home())


def set_last_folder(folder: Path) -> None:
    store = _store()
    if store.value("last_folder", "") != str(folder):  # unchanged is not rewritten
        store.setValue("last_folder", str(folder))


def evidence_folder() -> str:
    """Where evidence was last added from (a camera's or phone's import folder, usually), else the pictures."""
    pictures = Path.home() / "Pictures"
    return _folder("evidence_folder", pictures if pictures.is_dir() else Path.home())


def set_evidence_folder(folder: Path) -> None:
    _store().setValue("evidence_folder", str(folder))


def _folder(key: str, default: Path) -> str:
    value = _store().value(key, "")
    return value if isinstance(value, str) and value and Path(value).is_dir() else str(default)


# -- window geometry and splitters ---------------------------------------------------------------------------


def window_geometry() -> QByteArray | None:
    value = _store().value("window/geometry")
    return value if isinstance(value, QByteArray) else None


def window_state() -> QByteArray | None:
    value = _store().value("window/state")
    return value if isinstance(value, QByteArray) else None


def save_window(geometry: QByteArray, state: QByteArray) -> None:
    store = _store()
    store.setValue("window/geometry", geometry)
    store.setValue("window/state", state)


def splitter_sizes(name: str) -> list[int]:
    try:
        sizes = [int(v) for v in _string_list(_store().value(f"splitter/{name}", []))]
    except (TypeError, ValueError):
        return []
    return sizes if all(size >= 0 for size in sizes) else []


def set_splitter_sizes(name: str, sizes: list[int]) -> None:
    _store().setValue(f"splitter/{name}", [int(size) for size in sizes])


def header_state(name: str) -> QByteArray | None:
    value = _store().value(f"header/{name}")
    return value if isinstance(value, QByteArray) else None


def set_header_state(name: str, state: QByteArray) -> None:
    _store().setValue(f"header/{name}", state)


def new_audit_form() -> dict[str, Any] | None:
    """What the New audit dialog held when the program last stopped with it open (see :func:`keep_new_audit_form`)."""
    import json

    value = _store().value("new_audit_form", "")
    try:
        form = json.loads(value) if isinstance(value, str) and value else None
    except (ValueError, RecursionError):
        return None
    return form if isinstance(form, dict) else None


def keep_new_audit_form(form: dict[str, Any] | None) -> None:
    """Keep the New audit dialog's fields at every change (None: nothing to keep), written at once: a crash with
    the dialog open loses at most the keystroke in flight. No audit file exists yet to keep them in."""
    import json

    store = _store()
    if form is None:
        if store.contains("new_audit_form"):
            store.remove("new_audit_form")
            store.sync()
        return
    store.setValue("new_audit_form", json.dumps(form, ensure_ascii=False))
    store.sync()
