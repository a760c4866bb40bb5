"""The JSON Schema for editors stays in step with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from app.core import checklist_yaml as loader
from app.paths import RESOURCES, bundled_checklists
from tests.helpers import SMALL_CHECKLIST

SCHEMA = json.loads((RESOURCES / "sfc-1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def keys(definition: dict[str, Any]) -> set[str]:
    return set(definition["properties"])


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(("schema_keys", "loader_keys"), [
    (lambda d: keys(SCHEMA), loader.FILE_KEYS),
    (lambda d: keys(d["section"]), loader.SECTION_KEYS),
    (lambda d: keys(d["item"]), loader.ITEM_KEYS),
    (lambda d: keys(d["source"]), loader.SOURCE_KEYS),
    (lambda d: keys(d["option"]), loader.OPTION_KEYS),
    (lambda d: keys(d["item"]["properties"]["target"]), loader.TARGET_KEYS),
    (lambda d: keys(d["item"]["properties"]["refs"]["items"]), loader.REF_KEYS),
    (lambda d: keys(SCHEMA["properties"]["scoring"]), loader.SCORING_KEYS),
])
def test_schema_keys_match_the_loader(schema_keys: Any, loader_keys: tuple[str, ...]) -> None:
    assert schema_keys(SCHEMA["$defs"]) == set(loader_keys)


def test_required_keys_match() -> None:
    assert set(SCHEMA["required"]) == set(loader.FILE_REQUIRED)


@pytest.mark.parametrize("path", [*bundled_checklists(), None], ids=lambda p: p.name if p else "small")
def test_valid_checklists_pass_the_schema(path: Path | None) -> None:
    text = path.read_text(encoding="utf-8") if path else SMALL_CHECKLIST
    errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))]
    assert errors == []


@pytest.mark.parametrize("broken", [
    SMALL_CHECKLIST.replace("critical: true", "critical: true\n        colour: red"),
    SMALL_CHECKLIST.replace("format: sfc/1", "format: sfc/2"),
    SMALL_CHECKLIST.replace("weight: 2", "weight: 0"),
    SMALL_CHECKLIST.replace("type: yes_no", "type: yes_no\n        unit: '%'"),
    SMALL_CHECKLIST.replace("level: workshop", "level: shop"),
])
def test_broken_checklists_fail_the_schema_as_they_fail_the_loader(broken: str) -> None:
    assert list(VALIDATOR.iter_errors(yaml.safe_load(broken)))
    with pytest.raises(loader.ChecklistError):
        loader.load_checklist_text(broken)
