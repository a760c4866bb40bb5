"""The stored checklist model: a faithful round trip, and any damage or other format read as "no model"."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest

from app.core import checklist_cache
from app.core.audit import Audit
from app.core.checklist import Item, Section, StoredDetails, Text
from app.core.checklist_yaml import load_checklist_file, load_checklist_text
from app.core.store import DamagedAuditError
from app.paths import bundled_checklists
from tests.helpers import SMALL_CHECKLIST, make_audit


@pytest.mark.parametrize("path", bundled_checklists(), ids=lambda p: p.stem)
def test_every_shipped_checklist_comes_back_equal(path: Path) -> None:
    checklist = load_checklist_file(path).checklist
    restored = checklist_cache.loads(checklist_cache.dumps(checklist))
    assert restored == checklist
    assert restored is not None
    assert [item.id for item in restored.iter_items()] == [item.id for item in checklist.iter_items()]
    first = next(restored.iter_items())
    assert isinstance(first, Item) and isinstance(first.title, Text) and isinstance(restored.sections[0], Section)
    assert restored.item(first.id) is first


NESTED = """\
format: sfc/1
id: nested
version: "1"
level: factory
title: {zh: 嵌套, en: Nested}
sections:
  - id: A
    title: {zh: 甲, en: A}
    items:
      - {id: A1, title: {zh: 一, en: One}, requirement: {zh: 要求, en: Must}}
    sections:
      - id: A.x
        title: {zh: 子, en: Child}
        items:
          - {id: X1, title: {zh: 二, en: Two}, requirement: {zh: 要求, en: Must}, type: number, unit: "%",
             target: {min: 90}, baseline: true}
          - {id: X2, title: {zh: 三, en: Three}, requirement: {zh: 要求, en: Must}, type: text}
  - id: B
    title: {zh: 乙, en: B}
    weight: 2
    items:
      - {id: B1, title: {zh: 四, en: Four}, requirement: {zh: 要求, en: Must}, type: yes_no, critical: true}
