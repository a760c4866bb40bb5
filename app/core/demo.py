"""The bundled demo audit, built by code from the readable description ``resources/demo/demo.yaml``.

Building it from the shipped checklists keeps it in step with them: a description that names an item the
checklists no longer have fails loudly (a test builds it on every run).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from app.core.audit import Audit, AuditError, Edit, ItemRef
from app.core.checklist_yaml import load_checklist_file, read_checklist_text
from app.core.profile import Profile
from app.core.store import AuditFileError, AuditInUseError
from app.paths import CHECKLISTS, RESOURCES, user_data_dir

DEMO_DIR = RESOURCES / "demo"
DEMO_DESCRIPTION = DEMO_DIR / "demo.yaml"
DEMO_FILE_NAME = "demo.sfaudit"


class DemoError(ValueError):
    """The demo description does not fit the checklists."""


def load_description(path: Path = DEMO_DESCRIPTION) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise DemoError(f"{path}: the demo description must be a mapping")
    return data


def build_demo_audit(target: Path, description: Path = DEMO_DESCRIPTION, checklists: Path = CHECKLISTS) -> Path:
    """Create the demo audit at ``target`` (which must not exist); returns ``target``."""
    data = load_description(description)
    loaded = [load_checklist_file(checklists / f"{stem}.yaml") for stem in data["checklists"]]
    profile = Profile.from_dict(data["profile"])
    audit = Audit.create(target, loaded, profile, author=data.get("author"))
    try:
        for entry in data.get("answers", []):
            _answer(audit, entry)
        for entry in data.get("evidence", []):
            ref = audit.resolve(entry["item"])
            audit.add_evidence_file(ref, description.parent / entry["file"], entry.get("caption", ""))
        for entry in data.get("findings", []):
            _finding(audit, entry)
    except (AuditError, KeyError, TypeError) as error:
        audit.close()
        target.unlink()
        raise DemoError(f"{description}: {error}") from None
    audit.close()
    return target


def _answer(audit: Audit, entry: dict[str, Any]) -> None:
    ref = audit.resolve(entry["item"])
    setters: dict[str, Callable[[ItemRef, Any], Edit]] = {"answer": audit.set_choice, "value": audit.set_value,
                                                         "baseline": audit.set_baseline,
                                                         "text": audit.set_text, "na": audit.set_na,
                                                         "note": audit.set_note}
    try:
        unknown = set(entry) - {"item", *setters}
        if unknown:
            raise AuditError(f"unknown key(s) {', '.join(sorted(unknown))}")
        for key, setter in setters.items():
            if key in entry:
                setter(ref, entry[key])
    except AuditError as error:
        raise AuditError(f"item {entry['item']}: {error}") from None


def _finding(audit: Audit, entry: dict[str, Any]) -> None:
    ref: ItemRef = audit.resolve(entry["item"])
    finding = audit.add_finding(ref, entry["severity"], entry["description"])
    assert finding.created_id is not None
    for action in entry.get("actions", []):
        audit.add_action(finding.created_id, action["description"], action.get("owner", ""),
                         str(action.get("due", "")), action.get("status", "open"))


def demo_audit_path() -> Path:
    return user_data_dir() / DEMO_FILE_NAME


def ensure_demo_audit() -> Path:
    """The demo audit in the user's data folder, built on first use or when the shipped checklists changed."""
    path = demo_audit_path()
    if path.exists() and _is_current(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and move into place, so that a half-built demo never appears under its name.
    handle, temporary = tempfile.mkstemp(suffix=".sfaudit", dir=path.parent)
    os.close(handle)
    os.unlink(temporary)
    build_demo_audit(Path(temporary))
    os.replace(temporary, path)
    return path


def _is_current(path: Path) -> bool:
    stems = load_description()["checklists"]
    shipped = {hashlib.sha256(read_checklist_text(CHECKLISTS / f"{stem}.yaml").encode("utf-8")).hexdigest()
               for stem in stems}
    try:
        with Audit.open(path, recover=False) as audit:  # typing a crash left: recovered where it can be told
            return {c.sha256 for c in audit.checklists} == shipped
    except AuditInUseError:
        return True  # open in another window: leave it alone
    except AuditFileError:
        return False