"""


def test_nested_sections_keep_their_own_items_and_order() -> None:
    checklist = load_checklist_text(NESTED, "nested.yaml")
    restored = checklist_cache.loads(checklist_cache.dumps(checklist))
    assert restored == checklist
    assert restored is not None
    assert [(s.id, [i.id for i in s.items]) for s in restored.iter_sections()] == \
        [("A", ["A1"]), ("A.x", ["X1", "X2"]), ("B", ["B1"])]
    kpi = restored.item("X1")
    assert kpi is not None and kpi.target is not None and kpi.target.min == 90 and kpi.baseline


def test_items_share_the_values_of_a_column_each_stored_once() -> None:
    text = NESTED.replace("sections:\n", "tags:\n  - {id: cnc, label: {zh: 数控, en: CNC}}\nsections:\n", 1).replace(
        "type: text}", "type: text, tags: [cnc], weight: 2}").replace(
        "critical: true}", "critical: true, tags: [cnc], weight: 2.5}")
    checklist = load_checklist_text(text, "nested.yaml")
    model = checklist_cache.dumps(checklist)
    summary = json.loads(model.split(b"\n")[1])
    assert summary["items"]["weight"] == [[1.0, 2.0, 2.5], "0012"]
    assert summary["items"]["tags"] == [[[], ["cnc"]], "0011"]
    restored = checklist_cache.loads(model)
    assert restored == checklist and restored is not None
    x2, b1 = restored.item("X2"), restored.item("B1")
    assert x2 is not None and b1 is not None and x2.tags is b1.tags == ("cnc",)
    assert [item.weight for item in restored.iter_items()] == [1.0, 1.0, 2.0, 2.5]


def test_a_column_of_more_values_than_the_characters_before_the_surrogates_comes_back() -> None:
    values = [float(n) for n in range(0xD800 + 10)]  # each its own code, past U+D7FF
    stored = checklist_cache._coded(values)
    assert not any(0xD800 <= ord(code) <= 0xDFFF for code in stored[1])
    assert stored[1].encode() and checklist_cache._decoded("weight", json.loads(json.dumps(stored))) == values


def _parts(checklist_text: str = SMALL_CHECKLIST) -> tuple[dict[str, Any], bytes]:
    _crcs, summary, details = checklist_cache.dumps(load_checklist_text(checklist_text, "small.yaml")).split(b"\n", 2)
    return json.loads(summary), details


def _joined(summary: dict[str, Any], details: bytes) -> bytes:
    """A model as a forger would write it: with matching CRCs, so that only the structural checks can refuse it."""
    line = json.dumps(summary, ensure_ascii=False).encode()
    return b"%08x %08x\n" % (zlib.crc32(line), zlib.crc32(details)) + line + b"\n" + details


def _damaged(change: Any) -> bytes:
    summary, details = _parts()
    change(summary)
    return _joined(summary, details)


@pytest.mark.parametrize("change", [
    lambda d: d.update(cache=2),
    lambda d: d["items"]["title"].pop(),
    lambda d: d["items"]["title"].__setitem__(0, ["only one"]),
    lambda d: d["items"].pop("weight"),
    lambda d: d["sections"].pop(),
    lambda d: d["sections"][0].__setitem__(6, 99),
    lambda d: d["sections"].append(d["sections"][0]),
    lambda d: d.update(top=5),
    lambda d: (d["sections"][0].__setitem__(6, -1), d["sections"][1].__setitem__(6, d["sections"][1][6] + 1)),
    lambda d: d.update(top=1, sections=[["S", ["", ""], ["", ""], ["", ""], 1, 1, 0]] * 5000
                       + [["S", ["", ""], ["", ""], ["", ""], 1, 0, len(d["items"]["id"])]]),
    lambda d: d.update(head=[]),
    lambda d: d["details"].pop(),
    lambda d: d["details"].__setitem__(1, d["details"][0]),
    lambda d: d["details"].__setitem__(slice(1, 3), d["details"][2:0:-1]),
    lambda d: d["details"].__setitem__(-1, 10**9),
    lambda d: d["details"].__setitem__(1, float(d["details"][1])),
    lambda d: d["items"]["weight"].__setitem__(1, d["items"]["weight"][1] + "9"),
    lambda d: d["items"]["weight"].__setitem__(1, d["items"]["weight"][1][:-1] + "z"),
    lambda d: d["items"]["type"].__setitem__(1, [0] * len(d["items"]["id"])),
    lambda d: d["items"]["tags"].__setitem__(0, ["a", "b"]),
    lambda d: d["items"]["target"].__setitem__(0, [[1, 2, 3]]),
], ids=["other format", "short column", "text not a pair", "missing column", "missing section",
        "section claims too many items", "extra section", "too many top sections",
        "negative count that still adds up", "sections nested too deep", "empty head", "details index short",
        "details index not increasing", "details index out of order",
        "details index past the end", "details index not whole numbers", "one code too many",
        "a code of no value", "codes not a string", "tags not a list", "target not a pair"])
def test_a_damaged_or_foreign_model_reads_as_none(change: Any) -> None:
    assert checklist_cache.loads(_damaged(change)) is None


@pytest.mark.parametrize("part", ["summary", "details"])
def test_any_damaged_byte_fails_the_checksum(part: str) -> None:
    model = checklist_cache.dumps(load_checklist_text(SMALL_CHECKLIST, "small.yaml"))
    assert checklist_cache.loads(model) is not None
    summary_end = model.index(b"\n", 18)
    middle = (18 + summary_end) // 2 if part == "summary" else (summary_end + len(model)) // 2
    for damage in (0x01, 0x20, 0x80):
        flipped = bytearray(model)
        flipped[middle] ^= damage
        assert checklist_cache.loads(bytes(flipped)) is None
    for cut in (1, 20, 200):
        assert checklist_cache.loads(model[:-cut]) is None
    assert checklist_cache.loads(b"00000000" + model[8:]) is None
    assert checklist_cache.loads(model[:9] + b"00000000" + model[17:]) is None


@pytest.mark.parametrize("data", [b"", b"not json", b"[]\n[]", b"null\n", b'{"cache": 3}\n[]', "a text model",
                                  None])
def test_garbage_reads_as_none(data: bytes | str | None) -> None:
    assert checklist_cache.loads(data) is None


def test_details_are_decoded_only_when_read() -> None:
    checklist = load_checklist_text(NESTED, "nested.yaml")
    restored = checklist_cache.loads(checklist_cache.dumps(checklist))
    assert restored is not None
    x1 = restored.item("X1")
    assert x1 is not None and isinstance(x1.details, StoredDetails)
    store = x1.details.source
    assert isinstance(store, checklist_cache.DetailStore)
    assert store._decoded == [None] * 4
    assert x1.requirement == Text("要求", "Must") and x1.guidance == Text()
    assert [d is not None for d in store._decoded] == [False, True, False, False]
    restored.load_details()
    assert all(store._decoded) and store._data == b""  # the stored bytes are let go
    assert [i.details for i in restored.iter_items()] == [i.details for i in checklist.iter_items()]


def test_a_forged_entry_with_a_matching_checksum_says_it_is_damaged() -> None:
    summary, details = _parts(NESTED)
    forged = details.replace('[["要求","Must"]]'.encode(), b'[["x"]]', 1)  # shorter: the offsets move too
    shift = len(details) - len(forged)
    first_start, *later_starts = summary["details"]
    summary["details"] = [first_start, *(start - shift for start in later_starts)]
    restored = checklist_cache.loads(_joined(summary, forged))
    assert restored is not None
    first, second = restored.item("A1"), restored.item("X1")
    assert first is not None and first.requirement == checklist_cache.DAMAGED_DETAILS.requirement
    assert second is not None and second.requirement == Text("要求", "Must")
    restored.load_details()  # the one-pass decoding agrees
    assert restored.item("A1") is first and first.requirement.en.startswith("(The stored text of this item is damaged")


def test_a_damaged_file_with_an_older_model_is_left_byte_identical(tmp_path: Path) -> None:
    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE checklist_model SET model = '{\"cache\": 2}'")
        conn.execute("UPDATE profile SET value = '\"\"' WHERE key = 'name'")  # found damaged after the checklists
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DamagedAuditError, match="factory profile cannot be read"):
        Audit.open(path)
    assert path.read_bytes() == before


def test_an_older_model_is_replaced_when_the_audit_opens(tmp_path: Path) -> None:
    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE checklist_model SET model = '{\"cache\": 2}'")
    conn.close()
    with Audit.open(path) as audit:
        assert audit.checklist("small").item("I1") is not None
    with sqlite3.connect(path) as conn:
        model = conn.execute("SELECT model FROM checklist_model").fetchone()[0]
    conn.close()
    assert isinstance(model, bytes) and json.loads(model.split(b"\n")[1])["cache"] == checklist_cache.CACHE_FORMAT


@pytest.mark.parametrize("entry", [b"[" * 100_000 + b"]" * 100_000, b"[[1,2]]", b'[["a","b"],["c","d"],[[3,4]]]'])
def test_a_forged_entry_of_the_wrong_shape_reads_as_damaged(entry: bytes) -> None:
    summary, details = _parts(NESTED)
    starts = summary["details"]
    first_end = starts[1] - 1
    forged = details[:1] + entry + details[first_end:]
    shift = len(forged) - len(details)
    summary["details"] = [starts[0], *(start + shift for start in starts[1:])]
    restored = checklist_cache.loads(_joined(summary, forged))
    assert restored is not None
    first = restored.item("A1")
    assert first is not None and first.requirement == checklist_cache.DAMAGED_DETAILS.requirement
    restored.load_details()
    assert restored.item("X1") is not None and restored.item("X1").requirement == Text("要求", "Must")
